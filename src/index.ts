/**
 * govrec: an event-sourced record of corporate governance (meetings, notices, registers, proxies,
 * attendance, resolutions and votes), to embed as the core of a registrar's, company secretary's
 * or scrutineer's system.
 *
 * This is the front door: open govrec on a store with {@link openGovrec}, record commands through
 * the returned {@link Govrec}, and query its read models. The EventStoreDB adapter is at
 * `govrec/esdb` and the HTTP server at `govrec/http`, so that an embedder who uses neither never
 * loads them.
 *
 * @packageDocumentation
 */

// The facade.
export * from './govrec';

// The domain: commands and events as codecs and types, rule sets, refusals.
export { GovrecCommand } from './domain/commands';
export { DomainEvent } from './domain/events';
export type { DomainError } from './domain/shared/errors';
export type { AttendanceMode } from './domain/meeting/events';
export type { Split } from './domain/resolution/events';
export * as codecs from './domain/shared/codecs';
export { RuleSet } from './domain/rules/rule-set';
export {
  DEFAULT_PRESENTATION,
  Presentation,
  PresentationOverride,
  printedLabel,
} from './domain/rules/presentation';
export type { AbstentionsShown, DateStyle, Numbering, PercentageBase } from './domain/rules/presentation';
export { RULE_SETS, ruleSetById, parseRuleSets } from './domain/rules/rule-sets';

// The event store port and the embedded stores, for embedders who open a store themselves.
export type {
  AppendResult,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
  SubscriptionHandlers,
  SubscribeToAllOptions,
} from './application/event-store';
export { AppendTooLarge, DuplicateEventId, WrongExpectedVersion } from './application/event-store';
export type { Snapshot, SnapshotStore } from './application/snapshot-store';
export type { ChainBreak, ChainBreakKind, ChainHead, ChainVerdict } from './application/event-chain';
export type { IdentifiedStore } from './application/store-identity';
export type { RetryPolicy } from './application/record-stream';
export { MemoryEventStore } from './infra/store/memory/memory-event-store';
export { SqliteEventStore } from './infra/store/sqlite/sqlite-event-store';
export type { SqliteEventStoreOptions } from './infra/store/sqlite/sqlite-event-store';

// What the read models answer.
export type { MeetingView, OutcomeView, ResolutionView, ResultsView } from './projections/results/view';
export type { CandidateView, ElectionView } from './projections/results/elections';
export type {
  ClassAttendanceView,
  ClassResultView,
  ResolutionWeightsView,
} from './projections/results/classes';
export type { RowPercentages } from './projections/results/percentages';
export type { RequiredAbstentionView, ValidlyCastView } from './projections/results/disclosures';
export type { AttendanceFigures, MeetingAttendance } from './projections/results/attendance';
export type { AuditFilter, AuditPage, AuditPaging } from './projections/audit/query';
export type { AuditEntry } from './projections/audit/trail';
export { auditCsv } from './projections/audit/export';
export { resultsCsv, RESULTS_COLUMNS } from './projections/results/csv';
export {
  holderHistoryCsv,
  HOLDER_HISTORY_COLUMNS,
  proxyRegisterCsv,
  PROXY_REGISTER_COLUMNS,
} from './projections/holders/csv';
export type {
  HolderAttendance,
  HolderBallot,
  HolderVote,
  MeetingHeading,
  ProxyRef,
  Rejection,
} from './projections/holders/history';
export type { HolderHistoryView, HolderMeetingView } from './projections/holders/view';
export type {
  HolderProxies,
  ProxyRecord,
  ProxyStatus,
  RevocationReason,
} from './projections/holders/proxy-register';
export type { AnnouncementLanguage, AnnouncementOptions, ChineseWording } from './projections/announcement';
export { ANNOUNCEMENT_LANGUAGES } from './projections/announcement';
export { ANNOUNCEMENT_FORM_NAMES, announcementFormNamed } from './projections/announcement/forms';
export { AnnouncementForm } from './domain/rules/presentation';
export { MissingBrowser } from './infra/browser/missing-browser';
export type { MajorityNeeded, MeetingDetails, QuorumAtOpening } from './projections/proceedings/details';
export type { Finding, FindingKind, Verdict } from './application/record-verification';
export { IMPORT_KINDS } from './infra/import/import-types';
export type { ImportKind, ImportProgress, ImportSummary } from './infra/import/import-types';
export type { SnapshotFinding, SnapshotVerdict } from './infra/state-cache/snapshot-check';
