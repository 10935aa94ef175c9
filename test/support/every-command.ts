import { isLeft } from 'fp-ts/Either';
import { COMMAND_CODECS, GovrecCommand } from '../../src/domain/commands';

/**
 * A well-formed command of every type govrec knows, aimed at one meeting and at a resolution, an
 * election, a holder and a proxy there: for suites that must show a rule holds for every command.
 * The record is keyed by command type, so a new type fails to compile here until it has a sample;
 * `missingSamples` says which types of the codecs have none, for a test to fail on at run time too.
 */
export interface CommandTarget {
  readonly meetingId: string;
  readonly resolutionId: string;
  readonly electionId: string;
  /** A holder who attended, to vote again. */
  readonly holderId: string;
  /** A holder on the register who neither attended nor appointed a proxy: what the issue's attack lodged for. */
  readonly absentHolderId: string;
  readonly shareClass: string;
  /** A proxy on the record, to revoke. */
  readonly proxyId: string;
  /** A scrutineer appointed at the meeting, to certify. */
  readonly scrutineer: string;
  /** A candidate of the election. */
  readonly candidateId: string;
}

type CommandType = GovrecCommand['type'];

/** Commands only the command handler issues (as steps of another); no client may send them. */
export const HANDLER_ISSUED: ReadonlySet<CommandType> = new Set([
  'TableResolution',
  'ClosePollOnResolution',
  'TableElection',
  'ClosePollOnElection',
]);

/** Payloads that would each add to the record of `t.meetingId` were it still open to change. */
export function payloadsFor(t: CommandTarget): Record<CommandType, Record<string, unknown>> {
  const m = { meetingId: t.meetingId };
  const r = { ...m, resolutionId: t.resolutionId };
  const e = { ...m, electionId: t.electionId };
  return {
    ScheduleMeeting: {
      ...m,
      company: { name: 'Another Co.' },
      kind: 'EGM',
      title: 'A meeting under a certified id',
      shareClasses: [{ code: t.shareClass, issuedShares: 1000, votesPerShare: 1 }],
      startsAt: '2030-01-10T10:00:00+08:00',
      place: 'Elsewhere',
      ruleSetId: 'PRC-HKEX-H',
    },
    IssueNotice: { ...m, issuedOn: '2023-10-30' },
    FixRecordDate: { ...m, recordDate: '2023-11-16' },
    RecordEntitlements: {
      ...m,
      batch: 2,
      holders: [{ holderId: 'late-holder', shareClass: t.shareClass, shares: 1000 }],
    },
    CloseRegister: m,
    AppointScrutineers: { ...m, scrutineers: [{ name: 'A Late Scrutineer', capacity: 'auditor' }] },
    RecordDirectorsPresent: {
      ...m,
      directors: [{ name: 'A Late Director', designation: 'Director', present: true }],
    },
    // Backdated, as in the attack the issue reports: a proxy lodged "before the deadline" after the fact.
    LodgeProxy: {
      ...m,
      proxyId: 'late-proxy',
      holderId: t.absentHolderId,
      proxyName: 'A late proxy',
      lodgedAt: '2023-11-01T10:00:00+08:00',
    },
    RevokeProxy: { ...m, proxyId: t.proxyId },
    RecordAttendance: { ...m, holderId: t.absentHolderId, mode: 'IN_PERSON' },
    TableResolution: { ...m, resolutionId: 'late-resolution', number: 99, title: 'Late', kind: 'ORDINARY' },
    TableElection: { ...m, electionId: 'late-election', number: 98, title: 'Late election' },
    OpenMeeting: m,
    OpenPoll: m,
    ClosePoll: m,
    CloseMeeting: m,
    CertifyResults: { ...m, scrutineer: t.scrutineer },
    PostponeMeeting: { ...m, startsAt: '2030-01-10T10:00:00+08:00', reason: 'Late' },
    AdjournMeeting: { ...m, cause: 'BY_CHAIR', reason: 'Late', resumesAt: '2030-01-10T10:00:00+08:00' },
    IssueResumptionNotice: { ...m, issuedOn: '2029-12-01' },
    ResumeMeeting: m,
    SubmitShareholderProposal: {
      ...m,
      proposalId: 'late-proposal',
      submittedOn: '2023-11-01',
      title: 'Late proposal',
      kind: 'ORDINARY',
      proposers: [{ holderId: t.holderId, shareClass: t.shareClass, shares: 1 }],
    },
    IssueSupplementaryNotice: { ...m, proposalId: 'late-proposal', issuedOn: '2023-11-02' },
    ProposeResolution: {
      resolutionId: 'late-resolution',
      title: 'Late',
      kind: 'ORDINARY',
      meetings: [{ meetingId: t.meetingId, number: 99 }],
    },
    CastVote: { ...r, holderId: t.holderId, for: 1, against: 0, abstain: 0 },
    RejectVote: { ...r, holderId: t.holderId, reason: 'Late rejection' },
    CloseVoting: r,
    ClosePollOnResolution: r,
    WithdrawResolution: { ...r, reason: 'Late' },
    ProposeElection: {
      ...m,
      electionId: 'late-election',
      number: 98,
      title: 'Late election',
      pool: 'SUPERVISORS',
      seats: 2,
      candidates: [
        { candidateId: 'late-1', name: 'Late One', number: '98.01' },
        { candidateId: 'late-2', name: 'Late Two', number: '98.02' },
      ],
    },
    CastCumulativeBallot: { ...e, holderId: t.holderId, votes: [{ candidateId: t.candidateId, votes: 1 }] },
    RejectCumulativeBallot: { ...e, holderId: t.holderId, reason: 'Late rejection' },
    CloseElection: e,
    ClosePollOnElection: e,
    WithdrawElection: { ...e, reason: 'Late' },
  };
}

/** The command of `type` as a client would send it (without the time, where a server stamps it). */
export const commandInput = (
  type: CommandType,
  payload: Record<string, unknown>,
  commandId: string,
  actor = 'registrar:test',
) => ({ type, commandId, actor, issuedAt: '2023-11-23T17:00:00+08:00', payload });

/** Decoded by the type's own codec (so also the types only the command handler issues). */
export function decodedSample(type: CommandType, payload: Record<string, unknown>, commandId: string) {
  const decoded = COMMAND_CODECS.get(type)!.decode(commandInput(type, payload, commandId));
  if (isLeft(decoded)) throw new Error(`The sample ${type} does not decode`);
  return decoded.right as GovrecCommand;
}

/** Types the codecs know that have no sample here: none, or a suite cannot speak for every command. */
export const missingSamples = (t: CommandTarget): string[] =>
  [...COMMAND_CODECS.keys()].filter((type) => !(type in payloadsFor(t)));

/**
 * What a recorded meeting offers to aim every command at: its first resolution, election, proxy
 * (with its holder) and scrutineer, from the commands that recorded it. An id the meeting lacks
 * (no election at it) is aimed at anyway: the command must be refused all the same.
 */
export function targetAt(commands: readonly GovrecCommand[], meetingId: string): CommandTarget {
  const at = commands.filter((c) =>
    c.type === 'ProposeResolution'
      ? c.payload.meetings.some((m) => m.meetingId === meetingId)
      : 'meetingId' in c.payload && c.payload.meetingId === meetingId,
  );
  const find = <T extends CommandType>(type: T) =>
    at.find((c): c is Extract<GovrecCommand, { type: T }> => c.type === type);
  const proxy = find('LodgeProxy')?.payload;
  const election = find('ProposeElection')?.payload;
  const register = find('RecordEntitlements')?.payload.holders ?? [];
  const seen = new Set(
    at.flatMap((c) => (c.type === 'RecordAttendance' || c.type === 'LodgeProxy' ? [c.payload.holderId] : [])),
  );
  const absent = register.find((h) => !seen.has(h.holderId));
  return {
    meetingId,
    resolutionId: find('ProposeResolution')?.payload.resolutionId ?? 'no-resolution',
    electionId: election?.electionId ?? 'no-election',
    candidateId: election?.candidates[0].candidateId ?? 'no-candidate',
    holderId: proxy?.holderId ?? register[0]?.holderId ?? 'no-holder',
    absentHolderId: absent?.holderId ?? 'no-absent-holder',
    shareClass: absent?.shareClass ?? register[0]?.shareClass ?? 'A',
    proxyId: proxy?.proxyId ?? 'no-proxy',
    scrutineer: find('CertifyResults')?.payload.scrutineer ?? 'no-scrutineer',
  };
}
