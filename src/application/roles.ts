import { GovrecCommand } from '../domain/commands';
import { DomainError, refuse } from '../domain/shared/errors';

/**
 * Who may issue which command. A registrar keeps the register, proxies, attendance and votes; the
 * company secretary convenes; the chair runs the meeting; scrutineers judge votes and certify;
 * an auditor and a holder only read.
 */
export type Role = 'REGISTRAR' | 'COMPANY_SECRETARY' | 'CHAIR' | 'SCRUTINEER' | 'AUDITOR' | 'HOLDER';

/** Every role, in the order they are listed to a user. */
export const ROLES: readonly Role[] = [
  'REGISTRAR',
  'COMPANY_SECRETARY',
  'CHAIR',
  'SCRUTINEER',
  'AUDITOR',
  'HOLDER',
];

/** Roles that may read any holder's history; a HOLDER reads only its own. */
export const READS_EVERY_HOLDER: readonly Role[] = [
  'REGISTRAR',
  'COMPANY_SECRETARY',
  'SCRUTINEER',
  'AUDITOR',
];

/** For each command, the roles that may issue it; {@link authorize} checks a command against it. */
export const MAY_ISSUE: Readonly<Record<GovrecCommand['type'], readonly Role[]>> = {
  ScheduleMeeting: ['COMPANY_SECRETARY'],
  IssueNotice: ['COMPANY_SECRETARY'],
  FixRecordDate: ['COMPANY_SECRETARY', 'REGISTRAR'],
  RecordEntitlements: ['REGISTRAR'],
  CloseRegister: ['REGISTRAR'],
  AppointScrutineers: ['COMPANY_SECRETARY'],
  RecordDirectorsPresent: ['COMPANY_SECRETARY'],
  LodgeProxy: ['REGISTRAR'],
  RevokeProxy: ['REGISTRAR'],
  RecordAttendance: ['REGISTRAR'],
  // Issued by the command handler when a resolution is proposed; no client sends it.
  TableResolution: [],
  OpenMeeting: ['CHAIR'],
  OpenPoll: ['CHAIR'],
  ClosePoll: ['CHAIR'],
  CloseMeeting: ['CHAIR'],
  CertifyResults: ['SCRUTINEER'],
  // The board postpones a meeting it convened, and gives the notices; the chair adjourns and resumes.
  PostponeMeeting: ['COMPANY_SECRETARY'],
  AdjournMeeting: ['CHAIR'],
  IssueResumptionNotice: ['COMPANY_SECRETARY'],
  ResumeMeeting: ['CHAIR'],
  // Holders' proposals are received by the board, which issues the supplementary notice.
  SubmitShareholderProposal: ['COMPANY_SECRETARY'],
  IssueSupplementaryNotice: ['COMPANY_SECRETARY'],
  ProposeResolution: ['COMPANY_SECRETARY'],
  CastVote: ['REGISTRAR'],
  RejectVote: ['SCRUTINEER'],
  CloseVoting: ['SCRUTINEER'],
  // Issued by the command handler when the chair closes the poll.
  ClosePollOnResolution: [],
  // Withdrawing a resolution changes the agenda the company convened: the company secretary's, as proposing is.
  WithdrawResolution: ['COMPANY_SECRETARY'],
  // An election is put to the meeting as a resolution is; its ballots are kept and judged as votes are.
  ProposeElection: ['COMPANY_SECRETARY'],
  CastCumulativeBallot: ['REGISTRAR'],
  RejectCumulativeBallot: ['SCRUTINEER'],
  CloseElection: ['SCRUTINEER'],
  WithdrawElection: ['COMPANY_SECRETARY'],
  // Issued by the command handler, when an election is proposed and when the chair closes the poll.
  TableElection: [],
  ClosePollOnElection: [],
};

/** Checked on the type alone, before the payload is read: a caller learns nothing of a command it may not send. */
export function authorize(role: Role, type: string): DomainError | undefined {
  // Own keys only: `constructor` or `__proto__` would otherwise find Object.prototype's members.
  const allowed = Object.hasOwn(MAY_ISSUE, type)
    ? (MAY_ISSUE as Readonly<Record<string, readonly Role[]>>)[type]
    : undefined;
  // Types no client may send are left to the decoder, which knows them as no command at all.
  if (allowed === undefined || allowed.length === 0 || allowed.includes(role)) return undefined;
  return refuse('NotAuthorized', 'type', `${type} may be issued by ${allowed.join(' or ')}, not ${role}`);
}
