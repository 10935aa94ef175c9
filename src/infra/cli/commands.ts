import { writeFileSync } from 'node:fs';
import { isLeft } from 'fp-ts/Either';
import {
  ANNOUNCEMENT_LANGUAGES,
  announcementFormNamed,
  announcementPdf,
  AnnouncementFormat,
  AnnouncementLanguage,
  CertifiedFiguresMismatch,
  Govrec,
  MissingBrowser,
  openGovrec,
  RecordAsAt,
  ResultsView,
  resultsCsv,
  ScenarioFile,
  ScenarioRecorded,
  SnapshotFinding,
  Verdict,
} from '../../index';
import { describeRefusal, loadAnnouncementOptions, loadScenario } from './inputs';
import { asAtHeading, asAtOption, recordAt } from './as-at-option';
import { CommandLine, Io } from './command-line';
import { formatResultsTable } from './results-table';
import { withGovrec } from './store-location';
import { EXIT, refuseUsage } from './usage';

/**
 * Records a scenario's commands in order: how many were new to the record and how many it held
 * already (the same command ids: nothing written for them); or, the first refused named, exit code 1.
 */
async function recordScenario(
  govrec: Govrec,
  scenario: ScenarioFile,
  file: string,
  io: Io,
): Promise<ScenarioRecorded | number> {
  const recorded = await govrec.recordScenario(scenario.scenario);
  if (recorded.ok) return recorded.value;
  io.err(`${file}: ${describeRefusal(recorded.error)}\n`);
  return EXIT.refused;
}

/** "Recorded 0 commands; 108 already recorded": a scenario applied again says that nothing was new. */
export const describeRecorded = (r: ScenarioRecorded): string =>
  `Recorded ${r.recorded} command${r.recorded === 1 ? '' : 's'}` +
  (r.alreadyRecorded > 0 ? `; ${r.alreadyRecorded} already recorded` : '');

function printResults(view: ResultsView, options: CommandLine, io: Io): number {
  const written: Record<string, (v: ResultsView) => string> = {
    json: (v) => JSON.stringify(v, null, 2) + '\n',
    csv: resultsCsv,
    table: formatResultsTable,
  };
  io.out(written[options.format](view));
  return EXIT.ok;
}

/** `govrec replay`: the scenario recorded in memory, and its results printed. */
export async function replay(options: CommandLine, io: Io): Promise<number> {
  const [file] = options.positional;
  const scenario = loadScenario(io, 'replay', file);
  if (typeof scenario === 'number') return scenario;
  const govrec = await openGovrec({ store: 'memory', ruleSets: options.ruleSets });
  try {
    const recorded = await recordScenario(govrec, scenario, file, io);
    if (typeof recorded === 'number') return recorded;
    return printResults(await govrec.results(options.meetings), options, io);
  } finally {
    await govrec.close();
  }
}

/** `govrec apply`: the scenario recorded in the store, and the read models caught up. */
export function apply(options: CommandLine, io: Io): Promise<number> {
  const [file] = options.positional;
  const scenario = loadScenario(io, 'apply', file);
  if (typeof scenario === 'number') return Promise.resolve(scenario);
  return withGovrec(options, io, async (govrec) => {
    const recorded = await recordScenario(govrec, scenario, file, io);
    const position = await govrec.catchUp();
    if (typeof recorded === 'number') return recorded;
    io.out(`${describeRecorded(recorded)}; read models at position ${position}.\n`);
    return EXIT.ok;
  });
}

/** `govrec results`: from the results read model, caught up with the store first; or as at a moment, folded. */
export function results(options: CommandLine, io: Io): Promise<number> {
  const asAt = asAtOption(options, io);
  if (typeof asAt === 'number') return Promise.resolve(asAt);
  return withGovrec(
    options,
    io,
    async (govrec) => {
      if (!asAt) return printResults(await govrec.results(options.meetings), options, io);
      const record = await recordAt(govrec, asAt, io);
      if (typeof record === 'number') return record;
      return printResultsAsAt(record, options, io);
    },
    { keep: ['results'] },
  );
}

/** The results then: the table headed by the moment, the JSON with it (`asAt`), the CSV as it is. */
function printResultsAsAt(record: RecordAsAt, options: CommandLine, io: Io): number {
  const view = record.results(options.meetings);
  const moment = {
    position: record.position,
    ...(record.occurredAt ? { occurredAt: record.occurredAt } : {}),
  };
  if (options.format === 'table') io.out(asAtHeading(record));
  if (options.format === 'json') io.out(JSON.stringify({ asAt: moment, ...view }, null, 2) + '\n');
  else printResults(view, options, io);
  return EXIT.ok;
}

/** `govrec rebuild`: every read model dropped and folded again. */
export const rebuild = (options: CommandLine, io: Io): Promise<number> =>
  withGovrec(options, io, async (govrec) => {
    io.out(`Read models rebuilt up to position ${await govrec.rebuild()}.\n`);
    return EXIT.ok;
  });

const findingLines = (v: Verdict): string[] =>
  v.findings.map(
    (f) => `  ${f.kind} ${f.streamName}${f.revision === undefined ? '' : `@${f.revision}`}: ${f.detail}`,
  );

/** The whole record against its chain: where it stands, or where it first breaks. */
const describeRecord = (v: Verdict): string => {
  const chain = v.chain;
  if (!chain?.kept) return 'record: this store keeps no hash chain; only sealed records are checked';
  if (v.clean)
    return `record: the hash chain holds over ${chain.events} events (head ${chain.head?.hash ?? 'none'})`;
  return ['record: the hash chain breaks', ...findingLines(v)].join('\n');
};

const brokenChain = (v: Verdict): string[] =>
  v.chain?.break ? [`  the record's hash chain breaks: ${v.chain.break.detail}`] : [];

const describeVerdict = (v: Verdict): string => {
  if (v.scope === 'record') return describeRecord(v);
  if (!v.certified)
    return [`${v.meetingId}: results not certified; nothing sealed to check`, ...findingLines(v)].join('\n');
  if (!v.sealed) return `${v.meetingId}: certified without a seal (schema version 1); cannot be checked`;
  if (v.clean) return `${v.meetingId}: clean — ${v.events} events match the seal (root ${v.root})`;
  return [
    `${v.meetingId}: ${v.findings.length} change(s) since certification (root ${v.root})`,
    ...findingLines(v),
    ...brokenChain(v),
  ].join('\n');
};

/**
 * `govrec verify`: exit 0 when the record's hash chain holds and every meeting checked is certified,
 * sealed and unchanged; 1 otherwise.
 */
export const verify = (options: CommandLine, io: Io): Promise<number> =>
  withGovrec(
    options,
    io,
    async (govrec) => {
      const verdicts = await govrec.verify(options.meetings);
      io.out(
        options.format === 'json'
          ? JSON.stringify(verdicts, null, 2) + '\n'
          : verdicts.map(describeVerdict).join('\n') + '\n',
      );
      return verdicts.length > 0 && verdicts.every((v) => v.clean) ? EXIT.ok : EXIT.refused;
    },
    { keep: ['results'] },
  );

const describeSnapshot = (f: SnapshotFinding): string =>
  `${f.streamName} @${f.revision}: ${f.verdict}${f.discarded ? ', discarded' : ''}\n`;

/** `govrec snapshots`: exit 0 when every snapshot is the state its events fold to; 1 otherwise (discarded, if asked). */
export function snapshots(options: CommandLine, io: Io): Promise<number> {
  const action = options.positional[0] ?? 'check';
  if (action !== 'check' && action !== 'discard')
    return Promise.resolve(refuseUsage(io, 'snapshots', `takes check or discard, not ${action}`));
  return withGovrec(
    options,
    io,
    async (govrec) => {
      const findings = await govrec.checkSnapshots({ discard: action === 'discard' });
      for (const f of findings) io.out(describeSnapshot(f));
      io.out(`${findings.length} snapshot(s) checked\n`);
      return findings.every((f) => f.verdict === 'matches') ? EXIT.ok : EXIT.refused;
    },
    { keep: ['results'] },
  );
}

/** `govrec announcement`: generated from the read models, caught up with the store first. */
export function announcement(options: CommandLine, io: Io): Promise<number> {
  const announcementOptions = loadAnnouncementOptions(options.text('announcement-options'));
  if (typeof announcementOptions === 'string')
    return Promise.resolve(refuseUsage(io, 'announcement', announcementOptions));
  return withGovrec(
    options,
    io,
    async (govrec) => {
      try {
        const format = options.format as AnnouncementFormat | 'pdf';
        const language = options.text('lang') ?? 'en';
        if (!ANNOUNCEMENT_LANGUAGES.includes(language as AnnouncementLanguage))
          return refuseUsage(
            io,
            'announcement',
            `--lang takes ${ANNOUNCEMENT_LANGUAGES.join(', ')}, not ${language}`,
          );
        const form = announcementFormNamed(options.text('form'), '--form');
        if (isLeft(form)) return refuseUsage(io, 'announcement', `${form.left.rule}: ${form.left.message}`);
        const out = options.text('out');
        if (format === 'pdf') {
          const pdf = await announcementPdf(
            govrec,
            options.meetings,
            language as AnnouncementLanguage,
            form.right,
          );
          if (out) writeFileSync(out, pdf);
          else process.stdout.write(pdf);
          return EXIT.ok;
        }
        const text =
          (await govrec.announcement(
            format,
            options.meetings,
            language as AnnouncementLanguage,
            form.right,
          )) + '\n';
        if (out) writeFileSync(out, text);
        else io.out(text);
        return EXIT.ok;
      } catch (error) {
        if (error instanceof MissingBrowser) {
          io.err(`${error.rule}: ${error.message}\n`);
          return EXIT.refused;
        }
        if (!(error instanceof CertifiedFiguresMismatch)) throw error;
        io.err(`${error.rule}: ${error.message}\n`);
        return EXIT.refused;
      }
    },
    { keep: ['results', 'announcement-facts'], announcement: announcementOptions },
  );
}
