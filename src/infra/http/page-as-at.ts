import { MeetingDetails, MeetingView, RecordAsAt } from '../../index';
import { html } from './page-markup';

/** The results pages as at a moment past (`?asAt=`): what they say of the moment, and the details then. */

/** "As at position 41 (2023-11-23T14:20:00+08:00)": what a page of a moment past shows. */
export const asAtLede = (record: RecordAsAt): string =>
  record.position < 0
    ? 'As at the start of the record: before its first event.'
    : `As at position ${record.position} of the record${record.occurredAt ? ` (${record.occurredAt})` : ''}: figures folded from the events up to it.`;

/** A form asking for the record as at a position or a time (a plain GET: no script needed). */
export const asAtForm = (record: RecordAsAt | undefined) =>
  html`<form class="filters no-print" method="get">
    <label
      >As at (a position, or a time with its offset)<input
        name="asAt"
        value="${record ? String(record.position) : ''}"
        placeholder="2023-11-23T14:20:00+08:00" /></label
    ><button type="submit">Show</button>
  </form>`;

const NOBODY = { holders: 0, shares: 0, votes: 0 };

/**
 * A meeting's details at a moment past: attendance as it then stood, and none of the proceedings the
 * results' status says had not happened yet (no certificate before certification, no poll times
 * before the poll). The company, place and majorities are as recorded when the meeting was set up.
 */
export function asAtDetails(details: MeetingDetails, m: MeetingView, record: RecordAsAt): MeetingDetails {
  const byMode = record.attendance(m.id)?.byMode;
  const p = details.proceedings;
  const polled = m.status !== 'DRAFT';
  const closed = m.status === 'CLOSED' || m.status === 'CERTIFIED';
  return {
    ...details,
    attendanceByMode: {
      IN_PERSON: byMode?.IN_PERSON ?? NOBODY,
      PROXY: byMode?.PROXY ?? NOBODY,
      CORPORATE_REPRESENTATIVE: byMode?.CORPORATE_REPRESENTATIVE ?? NOBODY,
      ONLINE: byMode?.ONLINE ?? NOBODY,
    },
    proceedings: {
      ...(polled && p.opened ? { opened: p.opened } : {}),
      ...(polled && p.pollOpenedAt ? { pollOpenedAt: p.pollOpenedAt } : {}),
      ...(closed && p.pollClosedAt ? { pollClosedAt: p.pollClosedAt } : {}),
      ...(m.status === 'CERTIFIED' && p.certified ? { certified: p.certified } : {}),
    },
  };
}
