import { hash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from '../../src/application/canonical-json';
import { commandDigest, digestInput } from '../../src/application/command-digest';
import { GovrecCommand } from '../../src/domain/commands';
import { VOTE_FIELDS } from './vote-fields';
import { anyFieldValue as anyValue } from './field-values';

/** What every digest was computed from before votes had a path of their own. */
const general = (c: { type: unknown; actor: unknown; payload: unknown }): string =>
  canonicalJson({ type: c.type, actor: c.actor, payload: c.payload });

/** A vote's payload with its fields in any order, some missing, some unknown. */
const payload = fc.oneof(
  fc
    .array(fc.tuple(fc.constantFrom(...VOTE_FIELDS, 'shares', 'toString', '__proto__x'), anyValue), {
      maxLength: 10,
    })
    .map((fields) => Object.fromEntries(fields)),
  fc
    .shuffledSubarray(VOTE_FIELDS)
    .chain((keys) =>
      fc.tuple(...keys.map((k) => anyValue.map((v) => [k, v] as const))).map((f) => Object.fromEntries(f)),
    ),
  // Every field a vote needs, in any order, with or without its optional ones (the usual case).
  fc
    .tuple(
      fc.shuffledSubarray(VOTE_FIELDS.slice(6)),
      fc.shuffledSubarray(VOTE_FIELDS, { minLength: VOTE_FIELDS.length }),
      fc.array(fc.oneof(fc.string(), fc.integer({ min: 0 }), anyValue), {
        minLength: VOTE_FIELDS.length,
        maxLength: VOTE_FIELDS.length,
      }),
    )
    .map(([optional, order, values]) =>
      Object.fromEntries(
        order.filter((k) => VOTE_FIELDS.indexOf(k) < 6 || optional.includes(k)).map((k, i) => [k, values[i]]),
      ),
    ),
  anyValue,
);

const command = fc.record({
  type: fc.constantFrom('CastVote', 'RejectVote'),
  actor: fc.oneof(fc.constantFrom(undefined, 'registrar'), anyValue),
  payload,
});

describe('command digests', () => {
  it("write a vote's canonical JSON byte for byte as the general canonicalJson does", () => {
    fc.assert(
      fc.property(command, (c) => {
        expect(digestInput(c as unknown as GovrecCommand)).toBe(general(c));
      }),
      { numRuns: 5_000 },
    );
  });

  it('are the SHA-256 of that JSON, for the usual vote', () => {
    const vote = {
      type: 'CastVote',
      commandId: 'votes.csv:L42',
      actor: 'registrar',
      issuedAt: '2025-06-13T17:00:00+08:00',
      payload: { resolutionId: 'R1', meetingId: 'AGM', holderId: 'H1', for: 100, against: 0, abstain: 5 },
    } as unknown as GovrecCommand;
    const json =
      '{"actor":"registrar","payload":{"abstain":5,"against":0,"for":100,"holderId":"H1","meetingId":"AGM","resolutionId":"R1"},"type":"CastVote"}';
    expect(digestInput(vote)).toBe(json);
    expect(commandDigest(vote)).toBe(hash('sha256', json));
  });

  it('read only the payload own enumerable fields, as canonicalJson does', () => {
    const inherited = Object.assign(Object.create({ for: 7 }), { abstain: 1 });
    const hidden = { abstain: 1 };
    Object.defineProperty(hidden, 'for', { value: 7, enumerable: false });
    for (const p of [inherited, hidden, [1, 2], null]) {
      const c = { type: 'CastVote', actor: 'a', payload: p };
      expect(digestInput(c as unknown as GovrecCommand)).toBe(general(c));
    }
  });
});
