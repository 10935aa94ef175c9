import { VoteReceipt } from '../receipts/receipt-codec';

/**
 * seev.007 MeetingVoteExecutionConfirmation of a holder's votes at a certified meeting, made from
 * the holder's vote receipt: each vote as counted, and, in the supplementary data, the receipt by
 * reference (the seal's algorithm and root and each vote's fingerprint), which the holder checks
 * with `govrec receipt verify`. Votes recorded from a seev.004 name its message and instruction.
 */
export const SEEV_007 = 'seev.007.001.09';
export const SEEV_007_ROOT = 'MtgVoteExctnConf';

/** The message and instruction a vote's command id names, when it came from a seev.004. */
function instructionOf(commandId: unknown): { message: string; instruction: string } | undefined {
  if (typeof commandId !== 'string') return undefined;
  const [scheme, message, instruction] = commandId.split(':');
  return scheme === 'iso20022' && message && instruction ? { message, instruction } : undefined;
}

export function voteConfirmation(
  receipt: VoteReceipt,
  meetingReference: object,
  security: object,
  labelOf: (resolutionId: string) => string,
  messageId: string,
) {
  const from = receipt.votes.map((v) => instructionOf(v.event.metadata.commandId)).find((x) => x);
  return {
    VoteExctnConfId: messageId,
    ...(from ? { MtgInstrId: from.message } : {}),
    MtgRef: meetingReference,
    FinInstrmId: security,
    VoteInstrs: {
      ...(from ? { SnglInstrId: from.instruction } : {}),
      AcctId: receipt.holderId,
      VoteInstr: receipt.votes.map((v) => ({
        IssrLabl: labelOf(v.resolutionId),
        For: v.counted.shares.for,
        Agnst: v.counted.shares.against,
        Abstn: v.counted.shares.abstain,
      })),
    },
    SplmtryData: {
      PlcAndNm: `/Document/${SEEV_007_ROOT}`,
      Envlp: {
        Rcpt: {
          SealAlgorithm: receipt.algorithm,
          SealRoot: receipt.root,
          Fngrprnt: receipt.votes.map((v) => ({ IssrLabl: labelOf(v.resolutionId), Hash: v.fingerprint })),
        },
      },
    },
  };
}
