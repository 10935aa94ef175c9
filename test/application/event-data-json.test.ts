import fc from 'fast-check';
import { canonicalJson } from '../../src/application/canonical-json';
import { eventDataJson } from '../../src/application/event-data-json';
import { anyFieldValue as anyValue } from './field-values';

const VOTE_CAST_FIELDS = [
  'resolutionId',
  'meetingId',
  'holderId',
  'shareClass',
  'castBy',
  'instructed',
  'shares',
  'votes',
  'proxyId',
  'proRatedTo',
  'brokerNonVotes',
];

/** A split of figures, usually as the domain makes it, sometimes with a field missing, odd or extra. */
const split = fc.oneof(
  fc.record({ for: fc.nat(), against: fc.nat(), abstain: fc.nat() }),
  fc
    .shuffledSubarray(['for', 'against', 'abstain', 'extra'])
    .chain((keys) =>
      fc.tuple(...keys.map((k) => anyValue.map((v) => [k, v] as const))).map((f) => Object.fromEntries(f)),
    ),
  anyValue,
);

/** Figures of the right type: whole numbers mostly, any finite number sometimes. */
const figures = fc.record({
  for: fc.oneof(fc.nat(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  against: fc.nat(),
  abstain: fc.nat(),
});

/** A VoteCast's data of the right types (the compiled path), its figures shared or not, in any order. */
const wellTyped = fc
  .tuple(
    fc.record(
      {
        resolutionId: fc.string({ unit: 'grapheme' }),
        meetingId: fc.string(),
        holderId: fc.string({ unit: 'grapheme' }),
        shareClass: fc.string(),
        castBy: fc.constantFrom('IN_PERSON', 'PROXY', 'é"\\'),
        proxyId: fc.oneof(fc.string(), anyValue),
        proRatedTo: fc.oneof(fc.nat(), anyValue),
        brokerNonVotes: fc.oneof(
          fc.record({ instructed: fc.nat(), shares: fc.nat(), votes: fc.nat() }),
          anyValue,
        ),
      },
      { requiredKeys: ['resolutionId', 'meetingId', 'holderId', 'shareClass', 'castBy'] },
    ),
    figures,
    figures,
    fc.constantFrom('shared', 'shares-apart', 'all-apart', 'votes-as-instructed'),
    fc.integer({ min: 0, max: 1_000 }),
  )
  .map(([fields, instructed, other, sharing, seed]) => {
    const votes =
      sharing === 'all-apart' ? { ...other } : sharing === 'votes-as-instructed' ? instructed : undefined;
    const shares = sharing === 'shared' ? instructed : other;
    const all: [string, unknown][] = [
      ...Object.entries(fields),
      ['instructed', instructed],
      ['shares', shares],
      ['votes', votes ?? shares],
    ];
    // Some order of the fields, as the seed shuffles them.
    all.sort((a, b) => ((a[0].length * 31 + seed) % 7) - ((b[0].length * 31 + seed) % 7));
    return Object.fromEntries(all);
  });

/** A VoteCast's data with its fields in any order, some missing, some unknown, some shared objects. */
const voteCastData = fc.oneof(
  wellTyped,
  wellTyped,
  fc
    .tuple(
      fc.shuffledSubarray(VOTE_CAST_FIELDS.slice(8)),
      fc.shuffledSubarray(VOTE_CAST_FIELDS, { minLength: VOTE_CAST_FIELDS.length }),
      fc.array(fc.oneof(fc.string(), fc.nat(), anyValue), { minLength: 11, maxLength: 11 }),
      split,
      split,
      fc.constantFrom('shared', 'shares-apart', 'all-apart', 'votes-as-instructed'),
      split,
    )
    .map(([optional, order, values, instructed, other, sharing, third]) => {
      const fields = order.filter((k) => VOTE_CAST_FIELDS.indexOf(k) < 8 || optional.includes(k));
      const data: Record<string, unknown> = Object.fromEntries(fields.map((k, i) => [k, values[i]]));
      // The domain gives equal figures as one object: every way of sharing them.
      if ('instructed' in data) data.instructed = instructed;
      if ('shares' in data) data.shares = sharing === 'shared' ? instructed : other;
      if ('votes' in data)
        data.votes =
          sharing === 'all-apart' ? third : sharing === 'votes-as-instructed' ? instructed : data.shares;
      return data;
    }),
  fc
    .array(fc.tuple(fc.constantFrom(...VOTE_CAST_FIELDS, 'extra', 'toString'), anyValue), { maxLength: 12 })
    .map((fields) => Object.fromEntries(fields)),
  anyValue,
);

describe("an event's data as canonical JSON", () => {
  it('writes a VoteCast field by field byte for byte as the general canonicalJson does', () => {
    fc.assert(
      fc.property(voteCastData, (data) => {
        expect(eventDataJson('VoteCast', data)).toBe(canonicalJson(data));
      }),
      { numRuns: 5_000 },
    );
  });

  it('writes the usual vote, its equal figures one object, as canonicalJson does', () => {
    const figures = { for: 26_124_590, against: 8_930_410, abstain: 1_845_000 };
    const data = {
      resolutionId: 'agm1m-r02',
      meetingId: 'agm1m-2025',
      holderId: 'HLD-000001',
      shareClass: 'A',
      castBy: 'PROXY',
      instructed: figures,
      shares: figures,
      votes: figures,
      proxyId: 'PX-1-b',
    };
    const json =
      '{"castBy":"PROXY","holderId":"HLD-000001","instructed":{"abstain":1845000,"against":8930410,"for":26124590},"meetingId":"agm1m-2025","proxyId":"PX-1-b","resolutionId":"agm1m-r02","shareClass":"A","shares":{"abstain":1845000,"against":8930410,"for":26124590},"votes":{"abstain":1845000,"against":8930410,"for":26124590}}';
    expect(eventDataJson('VoteCast', data)).toBe(json);
    expect(canonicalJson(data)).toBe(json);
  });

  it('reads only own enumerable fields, of the vote and of its figures, as canonicalJson does', () => {
    const base = {
      resolutionId: 'R1',
      meetingId: 'M',
      holderId: 'H',
      shareClass: 'A',
      castBy: 'IN_PERSON',
    };
    const inheritedFigures = Object.assign(Object.create({ for: 7 }), { against: 1, abstain: 2 });
    const hiddenFigures = { against: 1, abstain: 2, extra: 3 };
    Object.defineProperty(hiddenFigures, 'for', { value: 7, enumerable: false });
    const inheritedVote = Object.assign(Object.create({ proxyId: 'P' }), base);
    for (const figures of [inheritedFigures, hiddenFigures]) {
      const data = { ...base, instructed: figures, shares: figures, votes: figures };
      expect(eventDataJson('VoteCast', data)).toBe(canonicalJson(data));
    }
    const good = { for: 1, against: 0, abstain: 0 };
    Object.assign(inheritedVote, { instructed: good, shares: good, votes: good });
    expect(eventDataJson('VoteCast', inheritedVote)).toBe(canonicalJson(inheritedVote));
  });

  it('leaves every other event to canonicalJson, and says undefined for what JSON cannot hold', () => {
    const data = { z: 1, a: [1, { y: 2, b: 3 }] };
    expect(eventDataJson('MeetingScheduled', data)).toBe(canonicalJson(data));
    expect(eventDataJson('VoteCast', undefined)).toBeUndefined();
  });
});
