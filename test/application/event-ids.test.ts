import { randomUUID } from 'node:crypto';
import { eventIdFor, isDerivedEventId } from '../../src/application/event-ids';

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

  it('tell derived ids from those of the earlier layout and from random ones', () => {
    expect(isDerivedEventId('512c9431-87e0-51e4-8d99-843ec362e523')).toBe(false);
    expect(isDerivedEventId(randomUUID())).toBe(false);
  });
});
