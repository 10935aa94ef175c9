import { DomainError } from '../../domain/shared/errors';
import { rejectionReason } from './instruction-commands';

/**
 * seev.006 MeetingInstructionStatus for an imported seev.004: per instruction, accepted (PACK) or
 * rejected with the reason code that fits the domain's refusal, the refusal's rule and message
 * beside it as additional information.
 */
export const SEEV_006 = 'seev.006.001.09';
export const SEEV_006_ROOT = 'MtgInstrSts';

/** What became of one instruction. */
export interface InstructionOutcome {
  /** The instruction's SnglInstrId. */
  readonly instructionId: string;
  /** The holder it instructs for (its safekeeping account). */
  readonly holderId: string;
  /** Absent when accepted. */
  readonly refusal?: DomainError;
}

const additional = (e: DomainError): string => {
  const text = `${e.rule} at ${e.field}: ${e.message}`;
  return text.length <= 210 ? text : `${text.slice(0, 209)}…`;
};

const status = (o: InstructionOutcome) =>
  o.refusal
    ? {
        Rjctd: {
          Rsn: [{ RsnCd: { Cd: rejectionReason(o.refusal.rule) }, AddtlRsnInf: additional(o.refusal) }],
        },
      }
    : { Cd: 'PACK' };

export function instructionStatus(
  messageId: string,
  meetingReference: object,
  security: object,
  outcomes: readonly InstructionOutcome[],
  registrar: string,
) {
  return {
    InstrTp: { InstrId: messageId },
    MtgRef: meetingReference,
    FinInstrmId: security,
    InstrTpSts: {
      InstrSts: outcomes.map((o) => ({
        SnglInstrId: o.instructionId,
        AcctId: o.holderId,
        InstrSts: { PrcgSts: status(o) },
      })),
    },
    CnfrmgPty: { Nm: registrar },
    VoteCstgPty: { Nm: registrar },
  };
}
