import { CURRENT_SCHEMA_VERSION, DomainEventType } from '../domain/events';
import { DEFAULT_PRESENTATION } from '../domain/rules/presentation';

/**
 * Small pure functions that lift a stored event's data from one schema version to the next. Old
 * events are upcast on every read and never rewritten. Key: `${type}@${fromVersion}`.
 */
export type Upcaster = (data: unknown) => unknown;

type Data = Record<string, unknown>;
const isObject = (x: unknown): x is Data => typeof x === 'object' && x !== null && !Array.isArray(x);
/** Lifts an object's data; anything else is left for the codec to report as corrupt. */
const onObject =
  (lift: (data: Data) => Data): Upcaster =>
  (data) =>
    isObject(data) ? lift(data) : data;

/** A version 1 notice period counted clear days and had no maximum. */
const noticeV1 = (period: unknown): unknown => {
  if (!isObject(period)) return period;
  const { minClearDays, ...rest } = period;
  return { ...rest, counting: 'CLEAR_DAYS', minDays: minClearDays };
};

/**
 * A version 1 rule set, as it decided then: notice in clear days with no maximum, a record date on
 * or before the meeting day, over-votes refused, no broker non-votes. Its quorum kinds are unchanged.
 */
const ruleSetV1 = onObject((ruleSet) => ({
  ...ruleSet,
  notice: isObject(ruleSet.notice)
    ? Object.fromEntries(Object.entries(ruleSet.notice).map(([kind, p]) => [kind, noticeV1(p)]))
    : ruleSet.notice,
  recordDate: { minDaysBefore: 0 },
  overVotePolicy: 'REJECT',
  brokerNonVotes: 'NOT_RECOGNISED',
}));

/**
 * A version 1 quorum counted holders or nothing: a required figure above 0 can only have come from
 * HOLDERS_PRESENT, 0 only from NONE (whose minimum is at least 1). What was entitled was not recorded.
 */
const quorumV1 = onObject((q) => ({
  kind: typeof q.required === 'number' && q.required > 0 ? 'HOLDERS_PRESENT' : 'NONE',
  unit: 'HOLDERS',
  present: q.holdersPresent,
  entitled: null,
  required: q.required,
  met: q.met,
  holdersPresent: q.holdersPresent,
  votesPresent: q.votesPresent,
}));

/** A resolution at a meeting, with its number as its label (a number that is not one is left for the codec). */
const labelledData = (d: Data): Data =>
  typeof d.number === 'number' ? { ...d, label: String(d.number) } : d;
const labelled = (ref: unknown): unknown => (isObject(ref) ? labelledData(ref) : ref);

export const UPCASTERS: Readonly<Record<string, Upcaster>> = {
  /** Version 1 certified results without sealing the record: they carry no seal. */
  'ResultsCertified@1': (data) => ({ ...(data as object), seal: null }),
  /** Version 2 seals were all made by the first algorithm, which version 3 still names and checks. */
  'ResultsCertified@2': (data) => data,
  'MeetingScheduled@1': onObject((d) => ({ ...d, ruleSet: ruleSetV1(d.ruleSet) })),
  /** Version 2 carried no presentation: its results were printed as DEFAULT_PRESENTATION prints them. */
  'MeetingScheduled@2': onObject((d) => ({ ...d, presentation: DEFAULT_PRESENTATION })),
  /** Version 4's rule set may say how holders voting online count (onlineVoting); version 3's admitted none. */
  'MeetingScheduled@3': (data) => data,
  /** Version 5's presentations may name the announcement's form; version 4's were all published in the HKEX form. */
  'MeetingScheduled@4': (data) => data,
  'MeetingOpened@1': onObject((d) => ({ ...d, quorum: quorumV1(d.quorum) })),
  /** Version 1 was written before weights by resolution: every class carried its meeting's weight. */
  'ResolutionProposed@1': onObject((d) => ({ ...d, votesPerShare: [] })),
  /** Version 2 was written before labels: each meeting's number was its label. */
  'ResolutionProposed@2': onObject((d) => ({
    ...d,
    meetings: Array.isArray(d.meetings) ? d.meetings.map(labelled) : d.meetings,
  })),
  /** Version 1 was written before labels: the number was the label. */
  'ResolutionTabled@1': onObject(labelledData),
  /** Version 1 counted every vote as instructed (over-votes were refused). */
  'VoteCast@1': onObject((d) => ({ ...d, instructed: d.shares })),
  /** Versions 3, 2 and 2 may say a holder attended ONLINE; the versions before knew no such mode. */
  'VoteCast@2': (data) => data,
  'AttendanceRecorded@1': (data) => data,
  'CumulativeBallotCast@1': (data) => data,
  /** Version 2 may carry broker non-votes; version 1, written before they existed, carries none. */
  'VoteRejected@1': (data) => data,
};

export class UnknownSchemaVersion extends Error {
  constructor(
    readonly type: string,
    readonly version: number,
  ) {
    super(`No upcaster takes ${type} from schema version ${version}`);
    this.name = 'UnknownSchemaVersion';
  }
}

export function upcast(
  type: string,
  version: number,
  data: unknown,
  upcasters = UPCASTERS,
  currentVersions: Readonly<Record<string, number>> = CURRENT_SCHEMA_VERSION,
): unknown {
  const current = currentVersions[type as DomainEventType];
  let v = version;
  let d = data;
  while (current !== undefined && v < current) {
    const step = upcasters[`${type}@${v}`];
    if (!step) throw new UnknownSchemaVersion(type, v);
    d = step(d);
    v += 1;
  }
  if (current === undefined || v !== current) throw new UnknownSchemaVersion(type, version);
  return d;
}
