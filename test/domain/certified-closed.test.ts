import { isLeft } from 'fp-ts/Either';
import {
  COMMAND_CODECS,
  GovrecCommand,
  isElectionCommand,
  isResolutionCommand,
} from '../../src/domain/commands';
import { decideElection } from '../../src/domain/election/decide';
import { MeetingCommand } from '../../src/domain/meeting/commands';
import { decideMeeting } from '../../src/domain/meeting/decide';
import { MeetingEvent } from '../../src/domain/meeting/events';
import { decideResolution } from '../../src/domain/resolution/decide';
import { evolveResolution, initialResolutionState } from '../../src/domain/resolution/state';
import { decodedSample, missingSamples, payloadsFor } from '../support/every-command';
import { electionProposed, electionStateOf, electionTabled } from './election-factories';
import {
  A,
  afterPoll,
  attended,
  EGM,
  inPoll,
  registered,
  meetingClosed,
  proxyLodged,
  resolutionProposed,
  resolutionTabled,
  resultsCertified,
  ruleSet,
  SCRUTINEER,
  spec,
  voteCast,
} from './factories';
import { cmd, givenMeeting, givenResolution, meetingContext, meetingStateOf, SEAL } from './spec';

/**
 * A certified record stays closed: once a meeting's results are certified, every command that
 * would add to its record is refused with ResultsCertified, on the meeting, on a resolution put to
 * it and on an election held at it. The commands are one of every type the codecs know, so a new
 * command type is covered the day it is added (or this suite fails for want of its sample).
 */
const E = EGM.meetingId;
const R = 'R1';
const ELECTION = 'E7';
const SPECIAL = ruleSet('PRC-HKEX-H').majorities.SPECIAL;

const proceedings: MeetingEvent[] = [
  resolutionTabled(EGM, R, 1),
  electionTabled(EGM, ELECTION, 7),
  proxyLodged(EGM, 'P1', 'A2'),
  attended(EGM, 'A1'),
  attended(EGM, 'A2', 'PROXY', { proxyId: 'P1', shares: 300 }),
];
const closedMeeting = [...afterPoll(EGM, proceedings), meetingClosed(EGM)];
const certifiedMeeting = [...closedMeeting, resultsCertified(EGM)];

const target = {
  meetingId: E,
  resolutionId: R,
  electionId: ELECTION,
  holderId: 'A1',
  absentHolderId: 'A3',
  shareClass: 'A',
  proxyId: 'P1',
  scrutineer: SCRUTINEER,
  candidateId: 'c7-1',
};
const samples = Object.entries(payloadsFor(target)).map(
  ([type, payload]) => [type, decodedSample(type as GovrecCommand['type'], payload, `late-${type}`)] as const,
);
const resolutionHistory = [
  resolutionProposed(R, [{ meetingId: E, number: 1, majorityRule: SPECIAL }]),
  voteCast(R, EGM, 'A1', { for: 600 }),
];
const electionHistory = [electionProposed(EGM, ELECTION, 2, 3)];

/** What the aggregate the command is addressed to decides, with the meeting's history as context. */
function decide(command: GovrecCommand, meeting: readonly MeetingEvent[]) {
  const state = meetingStateOf(meeting);
  if (isResolutionCommand(command)) {
    const history = command.type === 'ProposeResolution' ? [] : resolutionHistory;
    const resolution = history.reduce(evolveResolution, initialResolutionState());
    return decideResolution(command, resolution, { meetings: new Map([[E, state]]) });
  }
  if (isElectionCommand(command)) {
    const history = command.type === 'ProposeElection' ? [] : electionHistory;
    return decideElection(command, electionStateOf(history), { meeting: state });
  }
  return decideMeeting(command as MeetingCommand, state, { ...meetingContext, seal: SEAL });
}

const refusalOf = (command: GovrecCommand, meeting: readonly MeetingEvent[]) => {
  const decision = decide(command, meeting);
  return isLeft(decision) ? decision.left : undefined;
};

it('has a sample of every command type the codecs know', () => {
  expect(missingSamples(target)).toEqual([]);
  expect(samples.map(([type]) => type).sort()).toEqual([...COMMAND_CODECS.keys()].sort());
});

describe('given a meeting whose results are certified', () => {
  it.each(samples)('refuses %s with ResultsCertified on the meeting it names', (type, command) => {
    const refusal = refusalOf(command, certifiedMeeting);
    expect(refusal).toMatchObject({
      rule: 'ResultsCertified',
      field: type === 'ProposeResolution' ? 'payload.meetings[0].meetingId' : 'payload.meetingId',
    });
  });
});

describe('given the same meeting closed but not yet certified', () => {
  // The rule speaks of certification only: before it, no command is refused for it.
  it.each(samples)('does not refuse %s as certified', (_type, command) => {
    expect(refusalOf(command, closedMeeting)?.rule).not.toBe('ResultsCertified');
  });
});

describe('the attack the issue reports', () => {
  const lodgeBackdated = cmd('LodgeProxy', {
    meetingId: E,
    proxyId: 'P2',
    holderId: 'A3',
    proxyName: 'A late proxy',
    lodgedAt: '2023-11-20T10:00:00+08:00',
  });

  it('refuses a backdated proxy lodged after certification, and its revocation', () => {
    givenMeeting(certifiedMeeting).when(lodgeBackdated).thenRefused('ResultsCertified', 'payload.meetingId');
    givenMeeting(certifiedMeeting)
      .when(cmd('RevokeProxy', { meetingId: E, proxyId: 'P1' }))
      .thenRefused('ResultsCertified', 'payload.meetingId');
  });

  it('refuses a second certification as certified already', () => {
    givenMeeting(certifiedMeeting, { seal: SEAL })
      .when(cmd('CertifyResults', { meetingId: E, scrutineer: SCRUTINEER }))
      .thenRefused('ResultsCertified', 'payload.meetingId');
  });
});

describe('certifying complete results only', () => {
  // Nothing is decided at a meeting once certified: a resolution left open then would stay so.
  const certify = cmd('CertifyResults', { meetingId: E, scrutineer: SCRUTINEER });

  it('refuses to certify while a resolution or election on the agenda is undecided', () => {
    givenMeeting(closedMeeting, { seal: SEAL, undecided: [R, ELECTION] })
      .when(certify)
      .thenRefused('ResultsNotDecided', 'payload.meetingId');
  });

  it('certifies once each is decided or withdrawn', () => {
    expect(givenMeeting(closedMeeting, { seal: SEAL, undecided: [] }).when(certify).events()).toHaveLength(1);
  });
});

describe('a resolution put to a certified meeting and to one still polling', () => {
  const A_CLASS = spec({
    meetingId: 'a-class-1',
    kind: 'CLASS',
    shareClasses: [A],
    holders: EGM.holders.filter((h) => h.shareClass === 'A'),
  });
  const aClassInPoll = inPoll(A_CLASS, [resolutionTabled(A_CLASS, R, 1), attended(A_CLASS, 'A3')]);
  const proposed = resolutionProposed(R, [
    { meetingId: E, number: 1, majorityRule: SPECIAL },
    { meetingId: A_CLASS.meetingId, number: 1, majorityRule: SPECIAL },
  ]);
  const meetings = { [E]: certifiedMeeting, [A_CLASS.meetingId]: aClassInPoll };
  const vote = (meetingId: string) =>
    cmd('CastVote', { resolutionId: R, meetingId, holderId: 'A3', for: 100, against: 0, abstain: 0 });

  it('still takes votes at the meeting still polling', () => {
    expect(givenResolution([proposed], meetings).when(vote(A_CLASS.meetingId)).events()).toHaveLength(1);
  });

  it('takes none at the certified one', () => {
    givenResolution([proposed], meetings).when(vote(E)).thenRefused('ResultsCertified', 'payload.meetingId');
  });

  it('is refused a proposal naming the certified meeting among others', () => {
    givenResolution([], { [E]: certifiedMeeting, [A_CLASS.meetingId]: registered(A_CLASS) })
      .when(
        cmd('ProposeResolution', {
          resolutionId: 'R9',
          title: 'Late',
          kind: 'ORDINARY',
          meetings: [
            { meetingId: A_CLASS.meetingId, number: 9 },
            { meetingId: E, number: 9 },
          ],
        }),
      )
      .thenRefused('ResultsCertified', 'payload.meetings[1].meetingId');
  });
});
