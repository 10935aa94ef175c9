import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AggregateKind, Election, Meeting, Resolution } from '../../src/application/aggregates';

const ROOT = join(__dirname, '..', '..');

/**
 * A snapshot is used only by code of the same state version (snapshots.ts), so a change to what an
 * evolve builds without a new version would let a process decide on a state an older evolve built.
 * This pins each state module's text to its version: when a module changes, this fails until the
 * version is bumped (the state changed: old snapshots are then ignored) or, for a change that
 * leaves every state as it was (a comment, a rename), the text's digest alone is updated here.
 */
const PINNED: [AggregateKind<unknown>, string, number, string][] = [
  [
    Meeting as AggregateKind<unknown>,
    'src/domain/meeting/state.ts',
    2,
    '72aa01933b9c962324aaea2158901ffa4c9fcbe41125870401c69f47038a7a9a',
  ],
  [
    Resolution as AggregateKind<unknown>,
    'src/domain/resolution/state.ts',
    2,
    'fd386bcf0fa3b3092b83cf9f459638e42bde7595ee8a15ce0ab75d7739bff610',
  ],
  [
    Election as AggregateKind<unknown>,
    'src/domain/election/state.ts',
    1,
    '3bd12f83c88ef4fb902dbc06823b961b45bc8d19ccd402d7f44f994f707ac7a4',
  ],
];

describe.each(PINNED)('the state version of %#', (kind, file, version, digest) => {
  it(`${file} is the text its state version ${version} was pinned with`, () => {
    const text = readFileSync(join(ROOT, file), 'utf8').replace(/\r\n/g, '\n');
    const actual = createHash('sha256').update(text).digest('hex');
    expect({ file, stateVersion: kind.stateVersion, digest: actual }).toEqual({
      file,
      stateVersion: version,
      digest,
    });
  });
});
