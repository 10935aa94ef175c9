import { writeFileSync } from 'node:fs';
import { GovrecError, ReceiptVerdict, readJsonFile, verifyReceipt } from '../../index';
import { CliCommand, CommandLine, Io } from './command-line';
import { STORE } from './common-options';
import { withGovrec } from './store-location';
import { EXIT, refuseUsage } from './usage';

/**
 * `govrec receipt --meeting <id> --holder <id>` writes a holder's vote receipt (to --out, else to
 * stdout); `govrec receipt verify <file> --root <hex>` checks one with nothing but the file and the
 * root published with the results: exit 0 when every vote verifies, 1 naming each that does not.
 */

const describeError = (e: GovrecError): string => `${e.rule} at ${e.field}: ${e.message}`;

function describeVerdict(v: ReceiptVerdict): string {
  if (v.valid)
    return `valid: ${v.holderId}'s ${v.verified.length} vote(s) at ${v.meetingId} were recorded as shown and counted under root ${v.root}\n`;
  const lines = v.failures.map(
    (f) => `  ${f.kind}${f.resolutionId ? ` ${f.resolutionId}` : ''}: ${f.detail}`,
  );
  return (
    [`invalid: ${v.holderId}'s receipt at ${v.meetingId} fails against root ${v.root}`, ...lines].join('\n') +
    '\n'
  );
}

function verify(line: CommandLine, io: Io): number {
  const [, file, ...extra] = line.positional;
  const root = line.text('root');
  if (!file || extra.length > 0) return refuseUsage(io, 'receipt', 'verify takes exactly one receipt file');
  if (!root)
    return refuseUsage(io, 'receipt', 'verify needs --root <hex>, the root published with the results');
  const read = readJsonFile(file);
  const checked = read.ok ? verifyReceipt(read.value, root) : read;
  if (!checked.ok) return refuseUsage(io, 'receipt', `${file}: ${describeError(checked.error)}`);
  io.out(
    line.format === 'json' ? JSON.stringify(checked.value, null, 2) + '\n' : describeVerdict(checked.value),
  );
  return checked.value.valid ? EXIT.ok : EXIT.refused;
}

function make(line: CommandLine, io: Io): Promise<number> {
  const [meetingId] = line.meetings;
  const holderId = line.text('holder');
  if (line.positional.length > 0 || !meetingId || !holderId)
    return Promise.resolve(
      refuseUsage(io, 'receipt', 'needs --meeting <id> and --holder <id>, or verify <file>'),
    );
  return withGovrec(
    { store: line.store, readModels: line.readModels, ruleSets: line.ruleSets },
    io,
    async (govrec) => {
      const receipt = await govrec.receipt(meetingId, holderId);
      if (!receipt.ok) {
        io.err(`govrec receipt: ${describeError(receipt.error)}\n`);
        return receipt.error.kind === 'invalid' ? EXIT.usage : EXIT.refused;
      }
      const text = JSON.stringify(receipt.value, null, 2) + '\n';
      const out = line.text('out');
      if (out) writeFileSync(out, text);
      else io.out(text);
      if (out)
        io.err(
          `Receipt for ${receipt.value.votes.length} vote(s) written to ${out}; root ${receipt.value.root}\n`,
        );
      return EXIT.ok;
    },
    { keep: ['results'] },
  );
}

export const RECEIPT_COMMAND: CliCommand = {
  name: 'receipt',
  args: '[verify <receipt.json>]',
  summary:
    "Write a holder's vote receipt, or verify one offline against the root published with the results.",
  details:
    'govrec receipt --meeting <id> --holder <id> [--out <file>] writes the receipt.\ngovrec receipt verify <file> --root <hex> checks it without the store: exit 1, naming which, if a vote\nwas changed, is missing from the tally certified, or the root is another.',
  options: {
    meeting: { type: 'string', multiple: true, value: '<id>', help: 'The certified meeting.' },
    holder: { type: 'string', value: '<id>', help: 'The holder whose votes the receipt holds.' },
    out: { type: 'string', value: '<file>', help: 'Write the receipt to this file (default: stdout).' },
    root: { type: 'string', value: '<hex>', help: 'verify: the root published with the results.' },
    ...STORE,
  },
  formats: ['text', 'json'],
  run: (line, io) => (line.positional[0] === 'verify' ? Promise.resolve(verify(line, io)) : make(line, io)),
};
