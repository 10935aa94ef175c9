import { left, right } from 'fp-ts/Either';
import { checkQuorum, describeQuorum } from '../rules/quorum';
import { refuse } from '../shared/errors';
import { MeetingCommandOf } from './commands';
import { MeetingContext, MeetingDecision, quorumFigures, Scheduled } from './decision';
import { MeetingEvent } from './events';
import { MeetingPhase } from './state';

/**
 * The proceedings, from the meeting's opening with a quorum through its poll to its close and the
 * scrutineer's certification of the results against the sealed record; its officers (scrutineers,
 * directors present) are recorded along the way.
 */

/**
 * The scrutineers and the directors present are recorded at any time until the results are certified
 * (decideMeeting refuses every command to a certified meeting).
 */
export const appointScrutineers = (c: MeetingCommandOf<'AppointScrutineers'>): MeetingDecision =>
  right([{ type: 'ScrutineersAppointed', data: c.payload }]);

export const recordDirectorsPresent = (c: MeetingCommandOf<'RecordDirectorsPresent'>): MeetingDecision =>
  right([{ type: 'DirectorsPresentRecorded', data: c.payload }]);

export function openMeeting(c: MeetingCommandOf<'OpenMeeting'>, m: Scheduled): MeetingDecision {
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

export const openPoll = (c: MeetingCommandOf<'OpenPoll'>, m: Scheduled): MeetingDecision =>
  inPhase(m, 'OPEN', 'MeetingNotOpen', () => [
    { type: 'PollOpened', data: { meetingId: m.meetingId, at: c.issuedAt } },
  ]);

export const closePoll = (c: MeetingCommandOf<'ClosePoll'>, m: Scheduled): MeetingDecision =>
  inPhase(m, 'POLL_OPEN', 'PollNotOpen', () => [
    { type: 'PollClosed', data: { meetingId: m.meetingId, at: c.issuedAt } },
  ]);

export const closeMeeting = (c: MeetingCommandOf<'CloseMeeting'>, m: Scheduled): MeetingDecision =>
  inPhase(m, 'POLL_CLOSED', 'PollNotClosed', () => [
    { type: 'MeetingClosed', data: { meetingId: m.meetingId, at: c.issuedAt } },
  ]);

export function certify(
  c: MeetingCommandOf<'CertifyResults'>,
  m: Scheduled,
  { seal, undecided = [] }: Pick<MeetingContext, 'seal' | 'undecided'>,
): MeetingDecision {
  // A certified meeting is refused before this (certified.ts): here it can only be not yet closed.
  if (m.phase !== 'CLOSED')
    return left(refuse('MeetingNotClosed', 'payload.meetingId', `Meeting is ${m.phase}`));
  if (!m.scrutineers.includes(c.payload.scrutineer)) {
    return left(
      refuse('NotAScrutineer', 'payload.scrutineer', `${c.payload.scrutineer} was not appointed scrutineer`),
    );
  }
  // Once certified, nothing more is recorded at the meeting (certified.ts): a resolution or election
  // not decided by then would stay undecided for good, so the results are certified complete or not at all.
  if (undecided.length > 0) {
    return left(
      refuse(
        'ResultsNotDecided',
        'payload.meetingId',
        `Not yet decided at ${m.meetingId}: ${undecided.join(', ')}; close voting on each first`,
      ),
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
