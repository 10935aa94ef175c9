import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Reject, RejectsFile } from '../../src/infra/import/rejects-file';

/** Rejects come out of order (a codec's at once, a rule's with its batch); the file is in line order. */
it('writes the rejects in line order, byte for byte as if they had come in order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'govrec-rejects-'));
  try {
    const rejects: Reject[] = [
      { line: 9, rule: 'Invalid:ShareCount', field: 'shares', message: 'got "12x"', row: 'A,=1+1,"x"' },
      { line: 3, rule: 'OverVote', field: 'for', message: 'more than held', row: '-5,@SUM(A1)' },
      { line: 7, rule: 'Invalid:Csv', field: '', message: 'a line\nbreak', row: 'a,b' },
      { line: 3, rule: 'Second', field: 'against', message: 'same line, kept after', row: '+1' },
    ];
    const write = (order: Reject[], name: string) => {
      const file = new RejectsFile(join(dir, name));
      for (const r of order) file.add(r);
      file.close();
      return readFileSync(join(dir, name), 'utf8');
    };
    const sorted = [rejects[1], rejects[3], rejects[2], rejects[0]];
    expect(write(rejects, 'shuffled.csv')).toBe(write(sorted, 'ordered.csv'));
    expect(write(rejects, 'again.csv').split('\n')[1]).toBe(`3,OverVote,for,more than held,"'-5,@SUM(A1)"`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
