import { isLeft } from 'fp-ts/Either';
import { scenarioCommands } from '../../src/application/scenario';
import { GovrecCommand } from '../../src/domain/commands';

/**
 * A second case, unlike the reference in every way the announcement depends on: a Hong Kong company
 * (HK-CAP622: majorities of votes cast, "more than" one half, three-quarters for a special
 * resolution), a single AGM of one class, a holder required to abstain on resolution 2 and another
 * from voting in favour of resolution 3, a special resolution that fails, a superseded proxy, a proxy
 * revoked by its holder, one revoked by its holder attending, and a vote rejected and cast again.
 *
 * Attending: ORD-1 400,000 (corporate representative), ORD-2 450,000 (by proxy PX-2, which superseded
 * PX-1), ORD-3 100,000 and ORD-4 30,000 in person: 980,000 of 1,000,000 shares.
 */
export const AGM = 'hlh-2024-agm';
export const SCRUTINEER = 'Tricor Investor Services Limited';
/** The command id of the scrutineer's rejection, which caused ORD-4's second vote on resolution 2. */
export const REJECTION = 'hlh-2024-agm:reject-ORD-4-r2';

const meeting = { meetingId: AGM };
const vote = (
  resolutionId: string,
  holderId: string,
  f: number,
  against: number,
  abstain: number,
  at = '10:35',
) => ({
  type: 'CastVote',
  issuedAt: `2024-06-14T${at}:00+08:00`,
  payload: { resolutionId, meetingId: AGM, holderId, for: f, against, abstain },
});
const closeVoting = (resolutionId: string) => ({
  type: 'CloseVoting',
  issuedAt: '2024-06-14T11:05:00+08:00',
  actor: SCRUTINEER,
  payload: { resolutionId, meetingId: AGM },
});
const propose = (resolutionId: string, number: number, title: string, kind: string, extra: object = {}) => ({
  type: 'ProposeResolution',
  issuedAt: '2024-05-20T08:00:00+08:00',
  actor: 'company-secretary:hlh',
  payload: { resolutionId, title, kind, meetings: [{ meetingId: AGM, number }], ...extra },
});

export const HK_AGM_SCENARIO = {
  id: 'hlh-2024-agm',
  actor: 'registrar:tricor',
  commands: [
    {
      type: 'ScheduleMeeting',
      issuedAt: '2024-05-02T09:00:00+08:00',
      actor: 'company-secretary:hlh',
      payload: {
        meetingId: AGM,
        company: { name: 'Harbour Lantern Holdings Limited', stockCode: '8123', incorporation: 'Hong Kong' },
        kind: 'AGM',
        title: 'The annual general meeting of 2024',
        shareClasses: [{ code: 'ORD', issuedShares: 1_000_000, votesPerShare: 1 }],
        startsAt: '2024-06-14T10:00:00+08:00',
        place: 'Island Ballroom, 1 Harbour Road, Wan Chai, Hong Kong',
        ruleSetId: 'HK-CAP622',
        // This issuer prints FOR and AGAINST of the votes cast, to 4 decimals, and ABSTAIN as a count.
        presentation: { percentageBase: 'VOTES_CAST', decimals: 4 },
      },
    },
    {
      type: 'IssueNotice',
      issuedAt: '2024-05-20T07:00:00+08:00',
      actor: 'company-secretary:hlh',
      payload: {
        ...meeting,
        issuedOn: '2024-05-20',
        circular: {
          title: 'Circular on general mandates and new articles of association',
          date: '2024-05-20',
        },
      },
    },
    propose(
      'hlh-r1',
      1,
      'To receive the audited financial statements for the year ended 31 December 2023',
      'ORDINARY',
    ),
    propose(
      'hlh-r2',
      2,
      'To approve the <lease> agreement with "Lantern" Family Trust & its associates',
      'ORDINARY',
      {
        requiredToAbstain: [{ holderId: 'ORD-1', scope: 'ALL' }],
      },
    ),
    propose('hlh-r3', 3, 'To grant a general mandate to issue new shares', 'ORDINARY', {
      requiredToAbstain: [{ holderId: 'ORD-3', scope: 'IN_FAVOUR' }],
    }),
    propose('hlh-r4', 4, 'To adopt the new articles of association', 'SPECIAL'),
    {
      type: 'FixRecordDate',
      issuedAt: '2024-06-03T09:00:00+08:00',
      payload: { ...meeting, recordDate: '2024-06-07' },
    },
    {
      type: 'RecordEntitlements',
      issuedAt: '2024-06-07T17:00:00+08:00',
      payload: {
        ...meeting,
        batch: 1,
        holders: [
          { holderId: 'ORD-1', name: 'Lantern Family Trust', shareClass: 'ORD', shares: 400_000 },
          { holderId: 'ORD-2', name: 'HKSCC Nominees Limited', shareClass: 'ORD', shares: 450_000 },
          { holderId: 'ORD-3', name: 'Mr. Chan Tai Man', shareClass: 'ORD', shares: 100_000 },
          { holderId: 'ORD-4', name: 'Ms. Wong Mei Ling', shareClass: 'ORD', shares: 30_000 },
          { holderId: 'ORD-5', name: 'Mr. Lee Ka Fai', shareClass: 'ORD', shares: 20_000 },
        ],
      },
    },
    {
      type: 'CloseRegister',
      issuedAt: '2024-06-07T17:05:00+08:00',
      payload: { ...meeting, controlTotals: [{ shareClass: 'ORD', shares: 1_000_000 }] },
    },
    {
      type: 'AppointScrutineers',
      issuedAt: '2024-06-10T09:00:00+08:00',
      actor: 'company-secretary:hlh',
      payload: { ...meeting, scrutineers: [{ name: SCRUTINEER, capacity: 'branch share registrar' }] },
    },
    {
      type: 'RecordDirectorsPresent',
      issuedAt: '2024-06-14T10:00:00+08:00',
      actor: 'company-secretary:hlh',
      payload: {
        ...meeting,
        directors: [
          { name: 'Mr. Wong Kai Ming', designation: 'executive Director', present: true, means: 'IN_PERSON' },
          {
            name: 'Ms. Lau Wing Yee',
            designation: 'independent non-executive Director',
            present: true,
            means: 'ELECTRONIC',
          },
          { name: 'Mr. Cheung Ho Yin', designation: 'independent non-executive Director', present: false },
        ],
      },
    },
    {
      type: 'LodgeProxy',
      issuedAt: '2024-06-10T10:00:00+08:00',
      payload: {
        ...meeting,
        proxyId: 'PX-1',
        holderId: 'ORD-2',
        proxyName: 'The chairman of the meeting',
        lodgedAt: '2024-06-10T10:00:00+08:00',
        shares: 300_000,
      },
    },
    {
      type: 'LodgeProxy',
      issuedAt: '2024-06-11T09:00:00+08:00',
      payload: {
        ...meeting,
        proxyId: 'PX-2',
        holderId: 'ORD-2',
        proxyName: 'Mr. Ho Siu Keung',
        lodgedAt: '2024-06-11T09:00:00+08:00',
      },
    },
    {
      type: 'LodgeProxy',
      issuedAt: '2024-06-11T12:00:00+08:00',
      payload: {
        ...meeting,
        proxyId: 'PX-3',
        holderId: 'ORD-4',
        proxyName: 'The chairman of the meeting',
        lodgedAt: '2024-06-11T12:00:00+08:00',
      },
    },
    {
      type: 'LodgeProxy',
      issuedAt: '2024-06-10T15:00:00+08:00',
      payload: {
        ...meeting,
        proxyId: 'PX-4',
        holderId: 'ORD-5',
        proxyName: 'The chairman of the meeting',
        lodgedAt: '2024-06-10T15:00:00+08:00',
      },
    },
    { type: 'RevokeProxy', issuedAt: '2024-06-12T09:00:00+08:00', payload: { ...meeting, proxyId: 'PX-4' } },
    {
      type: 'RecordAttendance',
      issuedAt: '2024-06-14T09:40:00+08:00',
      payload: {
        ...meeting,
        holderId: 'ORD-1',
        mode: 'CORPORATE_REPRESENTATIVE',
        representative: 'Mr. Lam Chi Wai',
      },
    },
    {
      type: 'RecordAttendance',
      issuedAt: '2024-06-14T09:41:00+08:00',
      payload: { ...meeting, holderId: 'ORD-2', mode: 'PROXY' },
    },
    {
      type: 'RecordAttendance',
      issuedAt: '2024-06-14T09:42:00+08:00',
      payload: { ...meeting, holderId: 'ORD-3', mode: 'IN_PERSON' },
    },
    {
      type: 'RecordAttendance',
      issuedAt: '2024-06-14T09:43:00+08:00',
      payload: { ...meeting, holderId: 'ORD-4', mode: 'IN_PERSON' },
    },
    { type: 'OpenMeeting', issuedAt: '2024-06-14T10:00:00+08:00', actor: 'chair:hlh', payload: meeting },
    { type: 'OpenPoll', issuedAt: '2024-06-14T10:30:00+08:00', actor: 'chair:hlh', payload: meeting },
    vote('hlh-r1', 'ORD-1', 400_000, 0, 0),
    vote('hlh-r1', 'ORD-2', 440_000, 10_000, 0),
    vote('hlh-r1', 'ORD-3', 100_000, 0, 0),
    vote('hlh-r1', 'ORD-4', 30_000, 0, 0),
    vote('hlh-r2', 'ORD-2', 300_000, 150_000, 0),
    vote('hlh-r2', 'ORD-3', 100_000, 0, 0),
    vote('hlh-r2', 'ORD-4', 0, 30_000, 0),
    {
      type: 'RejectVote',
      issuedAt: '2024-06-14T10:50:00+08:00',
      actor: SCRUTINEER,
      commandId: REJECTION,
      correlationId: REJECTION,
      payload: {
        resolutionId: 'hlh-r2',
        meetingId: AGM,
        holderId: 'ORD-4',
        reason: 'Voting slip not signed',
      },
    },
    // The holder votes again because the scrutineer rejected the first slip: the record says why.
    { ...vote('hlh-r2', 'ORD-4', 0, 0, 30_000, '10:55'), causationId: REJECTION, correlationId: REJECTION },
    vote('hlh-r3', 'ORD-1', 400_000, 0, 0),
    vote('hlh-r3', 'ORD-2', 450_000, 0, 0),
    vote('hlh-r3', 'ORD-3', 0, 100_000, 0),
    vote('hlh-r3', 'ORD-4', 0, 0, 30_000),
    vote('hlh-r4', 'ORD-1', 400_000, 0, 0),
    vote('hlh-r4', 'ORD-2', 200_000, 250_000, 0),
    vote('hlh-r4', 'ORD-3', 100_000, 0, 0),
    vote('hlh-r4', 'ORD-4', 0, 30_000, 0),
    { type: 'ClosePoll', issuedAt: '2024-06-14T11:00:00+08:00', actor: 'chair:hlh', payload: meeting },
    closeVoting('hlh-r1'),
    closeVoting('hlh-r2'),
    closeVoting('hlh-r3'),
    closeVoting('hlh-r4'),
    { type: 'CloseMeeting', issuedAt: '2024-06-14T11:10:00+08:00', actor: 'chair:hlh', payload: meeting },
    {
      type: 'CertifyResults',
      issuedAt: '2024-06-14T12:00:00+08:00',
      actor: SCRUTINEER,
      payload: { ...meeting, scrutineer: SCRUTINEER },
    },
  ],
};

export function hkAgmCommands(): GovrecCommand[] {
  const commands = scenarioCommands(HK_AGM_SCENARIO);
  if (isLeft(commands)) throw new Error(`HK AGM scenario does not decode: ${JSON.stringify(commands.left)}`);
  return commands.right;
}
