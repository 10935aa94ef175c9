import { left } from 'fp-ts/Either';
import { refuse } from '../shared/errors';
import { adjourn, issueResumptionNotice, postpone, resume } from './adjournment';
import { tableElection } from './agenda';
import { lodgeProxy, recordAttendance, revokeProxy } from './attendance';
import { refuseIfCertified } from './certified';
import { MeetingCommand } from './commands';
import { fixRecordDate, issueNotice, schedule } from './convening';
import { MeetingContext, MeetingDecision, Scheduled } from './decision';
import {
  appointScrutineers,
  certify,
  closeMeeting,
  closePoll,
  openMeeting,
  openPoll,
  recordDirectorsPresent,
} from './proceedings';
import { issueSupplementaryNotice, submitProposal, tableProposal } from './proposals';
import { closeRegister, recordEntitlements } from './register';
import { MeetingState } from './state';

export type { MeetingContext, MeetingDecision } from './decision';

/**
 * A command to a meeting, decided on the meeting's state: the events that record it, or the rule it
 * breaks. Each kind of decision is made where its subject is: convening.ts, register.ts,
 * attendance.ts, agenda.ts, proposals.ts, proceedings.ts, adjournment.ts.
 */
export function decideMeeting(
  command: MeetingCommand,
  state: MeetingState,
  context: MeetingContext,
): MeetingDecision {
  // First, before any other rule: a certified record is closed, and that is the reason to give.
  const certified = refuseIfCertified(state);
  if (certified) return left(certified);
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
      return appointScrutineers(command);
    case 'RecordDirectorsPresent':
      return recordDirectorsPresent(command);
    case 'LodgeProxy':
      return lodgeProxy(command, m);
    case 'RevokeProxy':
      return revokeProxy(command, m);
    case 'RecordAttendance':
      return recordAttendance(command, m);
    case 'TableResolution':
      return tableProposal(command, m);
    case 'TableElection':
      return tableElection(command, m);
    case 'OpenMeeting':
      return openMeeting(command, m);
    case 'OpenPoll':
      return openPoll(command, m);
    case 'ClosePoll':
      return closePoll(command, m);
    case 'CloseMeeting':
      return closeMeeting(command, m);
    case 'CertifyResults':
      return certify(command, m, context);
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
