/**
 * Concurrency (issue 6, item 5): several OS processes send votes, proxies and attendance through the
 * real CommandHandler to one embedded SQLite store at once (test/properties/fixtures/
 * concurrent-writer.js, which loads the TypeScript sources through @swc/core as
 * test/infra/fixtures/sqlite-writer.js does). fast-check generates what each process sends, in which
 * order and with which pauses: votes for the same holder from different processes (different command
 * ids), over-votes, the same command sent by two processes (a client's retry), proxies lodged and
 * attendance recorded while others vote. Each process writes its outcomes to a JSON file; the parent
 * then checks the record against them:
 *
 * - no command failed with an exception, and every refused command names a rule (never a conflict
 *   left unretried: the handler retries lost races with a small backoff);
 * - every accepted command's events are in the store exactly once, and nothing else is;
 * - no holder has two counted votes on a resolution, nor votes beyond what it is represented for;
 * - the tally (in the states folded afresh, in those a second handler loads, and in the decisions
 *   declared once the poll closes) is the sum of the accepted votes;
 * - refusals agree with the record: an over-vote exceeded the holder's attendance, an AlreadyVoted
 *   holder has a vote from another command.
 *
 * A second property closes the poll while votes are in flight (a vote must not be recorded after the
 * poll closed), and a last test pins the same race down deterministically in one process.
 */
import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { ChildProcess, fork } from 'child_process';
import fc from 'fast-check';
import { isLeft } from 'fp-ts/Either';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Meeting, Resolution } from '../../src/application/aggregates';
import { CommandHandler } from '../../src/application/command-handler';
import {
  EventStore,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
} from '../../src/application/event-store';
import { toDomainEvent } from '../../src/application/stored-events';
import { decodeCommand } from '../../src/application/validation';
import { DomainEvent } from '../../src/domain/events';
import { MeetingEvent } from '../../src/domain/meeting/events';
import { evolveMeeting, initialMeetingState, MeetingState } from '../../src/domain/meeting/state';
import { ResolutionEvent, Split } from '../../src/domain/resolution/events';
import { evolveResolution, initialResolutionState, ResolutionState } from '../../src/domain/resolution/state';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';

const WRITER_SCRIPT = join(__dirname, 'fixtures', 'concurrent-writer.js');
const ISSUED_AT = '2024-06-20T10:30:00+08:00';
const STARTS_AT = '2024-06-20T10:00:00+08:00';
const LODGED_AT = '2024-06-17T12:00:00+08:00';
const MEETING_ID = 'egm';
const RESOLUTIONS = ['r1', 'r2'] as const;
const VOTES_PER_SHARE = { A: 1, B: 5 } as const;
const REGISTRAR = 'registrar:concurrency';
/** Enough for every race these runs produce; a ConcurrencyConflict refusal fails the test. */
const MAX_ATTEMPTS = 50;

type ClassCode = keyof typeof VOTES_PER_SHARE;
interface Holder {
  readonly id: string;
  readonly cls: ClassCode;
  readonly shares: number;
  /** Attends in person from the start (recorded by the parent); the others may attend later. */
  readonly present: boolean;
}
type Op =
  | {
      readonly k: 'vote';
      readonly r: number;
      readonly h: number;
      readonly size: 'whole' | 'part' | 'over';
      readonly frac: number;
      readonly w: readonly [number, number, number];
    }
  | { readonly k: 'lodge'; readonly h: number; readonly part: boolean; readonly frac: number }
  | { readonly k: 'attend'; readonly h: number; readonly mode: 'IN_PERSON' | 'PROXY' }
  /** The very command (same command id) another process sends: a client retrying through another door. */
  | { readonly k: 'copy'; readonly from: number };
interface Planned {
  readonly op: Op;
  readonly delayMs: number;
}
interface Plan {
  readonly holders: readonly Holder[];
  readonly processes: readonly (readonly Planned[])[];
}

interface RawCommand {
  readonly type: string;
  readonly commandId: string;
  readonly actor: string;
  readonly issuedAt: string;
  readonly payload: Record<string, unknown>;
}
interface Outcome {
  readonly commandId: string;
  readonly type: string;
  readonly status: 'accepted' | 'refused' | 'invalid' | 'error';
  readonly rule?: string;
  readonly field?: string;
  readonly message?: string;
  readonly streams?: readonly { streamName: string; events: DomainEvent[]; alreadyRecorded: boolean }[];
}
interface Report {
  readonly name: string;
  readonly conflicts: number;
  readonly outcomes: readonly Outcome[];
}

// ---- generating the plan --------------------------------------------------------------------------

const fraction = fc.integer({ min: 1, max: 999 }).map((n) => n / 1000);

/** `votes`: how often a vote, against 5 for proxies, attendance and copies together. */
const opArb = (holders: number, votes: number): fc.Arbitrary<Op> => {
  const h = fc.nat(holders - 1);
  return fc.oneof(
    {
      weight: votes,
      arbitrary: fc.record({
        k: fc.constant('vote' as const),
        r: fc.nat(RESOLUTIONS.length - 1),
        h,
        size: fc.constantFrom('whole' as const, 'part' as const, 'part' as const, 'over' as const),
        frac: fraction,
        w: fc.tuple(fc.nat(5), fc.nat(3), fc.nat(2)),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ k: fc.constant('lodge' as const), h, part: fc.boolean(), frac: fraction }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        k: fc.constant('attend' as const),
        h,
        mode: fc.constantFrom('IN_PERSON' as const, 'PROXY' as const, 'PROXY' as const),
      }),
    },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('copy' as const), from: fc.nat(100) }) },
  );
};

interface PlanShape {
  readonly processes: number;
  readonly commands: { readonly minLength: number; readonly maxLength: number };
  readonly votes: number;
  readonly maxDelayMs: number;
}

const planArb = (shape: PlanShape): fc.Arbitrary<Plan> =>
  fc
    .array(
      fc.record({
        cls: fc.constantFrom<ClassCode>('A', 'A', 'B'),
        shares: fc.integer({ min: 1, max: 10_000 }),
        present: fc.constantFrom(true, true, false),
      }),
      { minLength: 4, maxLength: 8 },
    )
    .chain((hs) => {
      const holders = hs.map((h, i) => ({ id: `H${i + 1}`, ...h }));
      return fc.record({
        holders: fc.constant(holders),
        processes: fc.array(
          fc.array(
            fc.record({ op: opArb(holders.length, shape.votes), delayMs: fc.nat(shape.maxDelayMs) }),
            shape.commands,
          ),
          { minLength: shape.processes, maxLength: shape.processes },
        ),
      });
    });

const split = (total: number, w: readonly [number, number, number]) => {
  const sum = w[0] + w[1] + w[2];
  if (sum === 0) return { for: total, against: 0, abstain: 0 };
  const f = Math.floor((total * w[0]) / sum);
  const a = Math.floor((total * w[1]) / sum);
  return { for: f, against: a, abstain: total - f - a };
};

const raw = (type: string, commandId: string, payload: Record<string, unknown>): RawCommand => ({
  type,
  commandId,
  actor: REGISTRAR,
  issuedAt: ISSUED_AT,
  payload,
});

/** The raw commands each process sends, in order, with the pause before each. */
function commandsOf(plan: Plan, run: number): { delayMs: number; command: RawCommand }[][] {
  const own = plan.processes.map((ops, p) =>
    ops.map(({ op, delayMs }, i): { delayMs: number; command: RawCommand } | undefined => {
      const id = `run${run}-p${p}-${i}`;
      if (op.k === 'copy') return undefined;
      const holder = plan.holders[op.h];
      switch (op.k) {
        case 'vote': {
          const total = {
            whole: holder.shares,
            part: Math.max(1, Math.floor(holder.shares * op.frac)),
            over: holder.shares + 1 + Math.floor(op.frac * 3),
          }[op.size];
          return {
            delayMs,
            command: raw('CastVote', id, {
              resolutionId: RESOLUTIONS[op.r],
              meetingId: MEETING_ID,
              holderId: holder.id,
              ...split(total, op.w),
            }),
          };
        }
        case 'lodge':
          return {
            delayMs,
            command: raw('LodgeProxy', id, {
              meetingId: MEETING_ID,
              proxyId: `X${run}-${p}-${i}`,
              holderId: holder.id,
              proxyName: 'The chairman of the meeting',
              lodgedAt: LODGED_AT,
              ...(op.part ? { shares: Math.max(1, Math.floor(holder.shares * op.frac)) } : {}),
            }),
          };
        case 'attend':
          return {
            delayMs,
            command: raw('RecordAttendance', id, {
              meetingId: MEETING_ID,
              holderId: holder.id,
              mode: op.mode,
            }),
          };
      }
    }),
  );
  // A copy is another process's command, same id and all; a process with nobody to copy votes instead.
  return own.map((list, p) =>
    list.flatMap((entry, i) => {
      if (entry) return [entry];
      const op = plan.processes[p][i].op as Extract<Op, { k: 'copy' }>;
      const others = own.filter((_, q) => q !== p).flatMap((l) => l.filter((e) => e !== undefined));
      return others.length === 0
        ? []
        : [{ delayMs: plan.processes[p][i].delayMs, command: others[op.from % others.length]!.command }];
    }),
  );
}

// ---- running it -----------------------------------------------------------------------------------

/** The meeting with its register closed, r1 and r2 tabled, those present attending, and the poll open. */
async function setUpOn(store: EventStore, holders: readonly Holder[]): Promise<void> {
  const handler = new CommandHandler(store, {
    states: new AggregateStateCache(store),
    ruleSets: ruleSetById,
  });
  let n = 0;
  const send = async (type: string, payload: Record<string, unknown>) => {
    n += 1;
    const decoded = decodeCommand(raw(type, `setup-${n}`, payload));
    if (isLeft(decoded)) throw new Error(`Setup command does not decode: ${JSON.stringify(decoded.left)}`);
    const outcome = await handler.handle(decoded.right);
    if (isLeft(outcome)) throw new Error(`Setup ${type} refused: ${JSON.stringify(outcome.left)}`);
  };
  const held = (c: ClassCode) => holders.filter((h) => h.cls === c).reduce((s, h) => s + h.shares, 0);
  await send('ScheduleMeeting', {
    meetingId: MEETING_ID,
    company: { name: 'Concurrent Holdings Ltd' },
    kind: 'EGM',
    title: 'Extraordinary general meeting',
    shareClasses: (['A', 'B'] as const).map((code) => ({
      code,
      issuedShares: held(code) + 100,
      votesPerShare: VOTES_PER_SHARE[code],
    })),
    startsAt: STARTS_AT,
    place: 'Hong Kong',
    ruleSetId: 'PRC-HKEX-H',
  });
  await send('IssueNotice', { meetingId: MEETING_ID, issuedOn: '2024-05-20' });
  await send('FixRecordDate', { meetingId: MEETING_ID, recordDate: '2024-06-10' });
  await send('RecordEntitlements', {
    meetingId: MEETING_ID,
    batch: 1,
    holders: holders.map((h) => ({ holderId: h.id, shareClass: h.cls, shares: h.shares })),
  });
  await send('CloseRegister', { meetingId: MEETING_ID });
  for (const [i, resolutionId] of RESOLUTIONS.entries()) {
    await send('ProposeResolution', {
      resolutionId,
      title: `Resolution ${resolutionId}`,
      kind: i === 0 ? 'ORDINARY' : 'SPECIAL',
      meetings: [{ meetingId: MEETING_ID, number: i + 1 }],
    });
  }
  for (const h of holders.filter((x) => x.present))
    await send('RecordAttendance', { meetingId: MEETING_ID, holderId: h.id, mode: 'IN_PERSON' });
  await send('OpenMeeting', { meetingId: MEETING_ID });
  await send('OpenPoll', { meetingId: MEETING_ID });
}

async function setUp(path: string, holders: readonly Holder[]): Promise<void> {
  const store = new SqliteEventStore(path);
  try {
    await setUpOn(store, holders);
  } finally {
    await store.close();
  }
}

interface Writer {
  readonly ready: Promise<void>;
  readonly done: Promise<Report>;
  go(): void;
}

const children = new Set<ChildProcess>();

function startWriter(
  directory: string,
  path: string,
  name: string,
  commands: unknown[],
  appendDelayMs: number,
): Writer {
  const taskPath = join(directory, `${name}.task.json`);
  const outcomesPath = join(directory, `${name}.outcomes.json`);
  writeFileSync(taskPath, JSON.stringify({ name, maxAttempts: MAX_ATTEMPTS, appendDelayMs, commands }));
  const child = fork(WRITER_SCRIPT, [path, taskPath, outcomesPath], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  children.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<void>((resolve) => {
    child.on('message', (message: { ready?: boolean }) => {
      if (message.ready) resolve();
    });
  });
  const done = new Promise<Report>((resolve, reject) => {
    child.on('exit', (code) => {
      children.delete(child);
      if (code !== 0) reject(new Error(`Writer ${name} exited with code ${code}:\n${stderr}`));
      else resolve(JSON.parse(readFileSync(outcomesPath, 'utf8')) as Report);
    });
  });
  // A writer that dies before it is ready must fail the run, not leave it waiting.
  return { ready: Promise.race([ready, done.then(() => undefined)]), done, go: () => child.send('go') };
}

/** Starts every writer, lets them go at once, and waits for their reports. */
async function runWriters(
  directory: string,
  path: string,
  tasks: unknown[][],
  appendDelayMs: number,
): Promise<Report[]> {
  const writers = tasks.map((commands, p) => startWriter(directory, path, `p${p}`, commands, appendDelayMs));
  await Promise.all(writers.map((w) => w.ready));
  writers.forEach((w) => w.go());
  return Promise.all(writers.map((w) => w.done));
}

afterAll(() => {
  // Only the writers this file started, by their own pid, should any be left after a failure.
  for (const child of children) child.kill();
});

// ---- checking the record --------------------------------------------------------------------------

type Of<T extends DomainEvent['type']> = Extract<DomainEvent, { type: T }>['data'];
const ZERO: Split = { for: 0, against: 0, abstain: 0 };
const plus = (a: Split, b: Split): Split => ({
  for: a.for + b.for,
  against: a.against + b.against,
  abstain: a.abstain + b.abstain,
});
const total = (s: Split) => s.for + s.against + s.abstain;

const repositoryOf = (handler: CommandHandler): AggregateStateCache => {
  const states = handler.states;
  if (!(states instanceof AggregateStateCache))
    throw new Error('The CommandHandler was not given an AggregateStateCache: update this test');
  return states;
};

/** Coverage across runs: the races and refusals the properties are about must have happened. */
const seen = new Map<string, number>();
const bump = (key: string, by = 1) => seen.set(key, (seen.get(key) ?? 0) + by);

interface Checked {
  /** Tally per resolution from the accepted votes. */
  readonly expected: Map<string, { votes: Split; shares: Split; voters: number }>;
}

/** The checks every run makes, whatever else it did. */
async function checkAgainstOutcomes(
  plan: Plan,
  sent: readonly { command: RawCommand }[][],
  reports: readonly Report[],
  recorded: readonly RecordedEvent[],
): Promise<Checked> {
  const holders = new Map(plan.holders.map((h) => [h.id, h]));
  // Each process answered every command it was given, in order, and none threw.
  for (const [p, report] of reports.entries())
    expect(report.outcomes.map((o) => o.commandId)).toEqual(sent[p].map((s) => s.command.commandId));
  const outcomes = reports.flatMap((r) => r.outcomes);
  expect(outcomes.filter((o) => o.status === 'error' || o.status === 'invalid')).toEqual([]);
  for (const o of outcomes.filter((x) => x.status === 'refused')) {
    expect({ commandId: o.commandId, rule: o.rule, field: typeof o.field }).toEqual({
      commandId: o.commandId,
      rule: expect.stringMatching(/^[A-Z][A-Za-z]+$/),
      field: 'string',
    });
    expect({ commandId: o.commandId, rule: o.rule }).not.toEqual({
      commandId: o.commandId,
      rule: 'ConcurrencyConflict',
    });
    bump(`refused:${o.type}:${o.rule}`);
  }
  for (const o of outcomes.filter((x) => x.status === 'accepted')) bump(`accepted:${o.type}`);
  bump(
    'conflicts',
    reports.reduce((s, r) => s + r.conflicts, 0),
  );

  // Every accepted command's events are in the store exactly once; a refused command left nothing.
  const commandOf = new Map(sent.flat().map((s) => [s.command.commandId, s.command]));
  const storedBy = new Map<string, RecordedEvent[]>();
  for (const e of recorded) {
    if (e.metadata.commandId.startsWith('setup-')) continue;
    storedBy.set(e.metadata.commandId, [...(storedBy.get(e.metadata.commandId) ?? []), e]);
  }
  expect(new Set(recorded.map((e) => e.eventId)).size).toBe(recorded.length);
  const acceptedIds = new Set(outcomes.filter((o) => o.status === 'accepted').map((o) => o.commandId));
  expect([...storedBy.keys()].filter((id) => !acceptedIds.has(id))).toEqual([]);
  for (const o of outcomes) {
    const stored = (storedBy.get(o.commandId) ?? []).map(toDomainEvent);
    if (o.status === 'accepted') {
      expect({ commandId: o.commandId, stored }).toEqual({
        commandId: o.commandId,
        stored: o.streams!.flatMap((s) => s.events),
      });
      if (o.type === 'CastVote')
        expect({ commandId: o.commandId, votes: stored.length }).toEqual({
          commandId: o.commandId,
          votes: 1,
        });
    } else if (!acceptedIds.has(o.commandId)) {
      expect({ commandId: o.commandId, stored }).toEqual({ commandId: o.commandId, stored: [] });
    }
  }
  if (outcomes.length > new Set(outcomes.map((o) => o.commandId)).size)
    bump('same command from two processes');

  // The record walked in order: attendance once per holder, no proxy lodged after it, proxies'
  // shares; each vote by an attending holder, once, within what it is represented for.
  const attendance = new Map<string, Of<'AttendanceRecorded'>>();
  const inForce = new Map<string, Of<'ProxyLodged'>>();
  const votes = new Map<string, Of<'VoteCast'> & { commandId: string }>();
  for (const r of recorded) {
    const e = toDomainEvent(r);
    switch (e.type) {
      case 'ProxyLodged':
        expect({ lodged: e.data, attending: attendance.get(e.data.holderId) }).toEqual({
          lodged: e.data,
          attending: undefined,
        });
        inForce.set(e.data.holderId, e.data);
        break;
      case 'ProxyRevoked':
        inForce.delete(e.data.holderId);
        break;
      case 'AttendanceRecorded': {
        const d = e.data;
        const holder = holders.get(d.holderId)!;
        expect({ holder: d.holderId, twice: attendance.has(d.holderId) }).toEqual({
          holder: d.holderId,
          twice: false,
        });
        const shares = d.mode === 'PROXY' ? inForce.get(d.holderId)?.shares : holder.shares;
        expect({ d, shares, votes: d.votes }).toEqual({
          d,
          shares: d.shares,
          votes: d.shares * VOTES_PER_SHARE[holder.cls],
        });
        attendance.set(d.holderId, d);
        break;
      }
      case 'VoteCast': {
        const d = e.data;
        const key = `${d.resolutionId}|${d.holderId}`;
        const attending = attendance.get(d.holderId);
        const vps = VOTES_PER_SHARE[holders.get(d.holderId)!.cls];
        expect({ vote: d, counted: votes.get(key) }).toEqual({ vote: d, counted: undefined });
        expect({ vote: d, attending: attending !== undefined }).toEqual({ vote: d, attending: true });
        expect({
          vote: d,
          within: total(d.shares) <= attending!.shares && total(d.votes) <= attending!.shares * vps,
        }).toEqual({
          vote: d,
          within: true,
        });
        expect(d.votes).toEqual({
          for: d.shares.for * vps,
          against: d.shares.against * vps,
          abstain: d.shares.abstain * vps,
        });
        votes.set(key, { ...d, commandId: r.metadata.commandId });
        break;
      }
      default:
        break;
    }
  }

  // Refusals agree with the record.
  for (const o of outcomes.filter((x) => x.status === 'refused' && x.type === 'CastVote')) {
    const p = commandOf.get(o.commandId)!.payload as { resolutionId: string; holderId: string } & Split;
    if (o.rule === 'OverVote')
      expect({ o, over: total(p) > (attendance.get(p.holderId)?.shares ?? 0) }).toEqual({ o, over: true });
    if (o.rule === 'AlreadyVoted') {
      const counted = votes.get(`${p.resolutionId}|${p.holderId}`);
      expect({ o, byAnother: counted !== undefined && counted.commandId !== o.commandId }).toEqual({
        o,
        byAnother: true,
      });
    }
  }

  // The tally is the sum of the accepted votes, each counted once.
  const expected = new Map(RESOLUTIONS.map((id) => [id as string, { votes: ZERO, shares: ZERO, voters: 0 }]));
  const counted = new Set<string>();
  for (const o of outcomes) {
    if (o.status !== 'accepted' || o.type !== 'CastVote' || counted.has(o.commandId)) continue;
    counted.add(o.commandId);
    const vote = o.streams!.flatMap((s) => s.events).find((e) => e.type === 'VoteCast')!
      .data as Of<'VoteCast'>;
    const t = expected.get(vote.resolutionId)!;
    expected.set(vote.resolutionId, {
      votes: plus(t.votes, vote.votes),
      shares: plus(t.shares, vote.shares),
      voters: t.voters + 1,
    });
  }
  bump('votes counted', counted.size);
  return { expected };
}

/** States folded afresh from the record equal those a new handler loads; the tallies are as expected. */
async function checkStates(
  path: string,
  recorded: readonly RecordedEvent[],
  expected: Checked['expected'],
): Promise<void> {
  let meeting: MeetingState = initialMeetingState();
  const resolutions = new Map<string, ResolutionState>();
  for (const r of recorded) {
    const e = toDomainEvent(r);
    if (r.streamName === `meeting-${MEETING_ID}`) meeting = evolveMeeting(meeting, e as MeetingEvent);
    else if (r.streamName.startsWith('resolution-'))
      resolutions.set(
        r.streamName,
        evolveResolution(resolutions.get(r.streamName) ?? initialResolutionState(), e as ResolutionEvent),
      );
  }
  const store = new SqliteEventStore(path);
  try {
    const repository = repositoryOf(
      new CommandHandler(store, { states: new AggregateStateCache(store), ruleSets: ruleSetById }),
    );
    expect((await repository.load(Meeting, `meeting-${MEETING_ID}`)).state).toEqual(meeting);
    for (const id of RESOLUTIONS) {
      const state = resolutions.get(`resolution-${id}`);
      expect((await repository.load(Resolution, `resolution-${id}`)).state).toEqual(state);
      if (state?.status !== 'PROPOSED') throw new Error(`resolution-${id} folds to no resolution`);
      expect({ id, tally: state.meetings.get(MEETING_ID)?.tally }).toEqual({ id, tally: expected.get(id) });
    }
  } finally {
    await store.close();
  }
}

/** Closes voting on both resolutions (closing the poll first unless it is closed) and returns the decisions. */
async function closeVoting(path: string, closePoll: boolean): Promise<Of<'ResolutionPassed'>[]> {
  const store = new SqliteEventStore(path);
  try {
    const handler = new CommandHandler(store, {
      states: new AggregateStateCache(store),
      ruleSets: ruleSetById,
    });
    const commands = [
      ...(closePoll ? [raw('ClosePoll', 'close-poll', { meetingId: MEETING_ID })] : []),
      ...RESOLUTIONS.map((id) =>
        raw('CloseVoting', `close-${id}`, { resolutionId: id, meetingId: MEETING_ID }),
      ),
    ];
    const decisions: Of<'ResolutionPassed'>[] = [];
    for (const c of commands) {
      const decoded = decodeCommand(c);
      if (isLeft(decoded)) throw new Error(JSON.stringify(decoded.left));
      const outcome = await handler.handle(decoded.right);
      if (isLeft(outcome)) throw new Error(`${c.type} refused: ${JSON.stringify(outcome.left)}`);
      for (const e of outcome.right.streams.flatMap((s) => s.events))
        if (e.type === 'ResolutionPassed' || e.type === 'ResolutionFailed') decisions.push(e.data);
    }
    return decisions;
  } finally {
    await store.close();
  }
}

async function readRecord(path: string): Promise<RecordedEvent[]> {
  const store = new SqliteEventStore(path);
  try {
    return await store.readAll();
  } finally {
    await store.close();
  }
}

let runs = 0;
async function withDirectory<T>(work: (directory: string, path: string) => Promise<T>): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), 'govrec-concurrency-'));
  try {
    return await work(directory, join(directory, 'events.db'));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// ---- the properties -------------------------------------------------------------------------------

const RUNS = Number(process.env.GOVREC_CONCURRENCY_RUNS ?? 6);
/** Three processes voting, lodging proxies, recording attendance and re-sending each other's commands. */
const MIXED: PlanShape = {
  processes: 3,
  commands: { minLength: 4, maxLength: 12 },
  votes: 8,
  maxDelayMs: 10,
};
/** Three processes voting as fast as they can. */
const VOTING: PlanShape = {
  processes: 3,
  commands: { minLength: 8, maxLength: 14 },
  votes: 40,
  maxDelayMs: 4,
};

describe('Concurrency', () => {
  it('counts every accepted vote exactly once when several processes vote, lodge proxies and record attendance at once', async () => {
    const mixedRuns = (numRuns: number) =>
      fc.assert(
        fc.asyncProperty(planArb(MIXED), async (plan) => {
          runs += 1;
          await withDirectory(async (directory, path) => {
            await setUp(path, plan.holders);
            const tasks = commandsOf(plan, runs);
            const reports = await runWriters(directory, path, tasks, 6);
            const recorded = await readRecord(path);
            const { expected } = await checkAgainstOutcomes(plan, tasks, reports, recorded);
            await checkStates(path, recorded, expected);
            // Once the poll closes, each decision declares exactly the accepted votes.
            const decisions = await closeVoting(path, true);
            expect(decisions.map((d) => [d.resolutionId, d.tally])).toEqual(
              RESOLUTIONS.map((id) => [id, expected.get(id)]),
            );
          });
        }),
        { numRuns, endOnFailure: true },
      );
    const mustSee = [
      'conflicts',
      'votes counted',
      'refused:CastVote:AlreadyVoted',
      'refused:CastVote:OverVote',
      'accepted:LodgeProxy',
      'accepted:RecordAttendance',
      'same command from two processes',
    ];
    const unseen = () => mustSee.filter((key) => (seen.get(key) ?? 0) === 0);
    await mixedRuns(RUNS);
    // Random plans now and then miss a case in RUNS runs (an attendance accepted was missed once in
    // a few dozen suites): a few more runs, rather than a verdict on luck.
    for (let more = 0; more < 4 && unseen().length > 0; more++) await mixedRuns(RUNS);
    // Otherwise the runs proved nothing about concurrent writers.
    const summary = Object.fromEntries([...seen].sort(([a], [b]) => a.localeCompare(b)));
    if (process.env.GOVREC_CONCURRENCY_DEBUG) console.log(summary);
    for (const key of mustSee)
      expect({ key, seen: (seen.get(key) ?? 0) > 0, summary }).toEqual({ key, seen: true, summary });
  }, 120_000);

  it('records no vote after the poll has closed, when the chair closes it while processes are voting', async () => {
    await fc.assert(
      fc.asyncProperty(planArb(VOTING), fc.integer({ min: 5, max: 40 }), async (plan, closeAfterMs) => {
        runs += 1;
        await withDirectory(async (directory, path) => {
          await setUp(path, plan.holders);
          const tasks: unknown[][] = [
            ...commandsOf(plan, runs),
            [
              {
                delayMs: closeAfterMs,
                command: raw('ClosePoll', `run${runs}-chair`, { meetingId: MEETING_ID }),
              },
            ],
          ];
          // A longer pause between decision and append: votes in flight when the chair closes the poll.
          const reports = await runWriters(directory, path, tasks, 15);
          expect(reports.flatMap((r) => r.outcomes).filter((o) => o.status === 'error')).toEqual([]);
          const recorded = await readRecord(path);
          const closedAt = recorded.find((e) => e.type === 'PollClosed')?.position;
          expect(closedAt).toBeDefined();
          // The poll's close is a line in the record: no vote on the far side of it.
          const late = recorded.filter((e) => e.type === 'VoteCast' && e.position > closedAt!);
          expect(
            late.map((e) => ({ position: e.position, closedAt, commandId: e.metadata.commandId })),
          ).toEqual([]);
        });
      }),
      { numRuns: Math.max(2, Math.ceil(RUNS / 2)), endOnFailure: true },
    );
  }, 120_000);

  it('records no vote after the poll has closed, when a vote decided while it was open is appended after the close (deterministic)', async () => {
    const store = new MemoryEventStore();
    const holders: Holder[] = [
      { id: 'H1', cls: 'A', shares: 100, present: true },
      { id: 'H2', cls: 'B', shares: 50, present: true },
    ];
    // The same set-up as the processes', on a memory store.
    await setUpOn(store, holders);
    // The voter's append waits until the chair has closed the poll: what a slow writer does.
    let arrived!: () => void;
    const atAppend = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow: EventStore = Object.create(store, {
      append: {
        value: async (streamName: string, events: readonly EventToAppend[], expected: ExpectedRevision) => {
          arrived();
          await released;
          return store.append(streamName, events, expected);
        },
      },
    });
    const vote = decodeCommand(
      raw('CastVote', 'vote-1', {
        resolutionId: 'r1',
        meetingId: MEETING_ID,
        holderId: 'H1',
        for: 100,
        against: 0,
        abstain: 0,
      }),
    );
    const close = decodeCommand(raw('ClosePoll', 'close-1', { meetingId: MEETING_ID }));
    if (isLeft(vote) || isLeft(close)) throw new Error('test commands do not decode');
    const voting = new CommandHandler(slow, {
      states: new AggregateStateCache(slow),
      ruleSets: ruleSetById,
    }).handle(vote.right);
    await atAppend;
    const closed = await new CommandHandler(store, {
      states: new AggregateStateCache(store),
      ruleSets: ruleSetById,
    }).handle(close.right);
    expect(isLeft(closed)).toBe(false);
    release();
    const voted = await voting;

    const record = await store.readAll();
    const closedAt = record.find((e) => e.type === 'PollClosed')!.position;
    const late = record.filter((e) => e.type === 'VoteCast' && e.position > closedAt);
    // Either the vote is refused (PollNotOpen, on retry) or it lands before the close; never after it.
    expect({
      outcome: isLeft(voted) ? voted.left.rule : 'accepted',
      late: late.map((e) => ({ position: e.position, closedAt })),
    }).toEqual({ outcome: expect.any(String), late: [] });
  });
});
