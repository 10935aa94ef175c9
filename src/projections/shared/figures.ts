/** Share counts as announcements print them: whole numbers with thousands separators ("659,910,462"). */
export const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
