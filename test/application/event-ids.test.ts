import { hash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { eventIdFor, isDerivedEventId } from '../../src/application/event-ids';

/** The first implementation, kept as the oracle: every id recorded by it must be derived again alike. */
function reference(commandId: string, streamName: string, index: number): string {
  const NAMESPACE = '6f1b8a52-c3d9-4e0f-a1b2-7c5d8e934a10\u0000';
  const isDigit = (code: number) => code >= 48 && code <= 57;
  let end = commandId.length;
  while (end > 0 && !isDigit(commandId.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isDigit(commandId.charCodeAt(start - 1))) start--;
  const series = start === end ? commandId : `${commandId.slice(0, start)}#${commandId.slice(end)}`;
  const n = start === end ? 0 : Number(commandId.slice(Math.max(start, end - 10), end)) % 2 ** 34;
  const head = hash('sha1', `${NAMESPACE}series\u0000${streamName}\u0000${series}`, 'hex').slice(0, 8);
  const tail = hash('sha1', `${NAMESPACE}${commandId}\u0000${streamName}\u0000${index}`, 'hex');
  const hex2 = (byte: number) => (byte < 16 ? '0' : '') + byte.toString(16);
  const b4 = Math.floor(n / 2 ** 26) & 0xff;
  const b5 = Math.floor(n / 2 ** 18) & 0xff;
  const b6 = 0x80 | (Math.floor(n / 2 ** 14) & 0x0f);
  const b7 = Math.floor(n / 2 ** 6) & 0xff;
  const b8 = 0x80 | (n & 0x3f);
  return `${head}-${hex2(b4)}${hex2(b5)}-${hex2(b6)}${hex2(b7)}-${hex2(b8)}${tail.slice(0, 2)}-${tail.slice(2, 14)}`;
}

/** Command ids of few characters, so that series, numbers and their edges meet often. */
const commandId = fc.oneof(
  fc.stringMatching(/^[a-c#:]{0,3}[0-9]{0,14}[a-c#]{0,2}[0-9]{0,2}$/),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('', '0', 'L', 'imp:votes:3f9c:L42', '#', 'a#b', 'a1b', `x${2 ** 34}`, 'x9999999999999'),
);

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event ids derived from the command', () => {
  it('are the same for the same command, stream and index, and a version-8 UUID', () => {
    const id = eventIdFor('imp:votes:3f9c:L42', 'resolution-r1', 0);
    expect(eventIdFor('imp:votes:3f9c:L42', 'resolution-r1', 0)).toBe(id);
    expect(id).toMatch(UUID_V8);
    expect(isDerivedEventId(id)).toBe(true);
  });

  it('differ when the command, the stream or the index differ, numbered or not', () => {
    const ids = new Set<string>();
    const commands = [
      'imp:votes:3f9c:L42',
      'imp:votes:3f9c:L43',
      'imp:votes:aaaa:L42',
      'L42',
      'x',
      randomUUID(),
    ];
    for (const command of commands)
      for (const stream of ['resolution-r1', 'resolution-r2', 'meeting-m'])
        for (const index of [0, 1, 2]) ids.add(eventIdFor(command, stream, index));
    expect(ids.size).toBe(commands.length * 3 * 3);
  });

  it('keep apart commands whose numbers agree modulo 2^34, or that differ after their number', () => {
    const a = eventIdFor('c-1', 's', 0);
    expect(eventIdFor(`c-${1 + 2 ** 34}`, 's', 0)).not.toBe(a);
    expect(eventIdFor('c-1-b', 's', 0)).not.toBe(a);
    expect(eventIdFor('c-01', 's', 0)).not.toBe(a);
  });

  it("follow a series' numbers in their byte order, so a batch appends at one end of the index", () => {
    const lines = Array.from({ length: 3_000 }, (_, i) => i * 7 + 1);
    const ids = lines.map((line) => eventIdFor(`imp:votes:3f9c:L${line}`, 'resolution-r1', 0));
    expect([...ids].sort()).toEqual(ids);
    const heads = new Set(ids.map((id) => id.slice(0, 8)));
    expect(heads.size).toBe(1);
    // Another stream or another file is another series, elsewhere in the index.
    expect(eventIdFor('imp:votes:3f9c:L1', 'resolution-r2', 0).slice(0, 8)).not.toBe([...heads][0]);
    expect(eventIdFor('imp:votes:9999:L1', 'resolution-r1', 0).slice(0, 8)).not.toBe([...heads][0]);
  });

  it('are those the first implementation derived, for any command id, stream and index, in any order', () => {
    const call = fc.tuple(commandId, fc.constantFrom('', 'resolution-r1', 'meeting-m'), fc.nat({ max: 20 }));
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 6 }), (calls) => {
        for (const [id, stream, index] of calls)
          expect(eventIdFor(id, stream, index)).toBe(reference(id, stream, index));
      }),
      { numRuns: 5_000 },
    );
  });

  it('tell derived ids from those of the earlier layout and from random ones', () => {
    expect(isDerivedEventId('512c9431-87e0-51e4-8d99-843ec362e523')).toBe(false);
    expect(isDerivedEventId(randomUUID())).toBe(false);
  });
});
