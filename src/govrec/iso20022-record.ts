import { EventStore } from '../application/event-store';
import { toDomainEvent } from '../application/stored-events';
import { AgendaResolution, ScheduledMeeting } from '../projections/iso20022/meeting-notification';

/**
 * What the seev messages say of a meeting, read from its stream: as scheduled and noticed, and
 * its agenda (each resolution's number, title and kind, and whether it was withdrawn).
 */
export interface MeetingOnRecord {
  readonly meeting: ScheduledMeeting;
  readonly agenda: readonly (AgendaResolution & { readonly resolutionId: string })[];
  /** The seal of the certification, if the results are certified. */
  readonly seal?: { readonly algorithm: string; readonly root: string };
}

interface Scheduled {
  meetingId: string;
  company: { name: string };
  kind: ScheduledMeeting['kind'];
  shareClasses: { code: string }[];
  startsAt: string;
  place: string;
}

export async function meetingOnRecord(
  store: EventStore,
  meetingId: string,
): Promise<MeetingOnRecord | undefined> {
  let meeting: ScheduledMeeting | undefined;
  const agenda = new Map<string, AgendaResolution & { resolutionId: string }>();
  let seal: MeetingOnRecord['seal'];
  for (const recorded of await store.readStream(`meeting-${meetingId}`)) {
    const e = toDomainEvent(recorded);
    if (e.type === 'MeetingScheduled') {
      const d = e.data as unknown as Scheduled;
      meeting = {
        meetingId: d.meetingId,
        kind: d.kind,
        startsAt: d.startsAt,
        companyName: d.company.name,
        place: d.place,
        shareClasses: d.shareClasses.map((c) => c.code),
      };
    } else if (e.type === 'NoticeIssued' && meeting) {
      meeting = { ...meeting, noticeIssuedOn: e.data.issuedOn };
    } else if (e.type === 'ResolutionTabled') {
      const { resolutionId, number, label, title, kind } = e.data;
      agenda.set(resolutionId, {
        resolutionId,
        number,
        label,
        title,
        kind,
        ...(e.data.proposalId ? { proposedByHolders: true } : {}),
      });
    } else if (e.type === 'ResultsCertified' && e.data.seal) {
      seal = { algorithm: e.data.seal.algorithm, root: e.data.seal.root };
    }
  }
  if (!meeting) return undefined;
  for (const resolutionId of agenda.keys()) {
    const withdrawn = (await store.readStream(`resolution-${resolutionId}`)).some(
      (e) => e.type === 'ResolutionWithdrawn' && (e.data as { meetingId?: string }).meetingId === meetingId,
    );
    if (withdrawn) agenda.set(resolutionId, { ...agenda.get(resolutionId)!, withdrawn: true });
  }
  return { meeting, agenda: [...agenda.values()], ...(seal ? { seal } : {}) };
}
