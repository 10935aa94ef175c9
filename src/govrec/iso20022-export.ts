import { EventStore } from '../application/event-store';
import { SEEV_007, SEEV_007_ROOT, voteConfirmation } from '../application/iso20022/vote-confirmation';
import { makeReceipt } from '../application/receipts/make-receipt';
import { messageXml } from '../infra/iso20022/xml';
import { meetingNotification, SEEV_001, SEEV_001_ROOT } from '../projections/iso20022/meeting-notification';
import {
  issuerLabel,
  meetingReference,
  shareClassIdentification,
} from '../projections/iso20022/message-parts';
import { resultsDissemination, SEEV_008, SEEV_008_ROOT } from '../projections/iso20022/results-dissemination';
import { MeetingView } from '../projections/results/view';
import { failed, govrecError, ok, Result } from './errors';
import { meetingOnRecord } from './iso20022-record';

/** The messages govrec writes. */
export const ISO20022_EXPORTS = ['seev.001', 'seev.007', 'seev.008'] as const;
/** seev.001 MeetingNotification, seev.007 MeetingVoteExecutionConfirmation, seev.008 MeetingResultDissemination. */
export type Iso20022Export = (typeof ISO20022_EXPORTS)[number];

/** What an export is of: the meeting, and for seev.007 the holder. */
export interface Iso20022ExportRequest {
  /** Which message. */
  readonly message: Iso20022Export;
  /** The meeting it is of. */
  readonly meetingId: string;
  /** seev.007 only: the holder whose votes it confirms. */
  readonly holderId?: string;
  /** The message's own id (at most 35 characters); by default made of the message and the meeting. */
  readonly messageId?: string;
}

const refused = (rule: string, field: string, message: string) =>
  failed({ kind: 'refused' as const, rule, field, message });

const idOf = (request: Iso20022ExportRequest): string =>
  (
    request.messageId ??
    `${request.message}-${request.meetingId}${request.holderId ? `-${request.holderId}` : ''}`
  ).slice(0, 35);

/**
 * The message as XML, or why there is none: an unknown meeting; seev.008 before certification;
 * seev.007 for a holder without a receipt (see Govrec.receipt).
 */
export async function exportMessage(
  store: EventStore,
  meetingView: (meetingId: string) => Promise<MeetingView | undefined>,
  request: Iso20022ExportRequest,
): Promise<Result<string>> {
  const onRecord = await meetingOnRecord(store, request.meetingId);
  if (!onRecord) return refused('UnknownMeeting', 'meetingId', `No meeting ${request.meetingId}`);
  const { meeting, agenda, seal } = onRecord;
  const messageId = idOf(request);
  if (request.message === 'seev.001')
    return ok(messageXml(SEEV_001, SEEV_001_ROOT, meetingNotification(meeting, agenda, messageId)));
  if (request.message === 'seev.008') {
    const view = await meetingView(request.meetingId);
    if (view?.status !== 'CERTIFIED' || view.integrity === 'MISMATCH')
      return refused(
        'ResultsNotCertified',
        'meetingId',
        `The results of ${request.meetingId} are not certified`,
      );
    return ok(messageXml(SEEV_008, SEEV_008_ROOT, resultsDissemination(view, meeting, seal, messageId)));
  }
  if (!request.holderId)
    return failed({
      kind: 'invalid',
      rule: 'Invalid:HolderId',
      field: 'holderId',
      message: 'seev.007 is for one holder',
    });
  const receipt = await makeReceipt(store, request.meetingId, request.holderId);
  if (receipt._tag === 'Left') return failed(govrecError(receipt.left));
  const labels = new Map(agenda.map((r) => [r.resolutionId, issuerLabel(r)]));
  const classes = new Set(
    receipt.right.votes
      .map((v) => (v.event.data as { shareClass?: string }).shareClass)
      .filter((c): c is string => !!c),
  );
  const [shareClass = meeting.shareClasses[0]] = [...classes];
  const body = voteConfirmation(
    receipt.right,
    meetingReference(meeting),
    shareClassIdentification(shareClass),
    (id) => labels.get(id) ?? id,
    messageId,
  );
  return ok(messageXml(SEEV_007, SEEV_007_ROOT, body));
}
