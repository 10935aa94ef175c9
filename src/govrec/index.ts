export { Govrec } from './govrec';
export { announcementPdf } from './announcement-pdf';
export { CertifiedFiguresMismatch } from './certified-figures';
export { GovrecOpenError, openGovrec } from './open';
export type { ImportFileOptions, OpenOptions } from './options';
export { decodeInput } from './errors';
export type { GovrecError, Result } from './errors';
export type { EventHandlers, EventSubscriptionOptions } from './follow';
export {
  INEXACT_NUMBER,
  parseJsonText,
  readAnnouncementOptionsFile,
  readJsonFile,
  readRuleSetsFile,
  readScenarioFile,
  UNREADABLE_FILE,
} from './files';
export type { ScenarioFile } from './files';
export { READ_MODEL_NAMES } from './read-models';
export type { ReadModelName } from './read-models';
export { ANNOUNCEMENT_FORMATS } from './reads';
export type { AnnouncementFormat } from './reads';
export { parseStoreSpec } from './store-spec';
export type { StoreLocation, StoreSpec } from './store-spec';
export { VerifyThread } from './verify-off-thread';
export type * from './types';
export { decodedCommand, DEFAULT_RECORD_BATCH } from './writes';
export type { RecordOptions, ScenarioRecorded } from './writes';
export { authorize, MAY_ISSUE, READS_EVERY_HOLDER, ROLES } from '../application/roles';
export type { Role } from '../application/roles';
export { SqliteReadModels } from '../infra/read-models/sqlite-read-models';
export type { SecurityLogEntry } from '../infra/read-models/sqlite-read-models';
export type { SecurityLog } from './security-log';
export { checkAsAt, parseAsAt } from './as-at';
export type { AsAt, RecordAsAt } from './as-at';
export { receiptOf, verifyReceipt } from './receipts';
export { VoteReceipt, ReceiptVote, ReceiptEvent, ProofStep } from '../application/receipts/receipt-codec';
export type {
  ReceiptFailure,
  ReceiptFailureKind,
  ReceiptVerdict,
} from '../application/receipts/verify-receipt';
export { ISO20022_EXPORTS } from './iso20022-export';
export type { Iso20022Exchange } from './iso20022';
export type { Iso20022Export, Iso20022ExportRequest } from './iso20022-export';
export type { Iso20022Imported, Iso20022ImportOptions } from './iso20022-import';
export type { InstructionOutcome } from '../application/iso20022/instruction-status';
