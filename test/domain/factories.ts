/**
 * Small factories for the histories the domain tests start from: a meeting spec (who holds what,
 * which rule set) and the events that take it through its life cycle. Figures the events carry
 * (totals, votes) are computed here from the spec, independently of the code under test.
 */
import { isLeft } from 'fp-ts/Either';
import { SEAL } from './spec';
import { GovrecCommand } from '../../src/domain/commands';
import { TableResolution } from '../../src/domain/meeting/commands';
import { AttendanceMode, MeetingEvent, MeetingKind, ResolutionKind } from '../../src/domain/meeting/events';
import { ResolutionEvent } from '../../src/domain/resolution/events';
import { MajorityRule } from '../../src/domain/rules/majority-rule';
import { RuleSet } from '../../src/domain/rules/rule-set';
import { presentationFor } from '../../src/domain/rules/presentation';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { ShareClass } from '../../src/domain/shared/share-class';

export const COMPANY = { name: 'Example Rare-Earth Co., Ltd.', stockCode: '6680' };
export const STARTS_AT = '2023-11-23T14:00:00+08:00';
export const SCRUTINEER = 'Computershare Hong Kong Investor Services Limited';

export const A: ShareClass = { code: 'A', issuedShares: 1_000_000, votesPerShare: 1 };
export const H: ShareClass = { code: 'H', issuedShares: 500_000, votesPerShare: 1 };
/** Weighted voting rights: 10 votes per share. */
export const B: ShareClass = { code: 'B', issuedShares: 100_000, votesPerShare: 10 };

export interface Holding {
  readonly holderId: string;
  readonly shareClass: string;
  readonly shares: number;
}

export interface MeetingSpec {
  readonly meetingId: string;
  readonly kind: MeetingKind;
  readonly shareClasses: readonly ShareClass[];
  readonly startsAt: string;
  readonly ruleSetId: string;
  readonly holders: readonly Holding[];
  /** A rule set that is not shipped (an issuer's, as a registrar loads it), under ruleSetId. */
  readonly rules?: RuleSet;
}

export const holding = (holderId: string, shareClass: string, shares: number): Holding => ({
  holderId,
  shareClass,
  shares,
});

/** A PRC A+H EGM on 2023-11-23 14:00 +08:00 with five holders. */
export const EGM: MeetingSpec = {
  meetingId: 'egm-1',
  kind: 'EGM',
  shareClasses: [A, H],
  startsAt: STARTS_AT,
  ruleSetId: 'PRC-HKEX-H',
  holders: [
    holding('A1', 'A', 600),
    holding('A2', 'A', 300),
    holding('A3', 'A', 100),
    holding('H1', 'H', 200),
    holding('H2', 'H', 100),
  ],
};

export const spec = (overrides: Partial<MeetingSpec>): MeetingSpec => ({ ...EGM, ...overrides });

export const ruleSet = (id: string): RuleSet => {
  const found = ruleSetById(id);
  if (!found) throw new Error(`No rule set ${id}`);
  return found;
};

/** The rule set `s` is held under: its own, or the shipped one it names. */
export const rulesOf = (s: MeetingSpec): RuleSet => s.rules ?? ruleSet(s.ruleSetId);

export const classOf = (s: MeetingSpec, code: string): ShareClass => {
  const found = s.shareClasses.find((c) => c.code === code);
  if (!found) throw new Error(`No class ${code} at ${s.meetingId}`);
  return found;
};

export const holdingOf = (s: MeetingSpec, holderId: string): Holding => {
  const found = s.holders.find((h) => h.holderId === holderId);
  if (!found) throw new Error(`No holder ${holderId} at ${s.meetingId}`);
  return found;
};

/** Votes a number of shares of a holder's class carry at the meeting. */
export const votesFor = (s: MeetingSpec, holderId: string, shares: number): number =>
  shares * classOf(s, holdingOf(s, holderId).shareClass).votesPerShare;

// ---- meeting events -------------------------------------------------------------------------

export const meetingScheduled = (s: MeetingSpec): MeetingEvent => ({
  type: 'MeetingScheduled',
  data: {
    meetingId: s.meetingId,
    company: COMPANY,
    kind: s.kind,
    title: `Meeting ${s.meetingId}`,
    shareClasses: s.shareClasses,
    startsAt: s.startsAt,
    place: 'Ganzhou',
    ruleSet: rulesOf(s),
    presentation: presentationFor(rulesOf(s).presentation, undefined),
  },
});

export const noticeIssued = (s: MeetingSpec, issuedOn = '2023-11-06', clearDays = 16): MeetingEvent => ({
  type: 'NoticeIssued',
  data: { meetingId: s.meetingId, issuedOn, clearDays },
});

export const recordDateFixed = (s: MeetingSpec, recordDate = '2023-11-17'): MeetingEvent => ({
  type: 'RecordDateFixed',
  data: { meetingId: s.meetingId, recordDate },
});

export const entitlementsRecorded = (
  s: MeetingSpec,
  batch = 1,
  holders: readonly Holding[] = s.holders,
): MeetingEvent => ({
  type: 'EntitlementsRecorded',
  data: { meetingId: s.meetingId, batch, holders },
});

/** The totals per class a closed register of `s` must show. */
export const totalsOf = (s: MeetingSpec) =>
  s.shareClasses.map((c) => {
    const of = s.holders.filter((h) => h.shareClass === c.code);
    const shares = of.reduce((sum, h) => sum + h.shares, 0);
    return { shareClass: c.code, holders: of.length, shares, votes: shares * c.votesPerShare };
  });

export const registerClosed = (s: MeetingSpec, batches = 1): MeetingEvent => ({
  type: 'RegisterClosed',
  data: { meetingId: s.meetingId, batches, totals: totalsOf(s) },
});

export const scrutineersAppointed = (
  s: MeetingSpec,
  names: readonly string[] = [SCRUTINEER],
): MeetingEvent => ({
  type: 'ScrutineersAppointed',
  data: {
    meetingId: s.meetingId,
    scrutineers: names.map((name) => ({ name, capacity: 'H share registrar' })),
  },
});

export const proxyLodged = (
  s: MeetingSpec,
  proxyId: string,
  holderId: string,
  shares = holdingOf(s, holderId).shares,
  extra: { supersedes?: string; lodgedAt?: string } = {},
): MeetingEvent => ({
  type: 'ProxyLodged',
  data: {
    meetingId: s.meetingId,
    proxyId,
    holderId,
    proxyName: 'The chairman of the meeting',
    shares,
    lodgedAt: extra.lodgedAt ?? '2023-11-20T10:00:00+08:00',
    ...(extra.supersedes ? { supersedes: extra.supersedes } : {}),
  },
});

export const proxyRevoked = (
  s: MeetingSpec,
  proxyId: string,
  holderId: string,
  reason: 'REVOKED_BY_HOLDER' | 'ATTENDED_IN_PERSON' = 'REVOKED_BY_HOLDER',
): MeetingEvent => ({ type: 'ProxyRevoked', data: { meetingId: s.meetingId, proxyId, holderId, reason } });

/** Attendance of a holder: in person for the whole holding, or by proxy for `proxy.shares`. */
export const attended = (
  s: MeetingSpec,
  holderId: string,
  mode: AttendanceMode = 'IN_PERSON',
  proxy?: { proxyId: string; shares: number },
): MeetingEvent => {
  const h = holdingOf(s, holderId);
  const shares = proxy ? proxy.shares : h.shares;
  return {
    type: 'AttendanceRecorded',
    data: {
      meetingId: s.meetingId,
      holderId,
      shareClass: h.shareClass,
      mode,
      shares,
      votes: votesFor(s, holderId, shares),
      ...(proxy ? { proxyId: proxy.proxyId } : {}),
    },
  };
};

export const resolutionTabled = (
  s: MeetingSpec,
  resolutionId: string,
  number: number,
  kind: ResolutionKind = 'SPECIAL',
): MeetingEvent => ({
  type: 'ResolutionTabled',
  data: {
    meetingId: s.meetingId,
    resolutionId,
    number,
    label: String(number),
    title: `Resolution ${resolutionId}`,
    kind,
  },
});

/** What a meeting's quorum records, given who is present; `required` in the rule set's unit. */
export interface QuorumFound {
  readonly holdersPresent: number;
  readonly sharesPresent: number;
  readonly votesPresent: number;
}

/**
 * The quorum record of `s` opened with `found` present, computed here from the rule set by a search
 * for the least count reaching the fraction (not by the formula the domain uses).
 */
export const quorumOf = (s: MeetingSpec, found: QuorumFound) => {
  const q = rulesOf(s).quorum;
  const entitled = {
    HOLDERS: s.holders.length,
    SHARES: s.holders.reduce((sum, h) => sum + h.shares, 0),
    VOTES: s.holders.reduce((sum, h) => sum + votesFor(s, h.holderId, h.shares), 0),
  };
  const present = { HOLDERS: found.holdersPresent, SHARES: found.sharesPresent, VOTES: found.votesPresent };
  const unit: 'HOLDERS' | 'SHARES' | 'VOTES' = q.kind === 'SHARES_PRESENT' ? q.measure : 'HOLDERS';
  let required = 0;
  if (q.kind === 'HOLDERS_PRESENT') required = q.minimum;
  if (q.kind === 'SHARES_PRESENT') {
    const reaches = (x: number) => {
      const left = x * q.fraction.denominator;
      const right = q.fraction.numerator * entitled[unit];
      return q.comparator === 'AT_LEAST' ? left >= right : left > right;
    };
    while (!reaches(required)) required += 1;
  }
  return {
    kind: q.kind,
    unit,
    present: present[unit],
    entitled: entitled[unit],
    required,
    met: present[unit] >= required,
    holdersPresent: found.holdersPresent,
    votesPresent: found.votesPresent,
  };
};

export const meetingOpened = (
  s: MeetingSpec,
  found: QuorumFound = { holdersPresent: 0, sharesPresent: 0, votesPresent: 0 },
): MeetingEvent => ({
  type: 'MeetingOpened',
  data: { meetingId: s.meetingId, openedAt: s.startsAt, quorum: quorumOf(s, found) },
});

export const pollOpened = (s: MeetingSpec): MeetingEvent => ({
  type: 'PollOpened',
  data: { meetingId: s.meetingId, at: '2023-11-23T15:00:00+08:00' },
});
export const pollClosed = (s: MeetingSpec): MeetingEvent => ({
  type: 'PollClosed',
  data: { meetingId: s.meetingId, at: '2023-11-23T15:30:00+08:00' },
});
export const meetingClosed = (s: MeetingSpec): MeetingEvent => ({
  type: 'MeetingClosed',
  data: { meetingId: s.meetingId, at: '2023-11-23T15:45:00+08:00' },
});
export const resultsCertified = (s: MeetingSpec, scrutineer = SCRUTINEER): MeetingEvent => ({
  type: 'ResultsCertified',
  data: { meetingId: s.meetingId, at: '2023-11-23T16:00:00+08:00', scrutineer, seal: SEAL },
});

// ---- histories ------------------------------------------------------------------------------

export const scheduled = (s: MeetingSpec = EGM): MeetingEvent[] => [meetingScheduled(s)];
export const noticed = (s: MeetingSpec = EGM): MeetingEvent[] => [...scheduled(s), noticeIssued(s)];
export const withRecordDate = (s: MeetingSpec = EGM): MeetingEvent[] => [...noticed(s), recordDateFixed(s)];
export const withRegister = (s: MeetingSpec = EGM): MeetingEvent[] => [
  ...withRecordDate(s),
  entitlementsRecorded(s),
];
/** Notice, record date, register recorded and closed, scrutineer appointed. */
export const registered = (s: MeetingSpec = EGM): MeetingEvent[] => [
  ...withRegister(s),
  registerClosed(s),
  scrutineersAppointed(s),
];

/** Attendance events for holders attending in person (the whole holding). */
export const inPerson = (s: MeetingSpec, ...holderIds: string[]): MeetingEvent[] =>
  holderIds.map((id) => attended(s, id));

/** The meeting opened after `attendance` (any events: proxies, tabling…); quorum figures computed from it. */
export const opened = (s: MeetingSpec = EGM, attendance: readonly MeetingEvent[] = []): MeetingEvent[] => {
  const present = attendance.flatMap((e) => (e.type === 'AttendanceRecorded' ? [e.data] : []));
  const found = {
    holdersPresent: present.length,
    sharesPresent: present.reduce((sum, a) => sum + a.shares, 0),
    votesPresent: present.reduce((sum, a) => sum + a.votes, 0),
  };
  return [...registered(s), ...attendance, meetingOpened(s, found)];
};

export const inPoll = (s: MeetingSpec = EGM, attendance: readonly MeetingEvent[] = []): MeetingEvent[] => [
  ...opened(s, attendance),
  pollOpened(s),
];

export const afterPoll = (s: MeetingSpec = EGM, attendance: readonly MeetingEvent[] = []): MeetingEvent[] => [
  ...inPoll(s, attendance),
  pollClosed(s),
];

// ---- resolution events ----------------------------------------------------------------------

export interface ResolutionAt {
  readonly meetingId: string;
  readonly number: number;
  /** As the notice prints it; its number where not given. */
  readonly label?: string;
  readonly majorityRule: MajorityRule;
}

export const resolutionProposed = (
  resolutionId: string,
  meetings: readonly ResolutionAt[],
  requiredToAbstain: readonly { holderId: string; scope: 'ALL' | 'IN_FAVOUR' }[] = [],
  kind: ResolutionKind = 'SPECIAL',
  votesPerShare: readonly { shareClass: string; votesPerShare: number }[] = [],
): ResolutionEvent => ({
  type: 'ResolutionProposed',
  data: {
    resolutionId,
    title: `Resolution ${resolutionId}`,
    kind,
    meetings: meetings.map((m) => ({ ...m, label: m.label ?? String(m.number) })),
    requiredToAbstain,
    votesPerShare,
  },
});

export interface Ballot {
  readonly for?: number;
  readonly against?: number;
  readonly abstain?: number;
  /** Shares a broker returned uninstructed (rule sets that report broker non-votes). */
  readonly brokerNonVote?: number;
}

const split = (b: Ballot, weight = 1) => ({
  for: (b.for ?? 0) * weight,
  against: (b.against ?? 0) * weight,
  abstain: (b.abstain ?? 0) * weight,
});

/** A VoteCast by a holder attending `s` as recorded in `attendance` (in person unless a proxy is named). */
export const voteCast = (
  resolutionId: string,
  s: MeetingSpec,
  holderId: string,
  ballot: Ballot,
  by: { mode?: AttendanceMode; proxyId?: string } = {},
): ResolutionEvent => {
  const h = holdingOf(s, holderId);
  const weight = classOf(s, h.shareClass).votesPerShare;
  return {
    type: 'VoteCast',
    data: {
      resolutionId,
      meetingId: s.meetingId,
      holderId,
      shareClass: h.shareClass,
      castBy: by.mode ?? (by.proxyId ? 'PROXY' : 'IN_PERSON'),
      instructed: split(ballot),
      shares: split(ballot),
      votes: split(ballot, weight),
      ...(by.proxyId ? { proxyId: by.proxyId } : {}),
      ...(ballot.brokerNonVote
        ? {
            brokerNonVotes: {
              instructed: ballot.brokerNonVote,
              shares: ballot.brokerNonVote,
              votes: ballot.brokerNonVote * weight,
            },
          }
        : {}),
    },
  };
};

export const voteRejected = (
  resolutionId: string,
  s: MeetingSpec,
  holderId: string,
  ballot: Ballot,
  rejectedBy = SCRUTINEER,
): ResolutionEvent => {
  const weight = classOf(s, holdingOf(s, holderId).shareClass).votesPerShare;
  return {
    type: 'VoteRejected',
    data: {
      resolutionId,
      meetingId: s.meetingId,
      holderId,
      reason: 'Ballot not signed',
      rejectedBy,
      shares: split(ballot),
      votes: split(ballot, weight),
      ...(ballot.brokerNonVote
        ? { brokerNonVotes: { shares: ballot.brokerNonVote, votes: ballot.brokerNonVote * weight } }
        : {}),
    },
  };
};

// ---- commands the client API does not accept ------------------------------------------------

/** TableResolution is issued by the command handler, never decoded from a client: build it directly. */
export function tableCommand(payload: {
  meetingId: string;
  resolutionId: string;
  number: number;
  label?: string;
  title?: string;
  kind?: ResolutionKind;
}): GovrecCommand {
  const decoded = TableResolution.decode({
    type: 'TableResolution',
    commandId: 'cmd-table',
    actor: 'registrar:test',
    issuedAt: '2023-11-06T18:00:00+08:00',
    payload: { title: `Resolution ${payload.resolutionId}`, kind: 'SPECIAL', ...payload },
  });
  if (isLeft(decoded)) throw new Error('TableResolution test command does not decode');
  return decoded.right;
}

/** A meeting's decision on a resolution, as an earlier CloseVoting recorded it (figures not re-checked). */
export const decided = (
  resolutionId: string,
  s: MeetingSpec,
  number: number,
  majorityRule: MajorityRule,
  passed: boolean,
): ResolutionEvent => ({
  type: passed ? 'ResolutionPassed' : 'ResolutionFailed',
  data: {
    resolutionId,
    meetingId: s.meetingId,
    number,
    majorityRule,
    tally: {
      votes: { for: passed ? 1 : 0, against: 0, abstain: 0 },
      shares: { for: passed ? 1 : 0, against: 0, abstain: 0 },
      voters: passed ? 1 : 0,
    },
    base: { kind: majorityRule.base, votes: passed ? 1 : 0 },
  },
});

/** The resolution withdrawn from a meeting's agenda before its poll. */
export const resolutionWithdrawn = (
  resolutionId: string,
  s: MeetingSpec,
  reason = 'Withdrawn by the board',
  withdrawnBy = 'company-secretary:test',
): ResolutionEvent => ({
  type: 'ResolutionWithdrawn',
  data: { resolutionId, meetingId: s.meetingId, reason, withdrawnBy },
});
