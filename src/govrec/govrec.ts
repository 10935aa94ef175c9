import { CommandHandler } from '../application/command-handler';
import { EventStore, Subscription } from '../application/event-store';
import { Verdict } from '../application/record-verification';
import { RuleSet } from '../domain/rules/rule-set';
import { ruleSetById, ruleSetsWith } from '../domain/rules/rule-sets';
import { ImportKind, ImportSummary } from '../infra/import/import-types';
import { ProjectionRunner } from '../infra/read-models/projection-runner';
import { SqliteReadModels } from '../infra/read-models/sqlite-read-models';
import { AggregateStateCache } from '../infra/state-cache/aggregate-state-cache';
import { checkSnapshots, SnapshotFinding } from '../infra/state-cache/snapshot-check';
import { AnnouncementLanguage, AnnouncementOptions } from '../projections/announcement';
import { AnnouncementForm } from '../domain/rules/presentation';
import { AuditFilter, AuditPage, AuditPaging } from '../projections/audit/query';
import { HolderHistoryView } from '../projections/holders/view';
import { HolderProxies } from '../projections/holders/proxy-register';
import { MeetingAttendance } from '../projections/results/attendance';
import { MeetingView, OutcomeView, ResultsView } from '../projections/results/view';
import { MeetingDetails } from '../projections/proceedings/details';
import { CertifiedCheck, CertifiedFiguresMismatch } from './certified-figures';
import { Result } from './errors';
import { EventHandlers, EventSubscriptionOptions, LatestValues, subscribeToEvents } from './follow';
import { projectionsNamed } from './read-models';
import * as reads from './reads';
import { ImportFileOptions, OpenOptions } from './options';
import { ReceiptVerdict, receiptOf, verifyReceipt, VoteReceipt } from './receipts';
import { Iso20022Exchange, iso20022Exchange } from './iso20022';
import { AsAt, RecordAsAt, recordAsAt } from './as-at';
import { SecurityLog, securityLogOf } from './security-log';
import {
  BatchRecorded,
  CommandInput,
  CommandRecorded,
  Progress,
  ReadModelCheckpoint,
  ScenarioRefusal,
} from './types';
import {
  executeCommand,
  importRegistrarFile,
  recordCommands,
  RecordOptions,
  recordScenario,
  ScenarioRecorded,
} from './writes';

/**
 * govrec on one store: record commands (one at a time, in batches, scenarios or a registrar's CSV
 * files) through one command handler, and read the read models it keeps. Reads catch the read
 * models up with the store first, unless they follow it live (follow()).
 */
export class Govrec {
  private readonly handler: CommandHandler;
  private readonly runner: ProjectionRunner;
  private readonly resultsCache: reads.ResultsCache;
  private readonly checkpointValues = new LatestValues<ReadModelCheckpoint>();
  private readonly announcementOptions: AnnouncementOptions;
  private readonly certified: CertifiedCheck;
  /** The read models' version just after they were last folded again for a mismatch. */
  private refoldedAt?: number;
  private following = false;
  private onDrop?: (error: Error) => void;
  private closed = false;

  /** Use openGovrec. */
  constructor(
    /** The event store: for embedders who read or append around govrec (carefully). */
    readonly store: EventStore,
    private readonly readModels: SqliteReadModels,
    options: OpenOptions,
    /** What govrec opened, and so closes. */
    private readonly owns: { readonly store: boolean; readonly readModels: boolean },
  ) {
    const ruleSets =
      options.ruleSets && options.ruleSets.length > 0 ? ruleSetsWith(options.ruleSets) : ruleSetById;
    this.ruleSets = ruleSets;
    this.handler = new CommandHandler(store, {
      ruleSets,
      states: new AggregateStateCache(store),
      ...(options.retry ?? {}),
    });
    this.runner = new ProjectionRunner(store, readModels, {
      projections: projectionsNamed(options.keep),
      onCheckpoint: (position) => this.checkpointValues.push({ position }),
    });
    this.resultsCache = new reads.ResultsCache(this.runner);
    this.certified = new CertifiedCheck(store);
    this.announcementOptions = options.announcement ?? {};
    this.iso20022 = iso20022Exchange(this.handler, store, (id) => this.meeting(id));
    this.securityLog = securityLogOf(readModels);
  }

  /** ISO 20022 general-meeting messages in (seev.004, answered by seev.006) and out (seev.001, .007, .008). */
  readonly iso20022: Iso20022Exchange;
  /** The rule sets in force: the shipped ones and the embedder's. */
  readonly ruleSets: (id: string) => RuleSet | undefined;

  // Writes: every one goes through the same command handler.

  /** Records one command. A refusal is an answer (`ok: false`), never an exception. */
  execute(command: CommandInput): Promise<Result<CommandRecorded>> {
    return executeCommand(this.handler, command);
  }

  /** Records many commands, in order, those of one stream together; a refusal does not stop the others. */
  record(commands: readonly CommandInput[], options?: RecordOptions): Promise<BatchRecorded> {
    return recordCommands(this.handler, commands, options);
  }

  /** Records a scenario's commands in order, stopping at the first refused; see the README. */
  recordScenario(
    scenario: unknown,
    onProgress?: (progress: Progress) => void,
  ): Promise<Result<ScenarioRecorded, ScenarioRefusal>> {
    return recordScenario(this.handler, scenario, onProgress);
  }

  /** Records a registrar's CSV file (register, proxies or votes) row by row; refused rows go to a rejects file. */
  importFile(kind: ImportKind, file: string, options: ImportFileOptions): Promise<Result<ImportSummary>> {
    return importRegistrarFile(this.handler, this.store, kind, file, options);
  }

  // Reads.

  /** Every meeting's results and every resolution's overall outcome, or only the named meetings'. */
  async results(meetingIds?: readonly string[]): Promise<ResultsView> {
    await this.fresh();
    const first = await this.checkedResults(meetingIds);
    // Folded again already, and nothing since: the mismatch is the record's, and stays marked.
    if (first.mismatched.length === 0 || this.refoldedAt === this.runner.applied) return first.view;
    // Figures that are not the certified ones come from read models that are not the fold of the
    // record (edited by hand): they are dropped and folded again, and checked again. What still
    // differs then is the record disagreeing with itself (`govrec verify`), and stays marked MISMATCH.
    await this.refold();
    this.refoldedAt = this.runner.applied;
    return (await this.checkedResults(meetingIds)).view;
  }

  private async checkedResults(meetingIds: readonly string[] | undefined) {
    const view = this.resultsCache.of(meetingIds);
    const { meetings, mismatched } = await this.certified.check(view.meetings, this.runner.applied);
    return { view: { ...view, meetings }, mismatched };
  }

  private async refold(): Promise<void> {
    if (!this.following) return this.runner.rebuild();
    await this.runner.stop();
    await this.runner.rebuild();
    this.runner.follow(this.onDrop);
  }

  /** One meeting's results, in the shape of `govrec replay --format json`. */
  async meeting(meetingId: string): Promise<MeetingView | undefined> {
    return (await this.results()).meetings.find((m) => m.id === meetingId);
  }

  /** Holders, shares and votes present at a meeting, in total and by mode. */
  async attendance(meetingId: string): Promise<MeetingAttendance | undefined> {
    await this.fresh();
    return this.runner.results.attendance.get(meetingId);
  }

  /** Each resolution's overall outcome across the meetings it was put to. */
  async outcomes(): Promise<readonly OutcomeView[]> {
    return (await this.results()).outcomes;
  }

  /** A page of the audit trail: every event with who caused it and why, filtered. */
  async auditTrail(filter: AuditFilter = {}, paging: AuditPaging = {}): Promise<AuditPage> {
    await this.fresh();
    return reads.auditTrailOf(this.runner, filter, paging);
  }

  /** What a page states beside a meeting's figures (company, place, quorum, certification, majorities, attendance by mode). */
  async meetingDetails(meetingId: string): Promise<MeetingDetails | undefined> {
    await this.fresh();
    return reads.meetingDetailsIn(this.runner, meetingId);
  }

  /** The proxy register of a meeting: each holder's proxy in force and those superseded or revoked. */
  async proxyRegister(meetingId: string): Promise<HolderProxies[]> {
    await this.fresh();
    return reads.proxyRegisterOf(this.runner, meetingId);
  }

  /** How a holder voted at each meeting; undefined for a holder the record never names. */
  async holderHistory(holderId: string): Promise<HolderHistoryView | undefined> {
    await this.fresh();
    return reads.holderHistoryIn(this.runner, holderId);
  }

  /**
   * The poll-results announcement generated from the record, in `form` where one is named (over the
   * options'), else in the options' or the first meeting's presentation's; throws
   * CertifiedFiguresMismatch rather than announce figures not certified.
   */
  async announcement(
    format: reads.AnnouncementFormat = 'text',
    meetingIds?: readonly string[],
    language: AnnouncementLanguage = 'en',
    form?: AnnouncementForm,
  ): Promise<string> {
    // Never an announcement of figures that are not those certified (see results()).
    const mismatched = (await this.results(meetingIds)).meetings.filter((m) => m.integrity === 'MISMATCH');
    if (mismatched.length > 0) throw new CertifiedFiguresMismatch(mismatched.map((m) => m.id));
    const options = form ? { ...this.announcementOptions, form } : this.announcementOptions;
    return reads.announcementIn(this.runner, format, options, meetingIds, language);
  }

  /** Each named (or every certified) meeting's record checked against its seal. */
  verify(meetingIds?: readonly string[]): Promise<Verdict[]> {
    return reads.verifyRecord(this.store, meetingIds);
  }

  /** A holder's vote receipt at a certified meeting: each vote as counted, with Merkle proofs to the root. */
  receipt(meetingId: string, holderId: string): Promise<Result<VoteReceipt>> {
    return receiptOf(this.store, meetingId, holderId);
  }

  /** Checks a receipt against a published root, offline: the same as the exported verifyReceipt. */
  readonly verifyReceipt: (receipt: unknown, root: string) => Result<ReceiptVerdict> = verifyReceipt;

  /** The record as it stood at a moment (a position, or a time): its results and proxy register then. */
  asAt(moment: AsAt): Promise<Result<RecordAsAt>> {
    return recordAsAt(this.store, moment);
  }

  /** Checks the cached aggregate snapshots against the events (and forgets those that differ, if asked). */
  checkSnapshots(options: { readonly discard?: boolean } = {}): Promise<SnapshotFinding[]> {
    return checkSnapshots(this.store, options);
  }

  // The read models.

  /** Brings the read models up to date with the store; returns the position they stand at. */
  async catchUp(): Promise<number> {
    await this.runner.catchUp();
    return this.runner.checkpoint;
  }

  /** Drops the read models and folds every event again. */
  async rebuild(): Promise<number> {
    await this.runner.rebuild();
    return this.runner.checkpoint;
  }

  /** Where the read models stand. */
  get checkpoint(): number {
    return this.runner.checkpoint;
  }

  /** Changes whenever a read model does: a cache key for an embedder's own views. */
  get readModelVersion(): number {
    return this.runner.applied;
  }

  /**
   * Keeps the read models following the store live (after catching up): queries then answer at
   * once, from what has been folded. `onDrop` hears of a dropped subscription, which resumes itself.
   */
  async follow(onDrop?: (error: Error) => void): Promise<void> {
    this.onDrop = onDrop;
    await this.runner.catchUp();
    this.runner.follow(onDrop);
    this.following = true;
  }

  /** Stops following the store; queries catch up again before they answer. */
  async stopFollowing(): Promise<void> {
    this.following = false;
    await this.runner.stop();
  }

  /** The read models' checkpoints as they are written; ends when govrec closes or `signal` aborts. */
  checkpoints(signal?: AbortSignal): AsyncIterable<ReadModelCheckpoint> {
    return this.checkpointValues.values(signal);
  }

  /** govrec's events from a checkpoint of yours, then live: see EventHandlers for exactly-once. */
  subscribe(options: EventSubscriptionOptions, handlers: EventHandlers): Subscription {
    return subscribeToEvents(this.store, options, handlers);
  }

  /** Stops following, closes the read models, and the store if govrec opened it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.checkpointValues.close();
    await this.runner.stop();
    if (this.owns.readModels) this.readModels.close();
    if (this.owns.store) await this.store.close();
  }

  /** Requests refused for who sent them, kept beside the read models (see SecurityLog). */
  readonly securityLog: SecurityLog;

  private async fresh(): Promise<void> {
    if (!this.following) await this.runner.catchUp();
  }
}
