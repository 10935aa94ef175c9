import { isLeft } from 'fp-ts/Either';
import { scenarioCommands } from '../../../src/application/scenario';
import { GovrecCommand } from '../../../src/domain/commands';

/**
 * Builds a scenario for a published poll result on a synthetic register: the figures are the
 * published ones, the holders are not (a handful of nominees whose split votes add up to each
 * published count, and a holder who stayed away). The commands go through the one write path.
 */
export interface PublishedMeeting {
  readonly id: string;
  readonly company: { name: string; stockCode?: string; incorporation?: string };
  readonly kind: 'AGM' | 'EGM' | 'SGM' | 'CLASS';
  readonly title: string;
  readonly ruleSetId: string;
  readonly presentation?: Record<string, unknown>;
  readonly shareClasses: readonly { code: string; issuedShares: number; votesPerShare: number }[];
  readonly startsAt: string;
  readonly place: string;
  readonly noticeOn: string;
  readonly recordDate: string;
  readonly holders: readonly {
    holderId: string;
    shareClass: string;
    shares: number;
    attends: boolean;
    /** The holder's name where the register gives it. */
    name?: string;
  }[];
  readonly resolutions: readonly {
    readonly id: string;
    readonly number: number;
    readonly title: string;
    readonly kind: 'ORDINARY' | 'SPECIAL';
    readonly extra?: Record<string, unknown>;
    /** Each holder's split: [holderId, for, against, abstain]. */
    readonly votes: readonly (readonly [string, number, number, number])[];
  }[];
}

export function publishedCommands(p: PublishedMeeting): GovrecCommand[] {
  const meeting = { meetingId: p.id };
  const day = p.startsAt.slice(0, 10);
  const zone = p.startsAt.slice(19);
  const at = (time: string) => `${day}T${time}:00${zone}`;
  const commands = [
    {
      type: 'ScheduleMeeting',
      issuedAt: `${p.noticeOn}T08:00:00${zone}`,
      payload: {
        meetingId: p.id,
        company: p.company,
        kind: p.kind,
        title: p.title,
        shareClasses: p.shareClasses,
        startsAt: p.startsAt,
        place: p.place,
        ruleSetId: p.ruleSetId,
        ...(p.presentation ? { presentation: p.presentation } : {}),
      },
    },
    {
      type: 'IssueNotice',
      issuedAt: `${p.noticeOn}T09:00:00${zone}`,
      payload: { ...meeting, issuedOn: p.noticeOn },
    },
    ...p.resolutions.map((r) => ({
      type: 'ProposeResolution',
      issuedAt: `${p.noticeOn}T09:30:00${zone}`,
      payload: {
        resolutionId: r.id,
        title: r.title,
        kind: r.kind,
        meetings: [{ ...meeting, number: r.number }],
        ...r.extra,
      },
    })),
    {
      type: 'FixRecordDate',
      issuedAt: `${p.noticeOn}T10:00:00${zone}`,
      payload: { ...meeting, recordDate: p.recordDate },
    },
    {
      type: 'RecordEntitlements',
      issuedAt: `${p.recordDate}T18:00:00${zone}`,
      payload: {
        ...meeting,
        batch: 1,
        holders: p.holders.map(({ holderId, shareClass, shares, name }) => ({
          holderId,
          shareClass,
          shares,
          ...(name ? { name } : {}),
        })),
      },
    },
    {
      type: 'CloseRegister',
      issuedAt: `${p.recordDate}T18:05:00${zone}`,
      payload: {
        ...meeting,
        controlTotals: p.shareClasses.map((c) => ({
          shareClass: c.code,
          shares: p.holders.filter((h) => h.shareClass === c.code).reduce((s, h) => s + h.shares, 0),
        })),
      },
    },
    {
      type: 'AppointScrutineers',
      issuedAt: `${p.recordDate}T18:10:00${zone}`,
      payload: { ...meeting, scrutineers: [{ name: 'The Registrar', capacity: 'share registrar' }] },
    },
    ...p.holders
      .filter((h) => h.attends)
      .map((h) => ({
        type: 'RecordAttendance',
        issuedAt: at('09:00'),
        payload: { ...meeting, holderId: h.holderId, mode: 'IN_PERSON' },
      })),
    { type: 'OpenMeeting', issuedAt: p.startsAt, payload: meeting },
    { type: 'OpenPoll', issuedAt: p.startsAt, payload: meeting },
    ...p.resolutions.flatMap((r) =>
      r.votes.map(([holderId, f, against, abstain]) => ({
        type: 'CastVote',
        issuedAt: p.startsAt,
        payload: { resolutionId: r.id, ...meeting, holderId, for: f, against, abstain },
      })),
    ),
    { type: 'ClosePoll', issuedAt: at('23:00'), payload: meeting },
    ...p.resolutions.map((r) => ({
      type: 'CloseVoting',
      issuedAt: at('23:10'),
      actor: 'The Registrar',
      payload: { resolutionId: r.id, ...meeting },
    })),
  ];
  const decoded = scenarioCommands({ id: p.id, actor: 'registrar:golden', commands });
  if (isLeft(decoded)) throw new Error(`${p.id} does not decode: ${JSON.stringify(decoded.left)}`);
  return decoded.right;
}
