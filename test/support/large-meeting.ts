import { CommandInput } from '../../src/index';

/**
 * A certified AGM with `holders` holders, each attending in person and voting on one resolution:
 * two events a holder, recorded in seconds through Govrec.record, for tests that need a large record.
 */
export const LARGE_MEETING = 'large-agm';
const SCRUTINEER = 'Large Share Registrar Limited';

export function largeMeetingCommands(holders: number): CommandInput[] {
  const meetingId = LARGE_MEETING;
  const ids = Array.from({ length: holders }, (_, i) => `L-${String(i + 1).padStart(7, '0')}`);
  const at = (time: string) => `2025-06-${time}+08:00`;
  let n = 0;
  const c = (type: string, time: string, payload: Record<string, unknown>, actor = 'registrar:large') => ({
    type,
    issuedAt: at(time),
    actor,
    commandId: `large-${++n}`,
    payload,
  });
  const batches: ReturnType<typeof c>[] = [];
  for (let b = 0; b * 5000 < holders; b++)
    batches.push(
      c('RecordEntitlements', '13T17:00:00', {
        meetingId,
        batch: b + 1,
        holders: ids
          .slice(b * 5000, (b + 1) * 5000)
          .map((holderId) => ({ holderId, shareClass: 'A', shares: 100 })),
      }),
    );
  return [
    c(
      'ScheduleMeeting',
      '01T09:00:00',
      {
        meetingId,
        company: { name: 'Large Holdings Limited (synthetic)' },
        kind: 'AGM',
        title: 'Annual general meeting',
        shareClasses: [{ code: 'A', issuedShares: holders * 100, votesPerShare: 1 }],
        startsAt: at('25T10:00:00'),
        place: 'Hong Kong',
        ruleSetId: 'PRC-HKEX-H',
      },
      'company-secretary:large',
    ),
    c('IssueNotice', '02T18:00:00', { meetingId, issuedOn: '2025-06-02' }, 'company-secretary:large'),
    c('FixRecordDate', '02T18:05:00', { meetingId, recordDate: '2025-06-13' }, 'company-secretary:large'),
    c('AppointScrutineers', '03T10:00:00', {
      meetingId,
      scrutineers: [{ name: SCRUTINEER, capacity: 'share registrar' }],
    }),
    ...batches,
    c('CloseRegister', '13T17:05:00', { meetingId }),
    c(
      'ProposeResolution',
      '02T17:00:00',
      {
        resolutionId: 'large-r1',
        title: 'To re-appoint the auditor',
        kind: 'ORDINARY',
        meetings: [{ meetingId, number: 1 }],
      },
      'company-secretary:large',
    ),
    c('OpenMeeting', '25T10:00:00', { meetingId }, 'chair:large'),
    c('OpenPoll', '25T10:30:00', { meetingId }, 'chair:large'),
    ...ids.map((holderId) =>
      c('RecordAttendance', '25T10:31:00', { meetingId, holderId, mode: 'IN_PERSON' }),
    ),
    ...ids.map((holderId) =>
      c('CastVote', '25T10:40:00', {
        resolutionId: 'large-r1',
        meetingId,
        holderId,
        for: 100,
        against: 0,
        abstain: 0,
      }),
    ),
    c('ClosePoll', '25T11:00:00', { meetingId }, 'chair:large'),
    c('CloseVoting', '25T11:05:00', { resolutionId: 'large-r1', meetingId }, 'scrutineer:large'),
    c('CloseMeeting', '25T11:10:00', { meetingId }, 'chair:large'),
    c('CertifyResults', '25T12:00:00', { meetingId, scrutineer: SCRUTINEER }, 'scrutineer:large'),
  ] as CommandInput[];
}
