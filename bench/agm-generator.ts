/**
 * A deterministic synthetic AGM of any size: one meeting of two share classes (A and H, one vote a
 * share), holders of whom the first few are nominees that split their votes, one proxy per holder
 * (a nominee lodges two, the later superseding), a handful attending in person, and 20 resolutions
 * on which every holder votes. AGM-1M is 50,000 holders: 50,000 proxies and 1,000,000 votes.
 * Same size, same bytes: the pseudo-random numbers come from a fixed seed.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Holders by size; each votes on the 20 resolutions (xl: 10,000,000 votes, issue 19). */
export const SIZES = { xl: 500_000, full: 50_000, medium: 5_000, small: 500, tiny: 50 } as const;
export type SizeName = keyof typeof SIZES;

export const MEETING_ID = 'agm1m-2025';
export const RESOLUTIONS = 20;
const NOMINEES = 5;
const IN_PERSON = 5;
const ACTOR = 'registrar:bench';

export interface Holder {
  readonly index: number;
  readonly holderId: string;
  readonly shareClass: 'A' | 'H';
  readonly shares: number;
  readonly nominee: boolean;
  readonly inPerson: boolean;
}

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const resolutionId = (r: number) => `agm1m-r${pad(r, 2)}`;

/** The register, in holder order; nominees first. */
export function* holders(count: number): Generator<Holder> {
  const next = random(20250620);
  for (let i = 1; i <= count; i++) {
    const nominee = i <= NOMINEES;
    yield {
      index: i,
      holderId: `HLD-${pad(i, 6)}`,
      shareClass: i % 5 === 0 ? 'H' : 'A',
      shares: nominee ? 40_000_000 + i * 1_000_000 : 100 + Math.floor(next() * 1_000_000),
      nominee,
      inPerson: !nominee && i <= NOMINEES + IN_PERSON,
    };
  }
}

/** Shares a proxy (or the holder in person) represents: nominees were instructed for 90 %. */
export const represented = (h: Holder) => (h.nominee ? Math.floor(h.shares * 0.9) : h.shares);

export function classTotals(count: number): Record<'A' | 'H', number> {
  const totals = { A: 0, H: 0 };
  for (const h of holders(count)) totals[h.shareClass] += h.shares;
  return totals;
}

const command = (type: string, issuedAt: string, payload: Record<string, unknown>, commandId: string) => ({
  type,
  commandId,
  actor: ACTOR,
  issuedAt,
  payload,
});

/** Up to the register: schedule, notice, record date, scrutineers. */
export function scheduleCommands(count: number): unknown[] {
  const totals = classTotals(count);
  const meetingId = MEETING_ID;
  return [
    command(
      'ScheduleMeeting',
      '2025-05-19T09:00:00+08:00',
      {
        meetingId,
        company: { name: 'AGM-1M Benchmark Holdings (synthetic)', stockCode: '0001' },
        kind: 'AGM',
        title: 'Annual general meeting 2025 (benchmark)',
        shareClasses: [
          { code: 'A', issuedShares: totals.A + 1_000_000, votesPerShare: 1 },
          { code: 'H', issuedShares: totals.H + 1_000_000, votesPerShare: 1 },
        ],
        startsAt: '2025-06-20T10:00:00+08:00',
        place: 'Benchmark Hall (synthetic)',
        ruleSetId: 'PRC-HKEX-H',
      },
      'bench:schedule',
    ),
    command(
      'IssueNotice',
      '2025-05-20T18:00:00+08:00',
      { meetingId, issuedOn: '2025-05-20' },
      'bench:notice',
    ),
    command(
      'FixRecordDate',
      '2025-05-20T18:05:00+08:00',
      { meetingId, recordDate: '2025-06-13' },
      'bench:record-date',
    ),
    command(
      'AppointScrutineers',
      '2025-06-02T10:00:00+08:00',
      { meetingId, scrutineers: [{ name: 'Bench Registrar Limited', capacity: 'share registrar' }] },
      'bench:scrutineers',
    ),
  ];
}

/** After the register: close it against its totals and table the 20 resolutions. */
export function agendaCommands(count: number): unknown[] {
  const totals = classTotals(count);
  const meetingId = MEETING_ID;
  const proposals = Array.from({ length: RESOLUTIONS }, (_, k) =>
    command(
      'ProposeResolution',
      '2025-05-20T17:00:00+08:00',
      {
        resolutionId: resolutionId(k + 1),
        title: `Resolution ${k + 1} of the benchmark AGM`,
        kind: (k + 1) % 5 === 0 ? 'SPECIAL' : 'ORDINARY',
        meetings: [{ meetingId, number: k + 1 }],
      },
      `bench:propose-${k + 1}`,
    ),
  );
  return [
    command(
      'CloseRegister',
      '2025-06-13T17:05:00+08:00',
      {
        meetingId,
        controlTotals: [
          { shareClass: 'A', shares: totals.A },
          { shareClass: 'H', shares: totals.H },
        ],
      },
      'bench:close-register',
    ),
    ...proposals,
  ];
}

export const openCommands = (): unknown[] => [
  command('OpenMeeting', '2025-06-20T10:00:00+08:00', { meetingId: MEETING_ID }, 'bench:open'),
  command('OpenPoll', '2025-06-20T10:30:00+08:00', { meetingId: MEETING_ID }, 'bench:poll'),
];

export function* attendanceCommands(count: number): Generator<unknown> {
  for (const h of holders(count)) {
    const mode = h.inPerson ? 'IN_PERSON' : 'PROXY';
    const payload = { meetingId: MEETING_ID, holderId: h.holderId, mode };
    yield command('RecordAttendance', '2025-06-20T09:30:00+08:00', payload, `bench:attend-${h.index}`);
  }
}

/** FOR / AGAINST / ABSTAIN of one holder on one resolution: nominees split, others vote one way. */
function ballot(h: Holder, draw: number): [number, number, number] {
  const shares = represented(h);
  if (h.nominee) {
    const against = Math.floor(shares * (0.1 + draw * 0.2));
    const abstain = Math.floor(shares * 0.05);
    return [shares - against - abstain, against, abstain];
  }
  if (draw < 0.8) return [shares, 0, 0];
  return draw < 0.95 ? [0, shares, 0] : [0, 0, shares];
}

export interface Vote {
  readonly holder: Holder;
  readonly resolutionId: string;
  readonly split: [number, number, number];
  /** 1-based, in file order. */
  readonly n: number;
}

/** Every holder's ballot on every resolution, holder by holder, as a registrar's file lists them. */
export function* votes(count: number): Generator<Vote> {
  const next = random(1_000_003);
  let n = 0;
  for (const holder of holders(count)) {
    for (let r = 1; r <= RESOLUTIONS; r++)
      yield { holder, resolutionId: resolutionId(r), split: ballot(holder, next()), n: ++n };
  }
}

export const castVoteCommand = (v: Vote) =>
  command(
    'CastVote',
    '2025-06-20T10:45:00+08:00',
    {
      resolutionId: v.resolutionId,
      meetingId: MEETING_ID,
      holderId: v.holder.holderId,
      for: v.split[0],
      against: v.split[1],
      abstain: v.split[2],
    },
    `bench:vote-${v.n}`,
  );

/** Writes lines through a stream, waiting when it is full, so a million rows never sit in memory. */
async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(`${line}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

export const writeRegisterCsv = (path: string, count: number) =>
  writeLines(
    path,
    (function* () {
      yield 'holder_id,share_class,shares,name';
      for (const h of holders(count))
        yield `${h.holderId},${h.shareClass},${h.shares},${h.nominee ? 'Nominee' : 'Holder'} ${h.index} (synthetic)`;
    })(),
  );

export const writeProxiesCsv = (path: string, count: number) =>
  writeLines(
    path,
    (function* () {
      yield 'proxy_id,holder_id,proxy_name,lodged_at,shares';
      for (const h of holders(count)) {
        const day = 14 + (h.index % 5);
        const at = `2025-06-${day}T${pad(9 + (h.index % 8), 2)}:${pad(h.index % 60, 2)}:00+08:00`;
        if (h.inPerson) continue;
        if (h.nominee)
          yield `PX-${h.index}-a,${h.holderId},The chairman of the meeting,${at},${Math.floor(h.shares * 0.6)}`;
        const shares = h.nominee ? String(represented(h)) : '';
        const later = h.nominee ? at.replace(/T\d\d/, 'T18') : at;
        yield `PX-${h.index}${h.nominee ? '-b' : ''},${h.holderId},The chairman of the meeting,${later},${shares}`;
      }
    })(),
  );

/** With `attendance`, each holder's first row says how it attends (then the import records it). */
export const writeVotesCsv = (path: string, count: number, attendance = false) =>
  writeLines(
    path,
    (function* () {
      yield `resolution_id,holder_id,for,against,abstain${attendance ? ',attendance' : ''}`;
      for (const v of votes(count)) {
        const mode = v.resolutionId === resolutionId(1) ? (v.holder.inPerson ? 'IN_PERSON' : 'PROXY') : '';
        yield `${v.resolutionId},${v.holder.holderId},${v.split.join(',')}${attendance ? `,${mode}` : ''}`;
      }
    })(),
  );
