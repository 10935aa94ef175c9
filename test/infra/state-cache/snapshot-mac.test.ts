import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { snapshotMac, SnapshotFields } from '../../../src/infra/state-cache/snapshot-mac';

/**
 * The MAC hashes a snapshot's state a piece at a time, so that a state of over 100 MB is not copied
 * twice more to be framed. It must be the MAC of the whole framed text, byte for byte, however the
 * pieces fall: on any text (surrogate pairs, lone surrogates, quotes, control characters), else
 * every snapshot written before would read as forged.
 */
const KEY = Buffer.alloc(32, 7);

/** The MAC as defined: over the fields framed whole as one JSON array. */
const framedWhole = (f: SnapshotFields): string =>
  createHmac('sha256', KEY)
    .update(
      JSON.stringify([
        'govrec-snapshot-v1',
        f.streamName,
        f.revision,
        f.eventId,
        f.chainLink ?? null,
        f.shape,
        f.state,
      ]),
    )
    .digest('hex');

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .array(fc.constantFrom('\ud83d', '\ude00', '\ud83d\ude00', '"', '\\', '\n', '\u0000', 'a', '股'), {
      maxLength: 30,
    })
    .map((parts) => parts.join('')),
);

describe('a snapshot’s MAC', () => {
  it('is the MAC of the whole framed text, whatever the size of the pieces its state is hashed in', () => {
    fc.assert(
      fc.property(
        fc.record({
          streamName: fc.string(),
          revision: fc.nat(),
          eventId: fc.string(),
          shape: fc.string(),
          state: anyText,
          chainLink: fc.option(fc.string(), { nil: undefined }),
        }),
        fc.integer({ min: 1, max: 8 }),
        (fields, piece) => {
          expect(snapshotMac(KEY, fields, piece)).toBe(framedWhole(fields));
          expect(snapshotMac(KEY, fields)).toBe(framedWhole(fields));
        },
      ),
      { numRuns: 500 },
    );
  });
});
