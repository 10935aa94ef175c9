import { stat } from 'node:fs/promises';
import { CommandHandler } from '../../application/command-handler';
import { ruleSetById } from '../../domain/rules/rule-sets';
import { AggregateStateCache } from '../state-cache/aggregate-state-cache';
import { fieldsOf, Header, readHeader } from './columns';
import { CsvItem, readCsvRows } from './csv-rows';
import { commandIdPrefix, readFileIdentity } from './file-identity';
import { ImportReport } from './import-report';
import { ImportInputError, ImportKind, ImportOptions, ImportSummary } from './import-types';
import { ProxiesSink } from './proxies-sink';
import { RegisterSink } from './register-sink';
import { RejectsFile } from './rejects-file';
import { meetingOnRecord, RowSink, SinkContext } from './row-sink';
import { VotesSink } from './votes-sink';

const SINKS: Record<ImportKind, new (context: SinkContext) => RowSink> = {
  register: RegisterSink,
  proxies: ProxiesSink,
  votes: VotesSink,
};

/**
 * Imports a registrar's CSV file into a meeting's record: each row becomes a command, checked by
 * the domain's codecs and rules like any other, and recorded in batches. Rows are streamed (the
 * file is read twice, once to know it by its content, never held whole). A refused row is counted
 * and written to the rejects file; the others go on. Run again on the same file, an import skips
 * what it recorded before and records the rest, so an interrupted import is simply run again.
 */
export async function importFile(
  kind: ImportKind,
  file: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const totalBytes = (await stat(file)).size;
  const report = new ImportReport(kind, new RejectsFile(options.rejectsFile ?? `${file}.rejects.csv`));
  const context = await contextFor(kind, file, options, report);
  const sink = new SINKS[kind](context);
  const every = options.progressEvery ?? 1000;
  const progress = (done: boolean) =>
    options.onProgress?.(report.progress(totalBytes, now() - started, done));
  let header: Header | undefined;
  let interrupted = false;
  try {
    for await (const item of readCsvRows(file)) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      if (!header) header = headerOf(kind, item);
      else await takeRow(item, header, sink, report);
      if (report.rows > 0 && report.rows % every === 0) progress(false);
    }
    if (!header) throw new ImportInputError(`${file} is empty: it needs a header row`);
    await sink.finish();
    // The next import of this meeting then starts from the states this one ended with.
    await context.handler.states.saveSnapshots(options.snapshotAfter);
  } finally {
    report.rejects.close();
  }
  progress(true);
  return summaryOf(report, file, options.meetingId, now() - started, interrupted);
}

async function contextFor(
  kind: ImportKind,
  file: string,
  options: ImportOptions,
  report: ImportReport,
): Promise<SinkContext> {
  const { store, meetingId } = options;
  const handler =
    options.handler ??
    new CommandHandler(store, {
      ruleSets: options.ruleSets ?? ruleSetById,
      states: new AggregateStateCache(store),
    });
  const context = { meetingId, handler };
  const identity = await readFileIdentity(file);
  if (!identity.utf8) throw new ImportInputError('The file is not UTF-8: nothing was imported');
  if ((await meetingOnRecord(context)).state.status === 'NONE')
    throw new ImportInputError(`Meeting ${meetingId} has not been scheduled in this store`);
  return {
    meetingId,
    actor: options.actor ?? 'registrar:import',
    issuedAt: options.issuedAt ?? new Date().toISOString(),
    idPrefix: commandIdPrefix(kind, meetingId, identity.sha256),
    batchSize: Math.max(1, options.batchSize ?? 1000),
    report,
    handler,
  };
}

function headerOf(kind: ImportKind, item: CsvItem): Header {
  if (item.kind === 'malformed') throw new ImportInputError(`The header cannot be read: ${item.message}`);
  const header = readHeader(kind, item.cells);
  if (typeof header === 'string') throw new ImportInputError(header);
  return header;
}

async function takeRow(item: CsvItem, header: Header, sink: RowSink, report: ImportReport): Promise<void> {
  report.rows += 1;
  if (item.kind === 'malformed') return report.rejectAs(item, 'Invalid:Csv', '', item.message);
  report.bytes = item.bytes;
  if (item.cells.length !== header.width) {
    const message = `${item.cells.length} cells where the header has ${header.width}`;
    return report.rejectAs(item, 'Invalid:CellCount', '', message);
  }
  await sink.take({ line: item.line, raw: item.raw, fields: fieldsOf(header, item.cells) });
}

function summaryOf(
  report: ImportReport,
  file: string,
  meetingId: string,
  elapsedMs: number,
  interrupted: boolean,
): ImportSummary {
  return {
    kind: report.kind,
    file,
    meetingId,
    rows: report.rows,
    recorded: report.recorded,
    alreadyRecorded: report.alreadyRecorded,
    rejected: report.rejected,
    rejectedByRule: Object.fromEntries(report.byRule),
    ...(report.rejected > 0 ? { rejectsFile: report.rejects.path } : {}),
    ...(report.kind === 'votes' ? { attendanceRecorded: report.attendanceRecorded } : {}),
    elapsedMs,
    interrupted,
  };
}
