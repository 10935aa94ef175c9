import { isLeft, left, right } from 'fp-ts/Either';
import { checkQuorum, describeQuorum } from '../rules/quorum';
import { clearDaysBetween, dateOf, daysBetween, HOUR_NS, instantNs } from '../shared/dates';
import { refuse } from '../shared/errors';
import { MeetingCommand, MeetingCommandOf } from './commands';
import { MeetingContext, MeetingDecision, Scheduled } from './decision';
import { MeetingEvent, RecordSeal } from './events';

type ClassTotal = Extract<MeetingEvent, { type: 'RegisterClosed' }>['data']['totals'][number];
import { MeetingPhase, MeetingState, quorumFigures, sittingAt, votesPerShare } from './state';
import { adjourn, issueResumptionNotice, postpone, resume } from './adjournment';
import { holdingOf } from './ballot-holder';
import { issueSupplementaryNotice, submitProposal, tableProposal } from './proposals';

export type { MeetingContext, MeetingDecision } from './decision';

const PHASE_ORDER: readonly MeetingPhase[] = [
  'SCHEDULED',
  'OPEN',
  'POLL_OPEN',
  'POLL_CLOSED',
  'CLOSED',
  'CERTIFIED',
];
const before = (m: Scheduled, phase: MeetingPhase) =>
  PHASE_ORDER.indexOf(m.phase) < PHASE_ORDER.indexOf(phase);

export function decideMeeting(
  command: MeetingCommand,
  state: MeetingState,
  context: MeetingContext,
): MeetingDecision {
  if (command.type === 'ScheduleMeeting') return schedule(command, state, context);
  if (state.status === 'NONE') {
    return left(
      refuse(
        'UnknownMeeting',
        'payload.meetingId',
        `Meeting ${command.payload.meetingId} has not been scheduled`,
      ),
    );
  }
  return decideScheduled(command, state, context);
}

function decideScheduled(
  command: Exclude<MeetingCommand, { type: 'ScheduleMeeting' }>,
  m: Scheduled,
  context: MeetingContext,
): MeetingDecision {
  if (m.adjourned && HALTED_WHILE_ADJOURNED.has(command.type))
    return left(
      refuse(
        'MeetingAdjourned',
        'payload.meetingId',
        `${m.meetingId} stands adjourned to ${m.adjourned.resumesAt}`,
      ),
    );
  switch (command.type) {
    case 'IssueNotice':
      return issueNotice(command, m);
    case 'FixRecordDate':
      return fixRecordDate(command, m);
    case 'RecordEntitlements':
      return recordEntitlements(command, m);
    case 'CloseRegister':
      return closeRegister(command, m);
    case 'AppointScrutineers':
      return notCertified(m, () => [{ type: 'ScrutineersAppointed', data: command.payload }]);
    case 'RecordDirectorsPresent':
      return notCertified(m, () => [{ type: 'DirectorsPresentRecorded', data: command.payload }]);
    case 'LodgeProxy':
      return lodgeProxy(command, m);
    case 'RevokeProxy':
      return revokeProxy(command, m);
    case 'RecordAttendance':
      return recordAttendance(command, m);
    case 'TableResolution':
      return tableProposal(command, m, tableResolution);
    case 'TableElection':
      return tableElection(command, m);
    case 'OpenMeeting':
      return openMeeting(command, m);
    case 'OpenPoll':
      return inPhase(m, 'OPEN', 'MeetingNotOpen', () => [
        { type: 'PollOpened', data: { meetingId: m.meetingId, at: command.issuedAt } },
      ]);
    case 'ClosePoll':
      return inPhase(m, 'POLL_OPEN', 'PollNotOpen', () => [
        { type: 'PollClosed', data: { meetingId: m.meetingId, at: command.issuedAt } },
      ]);
    case 'CloseMeeting':
      return inPhase(m, 'POLL_CLOSED', 'PollNotClosed', () => [
        { type: 'MeetingClosed', data: { meetingId: m.meetingId, at: command.issuedAt } },
      ]);
    case 'CertifyResults':
      return certify(command, m, context.seal);
    case 'PostponeMeeting':
      return postpone(command, m);
    case 'AdjournMeeting':
      return adjourn(command, m);
    case 'IssueResumptionNotice':
      return issueResumptionNotice(command, m);
    case 'ResumeMeeting':
      return resume(command, m);
    case 'SubmitShareholderProposal':
      return submitProposal(command, m);
    case 'IssueSupplementaryNotice':
      return issueSupplementaryNotice(command, m);
  }
}

/** What a meeting standing adjourned cannot do until it resumes. */
const HALTED_WHILE_ADJOURNED: ReadonlySet<string> = new Set([
  'OpenMeeting',
  'OpenPoll',
  'ClosePoll',
  'CloseMeeting',
]);

function schedule(
  c: MeetingCommandOf<'ScheduleMeeting'>,
  state: MeetingState,
  context: MeetingContext,
): MeetingDecision {
  if (state.status !== 'NONE')
    return left(
      refuse('MeetingAlreadyScheduled', 'payload.meetingId', `Meeting ${c.payload.meetingId} exists`),
    );
  const { ruleSetId, ...rest } = c.payload;
  const ruleSet = context.ruleSet(ruleSetId);
  if (!ruleSet) return left(refuse('UnknownRuleSet', 'payload.ruleSetId', `No rule set ${ruleSetId}`));
  const codes = rest.shareClasses.map((s) => s.code);
  if (new Set(codes).size !== codes.length) {
    return left(refuse('DuplicateShareClass', 'payload.shareClasses', 'Each share class may appear once'));
  }
  if (rest.kind === 'CLASS' && codes.length !== 1) {
    return left(
      refuse(
        'ClassMeetingNeedsOneClass',
        'payload.shareClasses',
        'A class meeting is held for exactly one share class',
      ),
    );
  }
  return right([{ type: 'MeetingScheduled', data: { ...rest, ruleSet } }]);
}

function issueNotice(c: MeetingCommandOf<'IssueNotice'>, m: Scheduled): MeetingDecision {
  if (m.noticeIssuedOn)
    return left(
      refuse('NoticeAlreadyIssued', 'payload.meetingId', `Notice was issued on ${m.noticeIssuedOn}`),
    );
  const meetingDate = dateOf(m.startsAt);
  const period = m.ruleSet.notice[m.kind];
  const counted =
    period.counting === 'CLEAR_DAYS'
      ? clearDaysBetween(c.payload.issuedOn, meetingDate)
      : daysBetween(c.payload.issuedOn, meetingDate);
  const unit = period.counting === 'CLEAR_DAYS' ? 'clear days' : 'days before the meeting';
  if (counted < period.minDays) {
    return left(
      refuse(
        'NoticeTooShort',
        'payload.issuedOn',
        `${m.kind} needs ${period.minDays} ${unit}' notice under ${m.ruleSet.id}; notice on ${c.payload.issuedOn} gives ${Math.max(counted, 0)}`,
      ),
    );
  }
  // Where the law caps the notice period (DGCL §222(b): 60 days), an earlier notice is no notice.
  if (period.maxDays !== undefined && counted > period.maxDays) {
    return left(
      refuse(
        'NoticeTooEarly',
        'payload.issuedOn',
        `${m.kind} notice may be given at most ${period.maxDays} ${unit} ahead under ${m.ruleSet.id}; notice on ${c.payload.issuedOn} gives ${counted}`,
      ),
    );
  }
  const clearDays = clearDaysBetween(c.payload.issuedOn, meetingDate);
  return right([{ type: 'NoticeIssued', data: { ...c.payload, clearDays } }]);
}

function fixRecordDate(c: MeetingCommandOf<'FixRecordDate'>, m: Scheduled): MeetingDecision {
  if (m.entitlementBatches > 0) {
    return left(
      refuse(
        'RecordDateLocked',
        'payload.recordDate',
        'Entitlements have been recorded against the record date',
      ),
    );
  }
  const daysBefore = daysBetween(c.payload.recordDate, dateOf(m.startsAt));
  if (daysBefore < 0) {
    return left(
      refuse('RecordDateAfterMeeting', 'payload.recordDate', 'The record date cannot fall after the meeting'),
    );
  }
  const window = m.ruleSet.recordDate;
  if (daysBefore < window.minDaysBefore) {
    return left(
      refuse(
        'RecordDateTooLate',
        'payload.recordDate',
        `${m.ruleSet.id} needs the record date at least ${window.minDaysBefore} days before the meeting; ${c.payload.recordDate} is ${daysBefore}`,
      ),
    );
  }
  if (window.maxDaysBefore !== undefined && daysBefore > window.maxDaysBefore) {
    return left(
      refuse(
        'RecordDateTooEarly',
        'payload.recordDate',
        `${m.ruleSet.id} allows the record date at most ${window.maxDaysBefore} days before the meeting; ${c.payload.recordDate} is ${daysBefore}`,
      ),
    );
  }
  return right([{ type: 'RecordDateFixed', data: c.payload }]);
}

function recordEntitlements(c: MeetingCommandOf<'RecordEntitlements'>, m: Scheduled): MeetingDecision {
  if (!m.recordDate)
    return left(
      refuse('RecordDateNotFixed', 'payload.meetingId', 'Fix the record date before recording the register'),
    );
  if (m.registerClosed)
    return left(refuse('RegisterClosed', 'payload.batch', 'The register for this meeting is closed'));
  if (c.payload.batch !== m.entitlementBatches + 1) {
    return left(
      refuse(
        'BatchOutOfSequence',
        'payload.batch',
        `Expected batch ${m.entitlementBatches + 1}, got ${c.payload.batch}`,
      ),
    );
  }
  const seen = new Set<string>();
  for (const [i, h] of c.payload.holders.entries()) {
    const field = `payload.holders[${i}]`;
    if (!m.shareClasses.some((s) => s.code === h.shareClass)) {
      return left(
        refuse(
          'ShareClassNotAtMeeting',
          `${field}.shareClass`,
          `Class ${h.shareClass} does not vote at ${m.meetingId}`,
        ),
      );
    }
    if (h.shares === 0)
      return left(
        refuse('EmptyHolding', `${field}.shares`, 'A holder on the register holds at least one share'),
      );
    if (seen.has(h.holderId) || m.entitlements.has(h.holderId)) {
      return left(
        refuse('DuplicateHolder', `${field}.holderId`, `Holder ${h.holderId} is already on the register`),
      );
    }
    seen.add(h.holderId);
  }
  return right([{ type: 'EntitlementsRecorded', data: c.payload }]);
}

function registerTotals(m: Scheduled): ClassTotal[] {
  return m.shareClasses.map((cls) => {
    let holders = 0;
    let shares = 0;
    for (const e of m.entitlements.values()) {
      if (e.shareClass !== cls.code) continue;
      holders += 1;
      shares += e.shares;
    }
    return { shareClass: cls.code, holders, shares, votes: shares * cls.votesPerShare };
  });
}

function closeRegister(c: MeetingCommandOf<'CloseRegister'>, m: Scheduled): MeetingDecision {
  if (m.registerClosed)
    return left(refuse('RegisterClosed', 'payload.meetingId', 'The register is already closed'));
  if (m.entitlementBatches === 0)
    return left(refuse('RegisterEmpty', 'payload.meetingId', 'No holders have been recorded'));
  const totals = registerTotals(m);
  for (const [i, total] of totals.entries()) {
    const issued = m.shareClasses[i].issuedShares;
    if (!Number.isSafeInteger(total.votes) || total.shares > issued) {
      return left(
        refuse(
          'RegisterExceedsIssuedShares',
          'payload.meetingId',
          `Class ${total.shareClass}: ${total.shares} on the register, ${issued} issued`,
        ),
      );
    }
  }
  for (const [i, control] of (c.payload.controlTotals ?? []).entries()) {
    const total = totals.find((t) => t.shareClass === control.shareClass);
    if (!total || total.shares !== control.shares) {
      return left(
        refuse(
          'ControlTotalMismatch',
          `payload.controlTotals[${i}].shares`,
          `Class ${control.shareClass}: register holds ${total?.shares ?? 0}, control total says ${control.shares}`,
        ),
      );
    }
  }
  return right([
    { type: 'RegisterClosed', data: { meetingId: m.meetingId, batches: m.entitlementBatches, totals } },
  ]);
}

function lodgeProxy(c: MeetingCommandOf<'LodgeProxy'>, m: Scheduled): MeetingDecision {
  const p = c.payload;
  const registered = holdingOf(m, p.holderId);
  if (isLeft(registered)) return registered;
  const holding = registered.right;
  if (m.proxies.has(p.proxyId))
    return left(refuse('DuplicateProxyId', 'payload.proxyId', `Proxy ${p.proxyId} exists`));
  // Proxies for a postponed or adjourned meeting may be lodged until the deadline before its new time.
  const sitting = sittingAt(m);
  const deadline = instantNs(sitting) - BigInt(m.ruleSet.proxyDeadlineHours) * HOUR_NS;
  if (instantNs(p.lodgedAt) > deadline) {
    return left(
      refuse(
        'ProxyAfterDeadline',
        'payload.lodgedAt',
        `Proxies close ${m.ruleSet.proxyDeadlineHours} hours before the meeting (${sitting})`,
      ),
    );
  }
  const shares = p.shares ?? holding.shares;
  if (shares === 0 || shares > holding.shares) {
    return left(
      refuse(
        'ProxyExceedsHolding',
        'payload.shares',
        `A proxy may hold 1 to ${holding.shares} shares for ${p.holderId}`,
      ),
    );
  }
  if (m.attendance.has(p.holderId)) {
    return left(
      refuse(
        'HolderAlreadyAttending',
        'payload.holderId',
        `Holder ${p.holderId} is already recorded as attending`,
      ),
    );
  }
  const supersedes = m.proxyInForce.get(p.holderId);
  return right([{ type: 'ProxyLodged', data: { ...p, shares, ...(supersedes ? { supersedes } : {}) } }]);
}

function revokeProxy(c: MeetingCommandOf<'RevokeProxy'>, m: Scheduled): MeetingDecision {
  const proxy = m.proxies.get(c.payload.proxyId);
  if (!proxy) return left(refuse('UnknownProxy', 'payload.proxyId', `No proxy ${c.payload.proxyId}`));
  if (m.proxyInForce.get(proxy.holderId) !== proxy.proxyId) {
    return left(
      refuse('ProxyNotInForce', 'payload.proxyId', `Proxy ${proxy.proxyId} was superseded or revoked`),
    );
  }
  if (m.attendance.get(proxy.holderId)?.proxyId === proxy.proxyId) {
    return left(refuse('ProxyAlreadyUsed', 'payload.proxyId', 'The proxy has attended the meeting'));
  }
  return right([
    {
      type: 'ProxyRevoked',
      data: {
        meetingId: m.meetingId,
        proxyId: proxy.proxyId,
        holderId: proxy.holderId,
        reason: 'REVOKED_BY_HOLDER',
      },
    },
  ]);
}

function recordAttendance(c: MeetingCommandOf<'RecordAttendance'>, m: Scheduled): MeetingDecision {
  const { holderId, mode, representative } = c.payload;
  if (!m.registerClosed)
    return left(
      refuse('RegisterNotClosed', 'payload.meetingId', 'Close the register before taking attendance'),
    );
  if (!before(m, 'POLL_CLOSED'))
    return left(refuse('AttendanceClosed', 'payload.meetingId', 'The poll has closed'));
  const registered = holdingOf(m, holderId);
  if (isLeft(registered)) return registered;
  const holding = registered.right;
  if (m.attendance.has(holderId))
    return left(refuse('AlreadyAttending', 'payload.holderId', `Holder ${holderId} is already attending`));
  const proxyId = m.proxyInForce.get(holderId);
  const base = {
    meetingId: m.meetingId,
    holderId,
    shareClass: holding.shareClass,
    mode,
    ...(representative ? { representative } : {}),
  };
  if (mode === 'PROXY') {
    const proxy = proxyId ? m.proxies.get(proxyId) : undefined;
    if (!proxy)
      return left(refuse('NoProxyInForce', 'payload.mode', `Holder ${holderId} has no proxy in force`));
    const votes = proxy.shares * votesPerShare(m, holding.shareClass);
    return right([
      { type: 'AttendanceRecorded', data: { ...base, shares: proxy.shares, votes, proxyId: proxy.proxyId } },
    ]);
  }
  // A holder who attends in person (or by its corporate representative) revokes its proxy for this meeting.
  const revocation: MeetingEvent[] = proxyId
    ? [
        {
          type: 'ProxyRevoked',
          data: { meetingId: m.meetingId, proxyId, holderId, reason: 'ATTENDED_IN_PERSON' },
        },
      ]
    : [];
  return right([
    ...revocation,
    { type: 'AttendanceRecorded', data: { ...base, shares: holding.shares, votes: holding.votes } },
  ]);
}

function tableResolution(c: MeetingCommandOf<'TableResolution'>, m: Scheduled): MeetingDecision {
  const p = c.payload;
  const atNumber = m.agenda.get(p.number);
  if (atNumber?.resolutionId === p.resolutionId) return right([]);
  if (atNumber)
    return left(
      refuse(
        'DuplicateResolutionNumber',
        'payload.number',
        `Resolution no. ${p.number} at ${m.meetingId} is ${atNumber.resolutionId}`,
      ),
    );
  if ([...m.agenda.values()].some((r) => r.resolutionId === p.resolutionId)) {
    return left(
      refuse(
        'ResolutionAlreadyTabled',
        'payload.resolutionId',
        `${p.resolutionId} is already on the agenda of ${m.meetingId}`,
      ),
    );
  }
  if (!before(m, 'POLL_OPEN'))
    return left(refuse('AgendaClosed', 'payload.meetingId', 'The poll has opened; the agenda is closed'));
  return right([{ type: 'ResolutionTabled', data: p }]);
}

/** An election takes its number on the agenda as a resolution does, by the same rules. */
function tableElection(c: MeetingCommandOf<'TableElection'>, m: Scheduled): MeetingDecision {
  const { electionId, ...rest } = c.payload;
  const asResolution = {
    ...c,
    type: 'TableResolution' as const,
    payload: { ...rest, resolutionId: electionId, kind: 'ORDINARY' as const },
  };
  const tabled = tableResolution(asResolution, m);
  if (isLeft(tabled))
    return left({
      ...tabled.left,
      field: tabled.left.field.replace('payload.resolutionId', 'payload.electionId'),
    });
  return right(tabled.right.length === 0 ? [] : [{ type: 'ElectionTabled', data: c.payload }]);
}

function openMeeting(c: MeetingCommandOf<'OpenMeeting'>, m: Scheduled): MeetingDecision {
  if (m.phase !== 'SCHEDULED')
    return left(refuse('MeetingAlreadyOpened', 'payload.meetingId', `Meeting is ${m.phase}`));
  if (!m.noticeIssuedOn)
    return left(
      refuse('NoticeNotIssued', 'payload.meetingId', 'A meeting cannot open before notice is given'),
    );
  if (!m.registerClosed)
    return left(refuse('RegisterNotClosed', 'payload.meetingId', 'Close the register before opening'));
  const quorum = checkQuorum(m.ruleSet.quorum, quorumFigures(m));
  // An inquorate meeting is not opened: it can transact no business, and holders may still arrive
  // (articles commonly allow half an hour), so the chair tries again; the refusal names the figures.
  // Its adjournment for want of a quorum is a fact of its own: AdjournMeeting (adjournment.ts).
  if (!quorum.met) {
    return left(
      refuse('QuorumNotMet', 'payload.meetingId', `${describeQuorum(quorum)} under ${m.ruleSet.id}`),
    );
  }
  return right([{ type: 'MeetingOpened', data: { meetingId: m.meetingId, openedAt: c.issuedAt, quorum } }]);
}

function certify(
  c: MeetingCommandOf<'CertifyResults'>,
  m: Scheduled,
  seal: RecordSeal | undefined,
): MeetingDecision {
  if (m.phase !== 'CLOSED')
    return left(refuse('MeetingNotClosed', 'payload.meetingId', `Meeting is ${m.phase}`));
  if (!m.scrutineers.includes(c.payload.scrutineer)) {
    return left(
      refuse('NotAScrutineer', 'payload.scrutineer', `${c.payload.scrutineer} was not appointed scrutineer`),
    );
  }
  // The seal is what makes the certified record checkable; a certification without one is refused.
  if (!seal)
    return left(refuse('RecordNotSealed', 'payload.meetingId', 'The record must be sealed to certify it'));
  return right([
    {
      type: 'ResultsCertified',
      data: { meetingId: m.meetingId, at: c.issuedAt, scrutineer: c.payload.scrutineer, seal },
    },
  ]);
}

function inPhase(
  m: Scheduled,
  phase: MeetingPhase,
  rule: string,
  events: () => MeetingEvent[],
): MeetingDecision {
  return m.phase === phase
    ? right(events())
    : left(refuse(rule, 'payload.meetingId', `Meeting is ${m.phase}, not ${phase}`));
}

function notCertified(m: Scheduled, events: () => MeetingEvent[]): MeetingDecision {
  return m.phase === 'CERTIFIED'
    ? left(refuse('ResultsCertified', 'payload.meetingId', 'Results are certified; the record is closed'))
    : right(events());
}
