import { issuerLabel, MEETING_TYPE, MeetingHeader, shareClassIdentification } from './message-parts';

/**
 * seev.001 MeetingNotification of a scheduled meeting: the meeting, when and where, the issuer,
 * the share classes that vote, and each resolution on the agenda with the votes it takes (FOR,
 * AGAINST, ABSTAIN: those govrec records).
 */
export const SEEV_001 = 'seev.001.001.10';
export const SEEV_001_ROOT = 'MtgNtfctn';

/** The meeting as scheduled. */
export interface ScheduledMeeting extends MeetingHeader {
  readonly companyName: string;
  readonly place: string;
  readonly shareClasses: readonly string[];
  /** The day notice was issued, if it was. */
  readonly noticeIssuedOn?: string;
}

/** A resolution on the meeting's agenda. */
export interface AgendaResolution {
  /** Its place in the notice's order. */
  readonly number: number;
  /** As the notice prints it, where that is not its number. */
  readonly label?: string;
  readonly title: string;
  readonly kind: 'ORDINARY' | 'SPECIAL';
  readonly withdrawn?: boolean;
  readonly proposedByHolders?: boolean;
}

const VOTE_OPTIONS = ['CFOR', 'CAGS', 'ABST'].map((Tp) => ({ VoteInstrTpCd: { Tp } }));

/** ISO 20022 text is at most 350 characters here; longer titles are cut, never refused. */
const max = (text: string, length: number): string => (text.length <= length ? text : text.slice(0, length));

export function meetingNotification(
  meeting: ScheduledMeeting,
  agenda: readonly AgendaResolution[],
  messageId: string,
) {
  return {
    NtfctnGnlInf: {
      NtfctnId: messageId,
      NtfctnTp: 'NEWM',
      NtfctnSts: { EvtCmpltnsSts: 'COMP', EvtConfSts: 'CONF' },
    },
    Mtg: {
      MtgId: meeting.meetingId,
      Tp: MEETING_TYPE[meeting.kind],
      ...(meeting.noticeIssuedOn ? { AnncmntDt: meeting.noticeIssuedOn } : {}),
    },
    MtgDtls: [{ DtAndTm: meeting.startsAt, Lctn: { AdrLine: max(meeting.place, 350) } }],
    Issr: { Id: { NmAndAdr: { Nm: max(meeting.companyName, 140) } } },
    Scty: meeting.shareClasses.map((code) => ({ FinInstrmId: shareClassIdentification(code) })),
    Rsltn: [...agenda]
      .sort((a, b) => a.number - b.number)
      .map((r) => ({
        IssrLabl: issuerLabel(r),
        Desc: [{ Lang: 'en', Titl: max(r.title, 350) }],
        Tp: r.kind === 'SPECIAL' ? 'EXTR' : 'ORDI',
        ForInfOnly: false,
        Sts: r.withdrawn ? 'WDRA' : 'ACTV',
        ...(r.proposedByHolders ? { SubmittdBySctyHldr: true } : {}),
        VoteInstrTp: VOTE_OPTIONS,
      })),
  };
}
