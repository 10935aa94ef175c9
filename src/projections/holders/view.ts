import { instantNs } from '../../domain/shared/dates';
import { HolderAtMeeting, HolderHistories, MeetingHeading } from './history';

/** A holder's history as read: meetings in the order held, votes by resolution number, then as cast. */
export interface HolderMeetingView extends Omit<HolderAtMeeting, 'proxies'> {
  /** The meeting's title, kind and start, where the record has them. */
  readonly meeting?: MeetingHeading;
}

/** How one holder took part in each meeting: its holding, attendance, votes and ballots. */
export interface HolderHistoryView {
  /** The holder. */
  readonly holderId: string;
  /** The holder's name, as the register gives it. */
  readonly name?: string;
  /** Each meeting at which the record names the holder, in the order held. */
  readonly meetings: HolderMeetingView[];
}

/** One holder's history as read from the folded histories; undefined for a holder never named. */
export function holderHistory(model: HolderHistories, holderId: string): HolderHistoryView | undefined {
  const holder = model.holders.get(holderId);
  if (!holder) return undefined;
  const startOf = (id: string) => {
    const startsAt = model.meetings.get(id)?.startsAt;
    return startsAt === undefined ? 0n : instantNs(startsAt);
  };
  const meetings = [...holder.meetings.values()]
    .sort(
      (a, b) => compare(startOf(a.meetingId), startOf(b.meetingId)) || a.meetingId.localeCompare(b.meetingId),
    )
    .map(({ proxies: _proxies, ...record }) => ({
      ...record,
      ...(model.meetings.has(record.meetingId) ? { meeting: model.meetings.get(record.meetingId) } : {}),
      // Sorting is stable: a rejected vote stays before the vote cast again in its place.
      votes: [...record.votes].sort((a, b) => (a.number ?? 0) - (b.number ?? 0)),
      ...(record.ballots
        ? { ballots: [...record.ballots].sort((a, b) => (a.number ?? 0) - (b.number ?? 0)) }
        : {}),
    }));
  return { holderId, ...(holder.name !== undefined ? { name: holder.name } : {}), meetings };
}

const compare = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
