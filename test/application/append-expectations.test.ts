import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * govrec counts on idempotent retries: a command sent again, or an append whose answer was lost,
 * must write nothing. EventStoreDB recognises a retry durably only with an exact or no_stream
 * expected revision; with any or stream_exists it looks the ids up in the leader's in-memory
 * cache, which a restart or an election empties, and then writes the events again
 * (ESDB-WIRE.md). So no writer of govrec appends with any or stream_exists: this test reads every
 * append call of the sources (the stores' own internals aside) and fails on one that could.
 */
const SOURCES = join(__dirname, '..', '..', 'src');
const STORE_INTERNALS = join(SOURCES, 'infra', 'store');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return path === STORE_INTERNALS ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

interface AppendCall {
  readonly where: string;
  readonly expected: string;
  readonly literals: string[];
}

/** The string literals an expression may evaluate to, wherever they sit in it (a ternary, a variable aside). */
function literalsIn(node: ts.Node): string[] {
  if (ts.isStringLiteralLike(node)) return [node.text];
  const found: string[] = [];
  node.forEachChild((child) => void found.push(...literalsIn(child)));
  return found;
}

function appendCalls(path: string): AppendCall[] {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const calls: AppendCall[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'append' &&
      node.arguments.length === 3
    ) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart());
      const expected = node.arguments[2];
      calls.push({
        where: `${relative(SOURCES, path)}:${line + 1}`,
        expected: expected.getText(),
        literals: literalsIn(expected),
      });
    }
    node.forEachChild(visit);
  };
  visit(file);
  return calls;
}

describe('appends that count on idempotency', () => {
  const calls = sourceFiles(SOURCES).flatMap(appendCalls);

  test('the sources append to a store (the scan sees them)', () => {
    expect(calls.length).toBeGreaterThanOrEqual(2);
  });

  test('no append outside the stores expects any or stream_exists', () => {
    const risky = calls.filter((c) => c.literals.some((l) => l === 'any' || l === 'stream_exists'));
    expect(risky).toEqual([]);
  });

  test('every expected revision is a no_stream literal or a revision the writer read', () => {
    const opaque = calls.filter((c) => c.literals.some((l) => l !== 'no_stream'));
    expect(opaque).toEqual([]);
  });
});
