import { CommandHandler } from '../application/command-handler';
import { EventStore } from '../application/event-store';
import { MeetingView } from '../projections/results/view';
import { Result } from './errors';
import { exportMessage, Iso20022ExportRequest } from './iso20022-export';
import { importInstructions, Iso20022Imported, Iso20022ImportOptions } from './iso20022-import';

/**
 * govrec in the custody chain's ISO 20022 messages (SRD II): a seev.004 MeetingInstruction read
 * in, its instructions recorded through the same command handler as every other entrance, with a
 * seev.006 status for each; seev.001, seev.007 and seev.008 written from the record. See
 * docs/iso20022.md for the versions, the fields govrec fills and the reason codes.
 */
export interface Iso20022Exchange {
  /** A seev.004's instructions recorded as one batch, each accepted or refused by the domain; the seev.006 back. */
  importInstructions(xml: string, options: Iso20022ImportOptions): Promise<Result<Iso20022Imported>>;
  /** A seev.001 (a scheduled meeting), seev.007 (a holder's votes) or seev.008 (certified results) as XML. */
  exportMessage(request: Iso20022ExportRequest): Promise<Result<string>>;
}

/** The exchange on govrec's command handler and store. */
export const iso20022Exchange = (
  handler: CommandHandler,
  store: EventStore,
  meetingView: (meetingId: string) => Promise<MeetingView | undefined>,
): Iso20022Exchange => ({
  importInstructions: (xml, options) => importInstructions(handler, store, xml, options),
  exportMessage: (request) => exportMessage(store, meetingView, request),
});
