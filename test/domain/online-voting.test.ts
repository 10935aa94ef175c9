import { attended, MeetingSpec, proxyLodged, registered, ruleSet, spec } from './factories';
import { cmd, givenMeeting } from './spec';

/**
 * A holder who votes online (the A-share network vote) attends as the rule set says: admitted and
 * present where it says PRESENT (PRC), admitted but out of the quorum where NOT_IN_QUORUM, refused
 * where it admits no online voting (HK-CAP622 as shipped).
 */
/** Holders A1 600, A2 300, A3 100 (class A), H1 200, H2 100 (class H). */
const PRC = spec({ meetingId: 'prc-egm' });
const HK = spec({ meetingId: 'hk-egm', ruleSetId: 'HK-CAP622' });
/** An issuer under HK-CAP622 whose articles admit online voting, as `onlineVoting` says. */
const hkOnline = (onlineVoting: 'PRESENT' | 'NOT_IN_QUORUM'): MeetingSpec =>
  spec({
    meetingId: `hk-online-${onlineVoting}`,
    ruleSetId: 'HK-ONLINE',
    rules: { ...ruleSet('HK-CAP622'), id: 'HK-ONLINE', onlineVoting },
  });
const attend = (s: MeetingSpec, holderId: string, mode: string) =>
  cmd('RecordAttendance', { meetingId: s.meetingId, holderId, mode });
const open = (s: MeetingSpec) => cmd('OpenMeeting', { meetingId: s.meetingId });

describe('RecordAttendance online', () => {
  it('PRC: a holder voting online attends for its whole holding', () => {
    givenMeeting(registered(PRC))
      .when(attend(PRC, 'A2', 'ONLINE'))
      .thenEvents([
        {
          type: 'AttendanceRecorded',
          data: {
            meetingId: PRC.meetingId,
            holderId: 'A2',
            shareClass: 'A',
            mode: 'ONLINE',
            shares: 300,
            votes: 300,
          },
        },
      ]);
  });

  it('is refused where the rule set admits no online voting', () => {
    givenMeeting(registered(HK))
      .when(attend(HK, 'A2', 'ONLINE'))
      .thenRefused('OnlineVotingNotAdmitted', 'payload.mode');
  });

  it('is refused while a proxy holds the shares, which an online vote does not revoke', () => {
    givenMeeting([...registered(PRC), proxyLodged(PRC, 'P1', 'A2', 300)])
      .when(attend(PRC, 'A2', 'ONLINE'))
      .thenRefused('ProxyInForce', 'payload.mode');
  });
});

describe('the quorum with holders voting online', () => {
  const present = (s: MeetingSpec) => [...registered(s), attended(s, 'A1'), attended(s, 'A2', 'ONLINE')];

  it('PRESENT: a holder voting online is one of the two holders present', () => {
    const s = hkOnline('PRESENT');
    const [opened] = givenMeeting(present(s)).when(open(s)).events();
    expect(opened).toMatchObject({
      type: 'MeetingOpened',
      data: { quorum: { kind: 'HOLDERS_PRESENT', present: 2, required: 2, met: true, holdersPresent: 2 } },
    });
  });

  it('NOT_IN_QUORUM: one holder in person and one online are no quorum', () => {
    const s = hkOnline('NOT_IN_QUORUM');
    givenMeeting(present(s)).when(open(s)).thenRefused('QuorumNotMet', 'payload.meetingId');
  });

  it('NOT_IN_QUORUM: two in person make the quorum, and the online holder stays out of its figures', () => {
    const s = hkOnline('NOT_IN_QUORUM');
    const [opened] = givenMeeting([...present(s), attended(s, 'A3')])
      .when(open(s))
      .events();
    expect(opened).toMatchObject({
      data: { quorum: { present: 2, met: true, holdersPresent: 2, votesPresent: 700 } },
    });
  });
});
