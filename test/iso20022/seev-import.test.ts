import { CommandInput, Govrec, openGovrec, readScenarioFile } from '../../src/index';
import { expectedMeeting, MEETING_IDS, SCENARIO_PATH } from '../golden/reference-scenario';
import { rootOf, Tree, xsdErrors } from './xsd';

/**
 * A custodian's seev.004 for the reference EGM, imported while its poll is open: one instruction
 * carries A-0002's votes as the reference has them, three others are refused by the domain's rules
 * (an over-vote, a holder not on the register, a resolution not on the agenda).
 */
const EGM = MEETING_IDS.EGM;
type Payload = Record<string, string & number & { meetingId: string; number: number }[]>;
const MESSAGE_ID = 'CUST-2023-11-23-001';
const scenario = () => {
  const read = readScenarioFile(SCENARIO_PATH);
  if (!read.ok) throw new Error('scenario');
  return read.value.commands as (CommandInput & { payload: Payload })[];
};
const FIRST_VOTE = scenario().findIndex((c) => c.type === 'CastVote');
const isA2AtEgm = (c: CommandInput & { payload: Payload }) =>
  c.type === 'CastVote' && c.payload.holderId === 'A-0002' && c.payload.meetingId === EGM;

/** The agenda number of each resolution at the EGM, from the scenario's proposals. */
const numberAtEgm = (resolutionId: string): number =>
  scenario()
    .find((c) => c.type === 'ProposeResolution' && c.payload.resolutionId === resolutionId)!
    .payload.meetings.find((m) => m.meetingId === EGM)!.number;

const voteXml = (label: string | number, f: number, a: number, x: number) =>
  `<VoteInstr><IssrLabl>${label}</IssrLabl><For>${f}</For><Agnst>${a}</Agnst><Abstn>${x}</Abstn></VoteInstr>`;
const instructionXml = (id: string, holder: string, votes: string) => `
    <Instr>
      <SnglInstrId>${id}</SnglInstrId>
      <VoteExctnConf>true</VoteExctnConf>
      <AcctDtls><SfkpgAcct>${holder}</SfkpgAcct></AcctDtls>
      <VoteDtls><VoteInstrForAgndRsltn><VotePerAgndRsltn>${votes}</VotePerAgndRsltn></VoteInstrForAgndRsltn></VoteDtls>
    </Instr>`;

function seev004(): string {
  const a2 = scenario()
    .filter(isA2AtEgm)
    .map((c) =>
      voteXml(numberAtEgm(c.payload.resolutionId), c.payload.for, c.payload.against, c.payload.abstain),
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:seev.004.001.09">
  <MtgInstr>
    <MtgInstrId>${MESSAGE_ID}</MtgInstrId>
    <MtgRef><MtgId>${EGM}</MtgId><MtgDtAndTm>2023-11-23T14:00:00+08:00</MtgDtAndTm><Tp>XMET</Tp></MtgRef>
    <FinInstrmId><OthrId><Id>A</Id><Tp><Prtry>GOVREC-SHARE-CLASS</Prtry></Tp></OthrId></FinInstrmId>
    ${instructionXml('I-1', 'A-0002', a2)}
    ${instructionXml('I-2', 'A-0004', voteXml(1, 1000, 0, 0))}
    ${instructionXml('I-3', 'Z-9999', voteXml(1, 10, 0, 0))}
    ${instructionXml('I-4', 'A-0003', voteXml(99, 10, 0, 0))}
  </MtgInstr>
</Document>`;
}

const OPTIONS = { actor: 'registrar:computershare-hk', issuedAt: '2023-11-23T14:20:00+08:00' };
let govrec: Govrec;
beforeEach(async () => {
  govrec = await openGovrec({ store: 'memory' });
  const upToPoll = await govrec.record(scenario().slice(0, FIRST_VOTE));
  expect(upToPoll.refused).toBe(0);
});
afterEach(() => govrec.close());

const statusesOf = (xml: string) =>
  rootOf(xml, 'MtgInstrSts').InstrTpSts.InstrSts.map((s: Tree) => [
    s.SnglInstrId,
    s.InstrSts.PrcgSts.Cd ?? s.InstrSts.PrcgSts.Rjctd.Rsn.RsnCd.Cd,
  ]);

const isoEvents = async () =>
  (await govrec.store.readAll()).filter((e) => e.metadata.commandId.startsWith('iso20022:'));

describe('A seev.004 imported', () => {
  it('is itself valid against the seev.004 XSD govrec keeps', async () => {
    expect(await xsdErrors(seev004(), 'seev.004.001.09')).toEqual([]);
  });

  it('answers a seev.006 status per instruction, with the reason code of each refusal, and records only the accepted', async () => {
    const imported = await govrec.iso20022.importInstructions(seev004(), OPTIONS);
    if (!imported.ok) throw new Error(imported.error.message);
    expect(await xsdErrors(imported.value.status, 'seev.006.001.09')).toEqual([]);
    expect(statusesOf(imported.value.status)).toEqual([
      ['I-1', 'PACK'],
      ['I-2', 'DQUA'],
      ['I-3', 'SAFE'],
      ['I-4', 'ULNK'],
    ]);
    expect(imported.value.outcomes.map((o) => o.refusal?.rule)).toEqual([
      undefined,
      'OverVote',
      'HolderNotOnRegister',
      'UnknownResolutionLabel',
    ]);
    const recorded = await isoEvents();
    expect(
      recorded.every((e) => e.type === 'VoteCast' && (e.data as { holderId: string }).holderId === 'A-0002'),
    ).toBe(true);
    expect(recorded).toHaveLength(scenario().filter(isA2AtEgm).length);
    expect(imported.value.recorded).toBe(recorded.length);
  });

  it('is idempotent by message and instruction id: imported again, it records nothing and answers the same', async () => {
    const first = await govrec.iso20022.importInstructions(seev004(), OPTIONS);
    const second = await govrec.iso20022.importInstructions(seev004(), OPTIONS);
    if (!first.ok || !second.ok) throw new Error('import');
    expect(second.value.recorded).toBe(0);
    expect(second.value.alreadyRecorded).toBe(first.value.recorded);
    expect(statusesOf(second.value.status)).toEqual(statusesOf(first.value.status));
  });

  it('round-trips: the instruction counted in the certified results as published, and confirmed by seev.007', async () => {
    expect((await govrec.iso20022.importInstructions(seev004(), OPTIONS)).ok).toBe(true);
    const rest = await govrec.record(
      scenario()
        .slice(FIRST_VOTE)
        .filter((c) => !isA2AtEgm(c)),
    );
    expect(rest.refused).toBe(0);
    const egm = (await govrec.meeting(EGM))!;
    expect(egm.status).toBe('CERTIFIED');
    expect(egm.resolutions).toMatchObject(expectedMeeting('EGM').resolutions);
    const confirmation = await govrec.iso20022.exportMessage({
      message: 'seev.007',
      meetingId: EGM,
      holderId: 'A-0002',
    });
    if (!confirmation.ok) throw new Error(confirmation.error.message);
    expect(await xsdErrors(confirmation.value, 'seev.007.001.09')).toEqual([]);
    const message = rootOf(confirmation.value, 'MtgVoteExctnConf');
    expect(message.MtgInstrId).toBe(MESSAGE_ID);
    expect(message.VoteInstrs.SnglInstrId).toBe('I-1');
  });

  it('refuses input that is no seev.004, naming the field, and records nothing', async () => {
    const before = (await govrec.store.readAll()).length;
    for (const xml of [
      '<nope',
      seev004().replace('seev.004.001.09', 'seev.005.001.09'),
      seev004().replace(/<MtgInstrId>.*<\/MtgInstrId>/, ''),
    ]) {
      const answer = await govrec.iso20022.importInstructions(xml, OPTIONS);
      expect(answer.ok).toBe(false);
    }
    expect((await govrec.store.readAll()).length).toBe(before);
  });
});
