import { readFileSync, writeFileSync } from 'node:fs';
import { GovrecError, ISO20022_EXPORTS, Iso20022Export } from '../../index';
import { CliCommand, CommandLine, Io } from './command-line';
import { STORE } from './common-options';
import { withGovrec } from './store-location';
import { EXIT, refuseUsage } from './usage';

/**
 * `govrec iso20022 import <seev.004.xml>`: the instructions recorded, the seev.006 written (to
 * --out, else stdout); exit 1 if any instruction was refused. `govrec iso20022 export
 * seev.001|seev.007|seev.008 --meeting <id> [--holder <id>]`: the message written.
 */

const describe = (e: Pick<GovrecError, 'rule' | 'field' | 'message'>): string =>
  `${e.rule} at ${e.field}: ${e.message}`;
const isExport = (word: string | undefined): word is Iso20022Export =>
  (ISO20022_EXPORTS as readonly (string | undefined)[]).includes(word);

function write(line: CommandLine, io: Io, xml: string): void {
  const out = line.text('out');
  if (out) writeFileSync(out, xml);
  else io.out(xml.endsWith('\n') ? xml : `${xml}\n`);
}

function importFile(line: CommandLine, io: Io, file: string): Promise<number> {
  let xml: string;
  try {
    xml = readFileSync(file, 'utf8');
  } catch (error) {
    return Promise.resolve(refuseUsage(io, 'iso20022', `cannot read ${file}: ${(error as Error).message}`));
  }
  const store = { store: line.store, readModels: line.readModels, ruleSets: line.ruleSets };
  return withGovrec(store, io, async (govrec) => {
    const actor = line.text('actor') ?? 'registrar:iso20022';
    const imported = await govrec.iso20022.importInstructions(xml, {
      actor,
      issuedAt: new Date().toISOString(),
    });
    if (!imported.ok) return refuseUsage(io, 'iso20022', `${file}: ${describe(imported.error)}`);
    const { outcomes, recorded, alreadyRecorded } = imported.value;
    const refused = outcomes.filter((o) => o.refusal);
    for (const o of refused) io.err(`instruction ${o.instructionId} refused: ${describe(o.refusal!)}\n`);
    io.err(
      `${outcomes.length - refused.length} of ${outcomes.length} instruction(s) accepted; ${recorded} command(s) recorded, ${alreadyRecorded} already recorded\n`,
    );
    write(line, io, imported.value.status);
    return refused.length === 0 ? EXIT.ok : EXIT.refused;
  });
}

function exportMessage(line: CommandLine, io: Io, message: string | undefined): Promise<number> {
  const [meetingId] = line.meetings;
  if (!isExport(message))
    return Promise.resolve(refuseUsage(io, 'iso20022', `export takes ${ISO20022_EXPORTS.join(', ')}`));
  if (!meetingId) return Promise.resolve(refuseUsage(io, 'iso20022', 'export needs --meeting <id>'));
  const holderId = line.text('holder');
  const store = { store: line.store, readModels: line.readModels, ruleSets: line.ruleSets };
  return withGovrec(store, io, async (govrec) => {
    const xml = await govrec.iso20022.exportMessage({
      message,
      meetingId,
      ...(holderId ? { holderId } : {}),
    });
    if (!xml.ok) {
      io.err(`govrec iso20022: ${describe(xml.error)}\n`);
      return xml.error.kind === 'invalid' ? EXIT.usage : EXIT.refused;
    }
    write(line, io, xml.value);
    return EXIT.ok;
  });
}

export const ISO20022_COMMAND: CliCommand = {
  name: 'iso20022',
  args: 'import <seev.004.xml> | export seev.001|seev.007|seev.008',
  summary: 'Import a seev.004 (answered by a seev.006), or export a seev.001, seev.007 or seev.008.',
  details:
    'import records the instructions of a MeetingInstruction through the same rules as every entrance and\nwrites the MeetingInstructionStatus; exit 1 if any instruction was refused. export writes the message of\n--meeting (seev.007: of --holder). docs/iso20022.md says what each message carries.',
  options: {
    meeting: { type: 'string', multiple: true, value: '<id>', help: 'The meeting (export).' },
    holder: { type: 'string', value: '<id>', help: 'The holder (export seev.007).' },
    actor: {
      type: 'string',
      value: '<actor>',
      help: 'Who records the instructions (import; default registrar:iso20022).',
    },
    out: { type: 'string', value: '<file>', help: 'Write the message to this file (default: stdout).' },
    ...STORE,
  },
  run: (line, io) => {
    const [action, argument, ...extra] = line.positional;
    if (extra.length > 0)
      return Promise.resolve(refuseUsage(io, 'iso20022', `unexpected ${extra.join(' ')}`));
    if (action === 'import' && argument) return importFile(line, io, argument);
    if (action === 'export') return exportMessage(line, io, argument);
    return Promise.resolve(refuseUsage(io, 'iso20022', 'takes import <file.xml> or export <message>'));
  },
};
