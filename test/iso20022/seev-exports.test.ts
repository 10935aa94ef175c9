import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Govrec, openGovrec } from '../../src/index';
import { expectedMeeting, MEETING_IDS, ROOT, SCENARIO_PATH } from '../golden/reference-scenario';
import { rootOf, xsdErrors } from './xsd';

const GOLDEN = join(ROOT, 'test', 'golden', 'iso20022');
let govrec: Govrec;

beforeAll(async () => {
  govrec = await openGovrec({ store: 'memory' });
  expect((await govrec.recordScenario(JSON.parse(readFileSync(SCENARIO_PATH, 'utf8')))).ok).toBe(true);
});
afterAll(() => govrec.close());

async function exported(message: 'seev.001' | 'seev.007' | 'seev.008', meetingId: string, holderId?: string) {
  const xml = await govrec.iso20022.exportMessage({ message, meetingId, ...(holderId ? { holderId } : {}) });
  if (!xml.ok) throw new Error(xml.error.message);
  return xml.value;
}

describe.each(Object.keys(MEETING_IDS))('seev.008 of the reference %s', (name) => {
  const meetingId = MEETING_IDS[name];
  it('validates against its XSD and carries the published figures, digit for digit', async () => {
    const xml = await exported('seev.008', meetingId);
    expect(await xsdErrors(xml, 'seev.008.001.09')).toEqual([]);
    const message = rootOf(xml, 'MtgRsltDssmntn');
    const expected = expectedMeeting(name);
    expect(message.VoteRslt).toEqual(
      (expected.resolutions as Record<string, string | number | boolean>[]).map((r) => ({
        IssrLabl: String(r.no),
        Rslt: r.passed ? 'ACPT' : 'REJT',
        For: { Qty: String(r.for), Pctg: r.forPct },
        Agnst: { Qty: String(r.against), Pctg: r.againstPct },
        Abstn: { Qty: String(r.abstain), Pctg: r.abstainPct },
      })),
    );
    expect(message.Prtcptn).toMatchObject({
      TtlNbOfVtngRghtsExrcd: String(expected.attendingShares),
      TtlNbOfVtngRghts: String(expected.sharesEntitledToVote),
      PctgOfVtngRghtsExrcd: expected.attendingPercent,
    });
    const [verdict] = await govrec.verify([meetingId]);
    expect(message.SplmtryData.Envlp).toEqual({ SealAlgorithm: 'sha256-merkle-v2', SealRoot: verdict.root });
    // The whole message, as kept: a change to any figure or element shows here. The seal's root
    // hashes every event with its metadata; it was checked against verify() above, and is left out.
    const kept = xml.replace(/<SealRoot>[0-9a-f]{64}<\/SealRoot>/, '<SealRoot>(the seal root)</SealRoot>');
    const golden = join(GOLDEN, `seev.008-${meetingId}.xml`);
    if (!existsSync(golden) && process.env.GOVREC_WRITE_GOLDEN) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(golden, kept);
    }
    expect(kept).toBe(readFileSync(golden, 'utf8'));
  });
});

describe('seev.001 of a scheduled meeting', () => {
  it('validates against its XSD and lists the agenda with the votes each takes', async () => {
    const xml = await exported('seev.001', MEETING_IDS.EGM);
    expect(await xsdErrors(xml, 'seev.001.001.10')).toEqual([]);
    const message = rootOf(xml, 'MtgNtfctn');
    expect(message.Mtg).toMatchObject({ MtgId: MEETING_IDS.EGM, Tp: 'XMET' });
    expect(message.Rsltn.map((r) => [r.IssrLabl, r.Tp])).toEqual(
      (expectedMeeting('EGM').resolutions as { no: number; type: string }[]).map((r) => [
        String(r.no),
        r.type === 'special' ? 'EXTR' : 'ORDI',
      ]),
    );
    expect(rootOf(await exported('seev.001', MEETING_IDS['H-CLASS']), 'MtgNtfctn').Mtg.Tp).toBe('SPCL');
    // The schema can refuse: a meeting type outside the code list does not validate.
    expect(await xsdErrors(xml.replace('<Tp>XMET</Tp>', '<Tp>NOPE</Tp>'), 'seev.001.001.10')).not.toEqual([]);
  });
});

describe('seev.007 of a holder', () => {
  it("validates against its XSD, gives each vote as counted and refers to the holder's receipt", async () => {
    const xml = await exported('seev.007', MEETING_IDS.EGM, 'A-0002');
    expect(await xsdErrors(xml, 'seev.007.001.09')).toEqual([]);
    const receipt = await govrec.receipt(MEETING_IDS.EGM, 'A-0002');
    if (!receipt.ok) throw new Error(receipt.error.message);
    const message = rootOf(xml, 'MtgVoteExctnConf');
    expect(message.SplmtryData.Envlp.Rcpt.SealRoot).toBe(receipt.value.root);
    expect(message.SplmtryData.Envlp.Rcpt.Fngrprnt.map((f) => f.Hash)).toEqual(
      receipt.value.votes.map((v) => v.fingerprint),
    );
    expect(message.VoteInstrs.VoteInstr[0]).toEqual({
      IssrLabl: '1',
      For: String(receipt.value.votes[0].counted.shares.for),
      Agnst: String(receipt.value.votes[0].counted.shares.against),
      Abstn: String(receipt.value.votes[0].counted.shares.abstain),
    });
  });

  it('is refused for results not certified, or a meeting not on the record', async () => {
    expect(await govrec.iso20022.exportMessage({ message: 'seev.008', meetingId: 'nope' })).toMatchObject({
      ok: false,
      error: { rule: 'UnknownMeeting' },
    });
  });
});
