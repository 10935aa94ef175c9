import fc from 'fast-check';
import { isRight } from 'fp-ts/Either';
import { isPlainCastVote } from '../../src/application/cast-vote-check';
import { decodeCommand, decodeWith } from '../../src/application/validation';
import { CastVote } from '../../src/domain/resolution/commands';
import { VOTE_FIELDS } from './vote-fields';

const VALID = {
  type: 'CastVote',
  commandId: 'votes.csv:L42',
  actor: 'registrar',
  issuedAt: '2025-06-13T17:00:00+08:00',
  payload: {
    resolutionId: 'R1',
    meetingId: 'AGM-2025',
    holderId: 'H00042',
    for: 100,
    against: 0,
    abstain: 5,
  },
};

/** Values each field may be given: valid ones of every field, and what every codec must refuse. */
const anyValue = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    '',
    ' ',
    'R1',
    'H-1.a:b_c',
    '-x',
    'x y',
    'a'.repeat(128),
    'a'.repeat(129),
    'ORD',
    'ORD-A',
    '2025-06-13T17:00:00Z',
    '2025-02-30T17:00:00Z',
    '2025-06-13',
    0,
    1,
    -1,
    1.5,
    2 ** 53 - 1,
    2 ** 53,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    [],
    {},
    [1],
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
);

const ENVELOPE = ['type', 'commandId', 'actor', 'issuedAt', 'correlationId', 'causationId', 'payload'];

/** A valid vote with some of its fields (or the payload's) replaced, removed or added. */
const vote = fc
  .record({
    envelope: fc.array(fc.tuple(fc.constantFrom(...ENVELOPE), anyValue, fc.boolean()), { maxLength: 3 }),
    payload: fc.array(
      fc.tuple(fc.constantFrom(...VOTE_FIELDS, 'shares', 'toString'), anyValue, fc.boolean()),
      {
        maxLength: 4,
      },
    ),
    payloadIsArray: fc.boolean(),
  })
  .map(({ envelope, payload, payloadIsArray }) => {
    const p: Record<string, unknown> = { ...VALID.payload };
    for (const [key, value, remove] of payload) {
      if (remove) delete p[key];
      else p[key] = value;
    }
    const raw: Record<string, unknown> = { ...VALID, payload: payloadIsArray ? Object.values(p) : p };
    for (const [key, value, remove] of envelope) {
      if (key === 'payload' || key === 'type') continue;
      if (remove) delete raw[key];
      else raw[key] = value;
    }
    return raw;
  });

describe('the CastVote check that spares a valid vote the full decode', () => {
  it('accepts only what the codec accepts, which answers the input itself', () => {
    fc.assert(
      fc.property(vote, (raw) => {
        if (isPlainCastVote(raw)) {
          const decoded = CastVote.decode(raw);
          expect(isRight(decoded) && decoded.right === raw).toBe(true);
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it('leaves decodeCommand answering as the codec does, the same typed error included', () => {
    fc.assert(
      fc.property(vote, (raw) => {
        const reference = decodeWith(CastVote)(raw);
        expect(decodeCommand(raw)).toStrictEqual(reference);
      }),
      { numRuns: 5_000 },
    );
  });

  it('takes the usual vote, with or without its optional fields', () => {
    expect(isPlainCastVote(VALID)).toBe(true);
    const full = {
      ...VALID,
      correlationId: 'c1',
      payload: { ...VALID.payload, shareClass: 'ORD', brokerNonVote: 3 },
    };
    expect(isPlainCastVote(full)).toBe(true);
  });

  it('leaves a field inherited rather than own, or not enumerable, to the codec', () => {
    const inherited = { ...VALID, payload: Object.assign(Object.create({ for: -1 }), { ...VALID.payload }) };
    delete (inherited.payload as Record<string, unknown>).for;
    expect(isPlainCastVote(inherited)).toBe(false);
    const hidden = { ...VALID, payload: { ...VALID.payload } };
    Object.defineProperty(hidden.payload, 'for', { value: -1, enumerable: false });
    expect(isPlainCastVote(hidden)).toBe(false);
    expect(isRight(decodeCommand(hidden))).toBe(false);
  });
});
