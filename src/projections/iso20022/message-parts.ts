import { labelOf } from '../../domain/shared/resolution-label';

/**
 * Parts the seev messages share, as govrec fills them: a message body is a plain tree of element
 * names (in the schema's order), text and arrays of repeats, for src/infra/iso20022 to write as XML.
 */

/** A meeting's kind as ISO 20022 codes it: general (annual), extraordinary, special (a class meeting). */
export const MEETING_TYPE = { AGM: 'GMET', EGM: 'XMET', CLASS: 'SPCL' } as const;

/** What the messages say of a meeting: its id, when it starts, and its kind. */
export interface MeetingHeader {
  readonly meetingId: string;
  /** ISO 8601 with its offset, as the meeting was scheduled. */
  readonly startsAt: string;
  readonly kind: keyof typeof MEETING_TYPE;
}

/** MeetingReference10: the meeting's id, date and time, and type. */
export const meetingReference = (m: MeetingHeader) => ({
  MtgId: m.meetingId,
  MtgDtAndTm: m.startsAt,
  Tp: MEETING_TYPE[m.kind],
});

/** How govrec names a share class among a security's other identifications. */
export const SHARE_CLASS_ID_TYPE = 'GOVREC-SHARE-CLASS';

/** SecurityIdentification19 of a share class: the class code as another identification. */
export const shareClassIdentification = (code: string) => ({
  OthrId: [{ Id: code, Tp: { Prtry: SHARE_CLASS_ID_TYPE } }],
  Desc: `${code} shares`,
});

/** A resolution's label on the agenda, as the issuer's notice prints it ("2(a)"); else its number. */
export const issuerLabel = (item: { readonly number: number; readonly label?: string }): string =>
  labelOf(item);
