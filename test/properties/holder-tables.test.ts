import fc from 'fast-check';
import { Meeting } from '../../src/application/aggregates';
import { holderTables } from '../../src/domain/meeting/holder-tables';
import { MeetingState } from '../../src/domain/meeting/state';
import { Layout, RecordTable } from '../../src/domain/shared/record-table';
import { decodeState, encodeState } from '../../src/infra/state-cache/snapshot-codec';
import { OverlayMap } from '../../src/infra/state-cache/overlay-map';
import { EGM, meetingScheduled } from '../domain/factories';

/**
 * A meeting keeps its register, proxies, proxies in force and attendance packed (RecordTable)
 * rather than an object and a Map entry a holder. Under random sequences of sets and deletes, with
 * records of the layout and records of any other form, each table must answer as a plain Map of
 * the same sets and deletes would: size, has, the value (equal, its keys in the same order) and
 * the order of iteration; through a draft, and through a snapshot's text.
 */

const IDS = ['A-1', 'A-2', 'B-1', 'B-2', 'C-1', 'PX-1', '', 'Ünïcødé-股东'];

/** Counts of every kind a field may be given: those a Uint32 holds, and those it does not. */
const count = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.constantFrom(0, 2 ** 32 - 1, 2 ** 32, 2 ** 40, Number.MAX_SAFE_INTEGER, -1, 0.5, -0),
);
const text = fc.oneof(
  fc.constantFrom(...IDS),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);
const label = fc.constantFrom('A', 'H', 'IN_PERSON', 'PROXY', 'The chairman of the meeting', '股', '');

/** A record as evolve makes it, or in another form: keys in another order, one more, one missing, undefined. */
const anyForm = (record: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: record },
    { weight: 1, arbitrary: record.map((r) => Object.fromEntries(Object.entries(r).reverse())) },
    { weight: 1, arbitrary: record.map((r) => ({ ...r, extra: 1 })) },
    { weight: 1, arbitrary: record.map((r) => Object.fromEntries(Object.entries(r).slice(1))) },
    { weight: 1, arbitrary: record.map((r) => ({ ...r, proxyId: undefined })) },
    { weight: 1, arbitrary: fc.oneof(text, count, fc.constant(null), fc.constant([1, 2])) },
  );

/** Each table of a meeting, its layout's records and others. */
const TABLES: [string, () => RecordTable<unknown>, (id: string) => fc.Arbitrary<unknown>][] = [
  [
    'register',
    () => holderTables().entitlements as RecordTable<unknown>,
    () => anyForm(fc.record({ shareClass: label, shares: count, votes: count })),
  ],
  [
    'proxies',
    () => holderTables().proxies as RecordTable<unknown>,
    (id) =>
      anyForm(
        fc.record({
          proxyId: fc.oneof(fc.constant(id), fc.constant(id), text),
          holderId: text,
          proxyName: fc.oneof(label, text),
          shares: count,
        }),
      ),
  ],
  [
    'proxies in force',
    () => holderTables().proxyInForce as RecordTable<unknown>,
    () =>
      fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: fc.oneof(count, fc.constant({})) }),
  ],
  [
    'attendance',
    () => holderTables().attendance as RecordTable<unknown>,
    () =>
      anyForm(
        fc
          .record({
            mode: label,
            shareClass: label,
            shares: count,
            votes: count,
            proxyId: fc.option(text, { nil: undefined }),
          })
          .map(({ proxyId, ...rest }) => (proxyId === undefined ? rest : { ...rest, proxyId })),
      ),
  ],
];

type Step =
  | { readonly set: true; readonly id: string; readonly value: unknown }
  | { readonly set: false; readonly id: string };

const steps = (value: (id: string) => fc.Arbitrary<unknown>): fc.Arbitrary<Step[]> =>
  fc.array(
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .constantFrom(...IDS)
          .chain((id) => value(id).map((v): Step => ({ set: true, id, value: v }))),
      },
      { weight: 1, arbitrary: fc.constantFrom(...IDS).map((id): Step => ({ set: false, id })) },
    ),
    { maxLength: 50 },
  );

/** Equal, and an object's keys in the same order (toStrictEqual does not look at the order). */
function expectSame(actual: unknown, expected: unknown): void {
  expect(actual).toStrictEqual(expected);
  if (expected !== null && typeof expected === 'object')
    expect(Object.keys(actual as object)).toEqual(Object.keys(expected));
}

function expectAsModel(
  table: {
    readonly size: number;
    has(id: string): boolean;
    get(id: string): unknown;
    entries(): Iterable<[string, unknown]>;
  },
  model: Map<string, unknown>,
): void {
  expect(table.size).toBe(model.size);
  for (const id of IDS) {
    expect(table.has(id)).toBe(model.has(id));
    expectSame(table.get(id), model.get(id));
  }
  const entries = [...table.entries()];
  expect(entries.map(([id]) => id)).toEqual([...model.keys()]);
  entries.forEach(([, value], i) => expectSame(value, [...model.values()][i]));
}

describe.each(TABLES)('the meeting’s %s, packed', (_name, table, value) => {
  it('answers size, has, get and order as a Map of the same sets and deletes, every value as it was', () => {
    fc.assert(
      fc.property(steps(value), (run) => {
        const packed = table();
        const model = new Map<string, unknown>();
        for (const step of run) {
          if (step.set) {
            expect(packed.set(step.id, step.value)).toBe(packed);
            model.set(step.id, step.value);
          } else expect(packed.delete(step.id)).toBe(model.delete(step.id));
          expectAsModel(packed, model);
        }
        expect([...packed.keys()]).toEqual([...model.keys()]);
        expect([...packed.values()]).toStrictEqual([...model.values()]);
      }),
    );
  });

  it('is drafted and settled without touching the packed table before it settles', () => {
    fc.assert(
      fc.property(steps(value), steps(value), (before, batch) => {
        const packed = table();
        const model = new Map<string, unknown>();
        for (const step of before) {
          if (step.set) packed.set(step.id, step.value);
          else packed.delete(step.id);
          if (step.set) model.set(step.id, step.value);
          else model.delete(step.id);
        }
        const draft = new OverlayMap(packed);
        const drafted = new Map(model);
        for (const step of batch) {
          if (step.set) draft.set(step.id, step.value);
          else draft.delete(step.id);
          if (step.set) drafted.set(step.id, step.value);
          else drafted.delete(step.id);
        }
        expectAsModel(packed, model);
        expectAsModel(draft, drafted);
      }),
    );
  });
});

describe('a meeting’s holder tables in a snapshot', () => {
  it('are written as the Maps they stand for and packed again when read back', () => {
    const tables = fc.record({
      entitlements: steps(TABLES[0][2]),
      proxies: steps(TABLES[1][2]),
      proxyInForce: steps(TABLES[2][2]),
      attendance: steps(TABLES[3][2]),
    });
    fc.assert(
      fc.property(tables, (runs) => {
        const scheduled = Meeting.evolve(Meeting.initial(), meetingScheduled(EGM)) as MeetingState & {
          status: 'SCHEDULED';
        };
        const asMaps: Record<string, Map<string, unknown>> = {};
        for (const [name, run] of Object.entries(runs)) {
          const packed = scheduled[name as keyof typeof runs] as RecordTable<unknown>;
          const model = (asMaps[name] = new Map<string, unknown>());
          for (const step of run) {
            if (step.set) packed.set(step.id, step.value);
            else packed.delete(step.id);
            if (step.set) model.set(step.id, step.value);
            else model.delete(step.id);
          }
        }
        const text = encodeState(scheduled);
        const plainText = encodeState({ ...scheduled, ...asMaps });
        expect(text).toBe(plainText);
        // A value JSON cannot give back as it was (undefined in a record) leaves no snapshot at all.
        if (text === undefined) return;
        const restored = Meeting.fromSnapshot!(decodeState(text)) as typeof scheduled;
        for (const name of Object.keys(runs)) {
          expect(restored[name as keyof typeof runs]).toBeInstanceOf(RecordTable);
          expectAsModel(
            restored[name as keyof typeof runs] as RecordTable<unknown>,
            (decodeState(text) as Record<string, Map<string, unknown>>)[name],
          );
        }
        expect(encodeState(restored)).toBe(text);
      }),
    );
  });
});

describe('a label column', () => {
  it('keeps every value exactly past the labels it numbers (65,535): the rest whole', () => {
    const layout: Layout = { fields: [{ name: 'proxyName', kind: 'label' }] };
    const table = new RecordTable<{ proxyName: string }>(layout);
    const names = Array.from({ length: 70_000 }, (_, i) => `Proxy ${i}`);
    names.forEach((proxyName, i) => table.set(`PX-${i}`, { proxyName }));
    expect(table.size).toBe(names.length);
    expect([...table.values()].map((v) => v.proxyName)).toEqual(names);
  });
});
