import { isLeft } from 'fp-ts/Either';
import { decodeCommand } from '../../src/application/validation';
import { phraseFor } from '../../src/domain/shared/codec-phrases';
import { commandInput, payloadsFor } from '../support/every-command';

/** A refusal of bad input says what was wanted in the domain's words, never by a codec's name. */
const TARGET = {
  meetingId: 'm-1',
  resolutionId: 'r-1',
  electionId: 'e-1',
  holderId: 'h-1',
  absentHolderId: 'h-2',
  shareClass: 'A',
  proxyId: 'p-1',
  scrutineer: 'Scrutineer Ltd',
  candidateId: 'c-1',
};

/** Every leaf of a payload, by its path, with a value of another kind than the one there. */
function wrongLeaves(value: unknown, path: (string | number)[] = []): [(string | number)[], unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => wrongLeaves(v, [...path, i]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => wrongLeaves(v, [...path, k]));
  return [[path, typeof value === 'string' ? 12.5 : 'twelve']];
}

function withLeaf(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>;
  copy[path[0]] = withLeaf(copy[path[0]], path.slice(1), leaf);
  return copy;
}

describe('a refusal of a wrong value', () => {
  const cases = Object.entries(payloadsFor(TARGET)).flatMap(([type, payload]) =>
    wrongLeaves(payload).map(([path, leaf]) => [type, path.join('.'), path, payload, leaf] as const),
  );

  it.each(cases)('%s payload.%s: says what is wanted in words', (type, _field, path, payload, leaf) => {
    const input = commandInput(type as never, withLeaf(payload, path, leaf) as Record<string, unknown>, 'c');
    const decoded = decodeCommand(input);
    if (!isLeft(decoded)) return; // A field any value suits (free text given a number is still refused).
    const wanted = /must be (.*); got/.exec(decoded.left.message)?.[1];
    expect(decoded.left.rule).toMatch(/^Invalid:|^UnknownCommandType$/);
    if (wanted === undefined) return;
    expect(wanted).not.toMatch(/^[A-Z][A-Za-z]*$/);
    expect(wanted).not.toMatch(/^(string|number|boolean)$/);
  });

  it('names a share count as a whole number of shares', () => {
    expect(phraseFor('ShareCount')).toBe('a whole number of shares or votes (a non-negative integer)');
    expect(phraseFor('"FOR" | "AGAINST"')).toBe('one of FOR or AGAINST');
    expect(phraseFor('Readonly<("A" | "B" | "C")>')).toBe('one of A, B or C');
    expect(phraseFor('ReadonlyArray<string>')).toBe('a list');
  });
});
