/**
 * The label of a resolution whose notice gave it none of its own: its number. Events written before
 * labels were recorded are read so (upcasters.ts), and so is a proposal that names no label.
 */
export const labelOf = (item: { readonly number: number; readonly label?: string }): string =>
  item.label ?? String(item.number);
