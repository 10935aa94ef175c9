import * as t from 'io-ts';

/**
 * seev.004 MeetingInstruction as govrec reads it (the subset of src/infra/iso20022/xsd), after the
 * XML is parsed: every value is text. The codec checks the shape; quantities and labels are checked
 * per instruction (an instruction that fails is rejected, the others go on).
 */
export const SEEV_004 = 'seev.004.001.09';
export const SEEV_004_ROOT = 'MtgInstr';

const Text = t.refinement(t.string, (s) => s.length > 0 && s.length <= 35, 'Max35Text');
const Name = t.refinement(t.string, (s) => s.length > 0 && s.length <= 140, 'Max140Text');

export const VoteInstruction = t.intersection([
  t.type({ IssrLabl: Text }),
  t.partial({ For: t.string, Agnst: t.string, Abstn: t.string }),
]);

export const Instruction = t.intersection([
  t.type({
    SnglInstrId: Text,
    AcctDtls: t.type({ SfkpgAcct: Text }),
    VoteDtls: t.type({
      VoteInstrForAgndRsltn: t.type({
        VotePerAgndRsltn: t.type({ VoteInstr: t.array(VoteInstruction) }),
      }),
    }),
  }),
  t.partial({ VoteExctnConf: t.string, Prxy: t.type({ Nm: Name }) }),
]);
export type Instruction = t.TypeOf<typeof Instruction>;

/** A security as govrec names it: other identifications (a share class, a meeting). */
export const Security = t.type({ OthrId: t.array(t.type({ Id: Text, Tp: t.type({ Prtry: Text }) })) });

export const MeetingInstruction = t.type({
  MtgInstrId: Text,
  MtgRef: t.type({ MtgId: Text }),
  FinInstrmId: Security,
  Instr: t.array(Instruction),
});
export type MeetingInstruction = t.TypeOf<typeof MeetingInstruction>;
