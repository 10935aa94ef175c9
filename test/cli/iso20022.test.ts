import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, run } from '../../src/infra/cli/main';
import { MEETING_IDS, SCENARIO_PATH } from '../golden/reference-scenario';
import { captureIo } from '../support/cli-io';

const dir = mkdtempSync(join(tmpdir(), 'govrec-iso-'));
const store = `sqlite:${join(dir, 'govrec.db')}`;

beforeAll(async () => {
  expect(await run(['apply', SCENARIO_PATH, '--store', store], captureIo())).toBe(EXIT.ok);
});

describe('govrec iso20022', () => {
  it('exports seev.001, seev.007 and seev.008 of the reference record', async () => {
    for (const [message, extra] of [
      ['seev.001', []],
      ['seev.008', []],
      ['seev.007', ['--holder', 'A-0002']],
    ] as const) {
      const io = captureIo();
      const code = await run(
        ['iso20022', 'export', message, '--meeting', MEETING_IDS.EGM, ...extra, '--store', store],
        io,
      );
      expect(io.stderr).toBe('');
      expect(code).toBe(EXIT.ok);
      expect(io.stdout).toContain(`urn:iso:std:iso:20022:tech:xsd:${message}`);
    }
    const file = join(dir, 'seev.008.xml');
    expect(
      await run(
        ['iso20022', 'export', 'seev.008', '--meeting', MEETING_IDS.EGM, '--out', file, '--store', store],
        captureIo(),
      ),
    ).toBe(EXIT.ok);
    expect(readFileSync(file, 'utf8')).toContain('<MtgRsltDssmntn>');
  });

  it('imports a seev.004: every instruction refused on a certified record, exit 1, and the seev.006 says why', async () => {
    const file = join(dir, 'seev.004.xml');
    writeFileSync(
      file,
      `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:seev.004.001.09"><MtgInstr>
<MtgInstrId>M-1</MtgInstrId><MtgRef><MtgId>${MEETING_IDS.EGM}</MtgId><MtgDtAndTm>2023-11-23T14:00:00+08:00</MtgDtAndTm><Tp>XMET</Tp></MtgRef>
<FinInstrmId><OthrId><Id>A</Id><Tp><Prtry>GOVREC-SHARE-CLASS</Prtry></Tp></OthrId></FinInstrmId>
<Instr><SnglInstrId>I-1</SnglInstrId><VoteExctnConf>true</VoteExctnConf><AcctDtls><SfkpgAcct>A-0004</SfkpgAcct></AcctDtls>
<VoteDtls><VoteInstrForAgndRsltn><VotePerAgndRsltn><VoteInstr><IssrLabl>1</IssrLabl><For>200</For></VoteInstr></VotePerAgndRsltn></VoteInstrForAgndRsltn></VoteDtls></Instr>
</MtgInstr></Document>`,
    );
    const io = captureIo();
    expect(await run(['iso20022', 'import', file, '--store', store], io)).toBe(EXIT.refused);
    expect(io.stderr).toContain('instruction I-1 refused: ResultsCertified');
    expect(io.stdout).toContain('<Cd>LATE</Cd>');
  });

  it('refuses a bad line in one line, exit 2', async () => {
    for (const args of [
      ['iso20022'],
      ['iso20022', 'export', 'seev.002', '--meeting', 'x'],
      ['iso20022', 'import', join(dir, 'none.xml')],
    ]) {
      const io = captureIo();
      expect(await run([...args, '--store', store], io)).toBe(EXIT.usage);
      expect(io.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
