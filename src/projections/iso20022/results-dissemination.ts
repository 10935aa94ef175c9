import { MeetingView } from '../results/view';
import { issuerLabel, MeetingHeader, meetingReference, shareClassIdentification } from './message-parts';

/**
 * seev.008 MeetingResultDissemination of a certified meeting: each resolution's FOR, AGAINST and
 * ABSTAIN with their percentages exactly as the results print them (the issuer's precision and
 * base), whether it passed, the participation, and the seal's root in the supplementary data so
 * that a receiver can check receipts and the record against the figures it was sent.
 */
export const SEEV_008 = 'seev.008.001.09';
export const SEEV_008_ROOT = 'MtgRsltDssmntn';

/** The seal made at certification, as the record keeps it. */
export interface PublishedSeal {
  readonly algorithm: string;
  readonly root: string;
}

/** A count, and its percentage where the results print one (UK: votes withheld have none). */
const figure = (qty: number, pct: string | undefined) => ({
  Qty: qty,
  ...(pct === undefined ? {} : { Pctg: pct }),
});

export function resultsDissemination(
  meeting: MeetingView,
  header: MeetingHeader,
  seal: PublishedSeal | undefined,
  messageId: string,
) {
  const decided = meeting.resolutions.filter((r) => !r.withdrawn && r.passed !== null);
  return {
    MtgRsltDssmntnId: messageId,
    MtgRsltsDssmntnTp: 'NEWM',
    MtgRef: meetingReference(header),
    Scty: meeting.shareClasses.map((code) => ({ FinInstrmId: shareClassIdentification(code) })),
    VoteRslt: decided.map((r) => ({
      IssrLabl: issuerLabel({ number: r.no, label: r.label }),
      Rslt: r.passed ? 'ACPT' : 'REJT',
      For: figure(r.for, r.forPct),
      Agnst: figure(r.against, r.againstPct),
      Abstn: figure(r.abstain, r.abstainPct),
    })),
    Prtcptn: {
      TtlNbOfVtngRghtsExrcd: meeting.attendingVotes ?? meeting.attendingShares,
      TtlNbOfVtngRghts: meeting.votesEntitledToVote ?? meeting.sharesEntitledToVote,
      PctgOfVtngRghtsExrcd: meeting.attendingPercent,
      CalctnDt: meeting.heldOn,
    },
    ...(seal
      ? {
          SplmtryData: [
            {
              PlcAndNm: `/Document/${SEEV_008_ROOT}`,
              Envlp: { SealAlgorithm: seal.algorithm, SealRoot: seal.root },
            },
          ],
        }
      : {}),
  };
}
