/** Exit codes: 0 done; 1 refused by a rule; 2 bad usage or unreadable input; 3 unexpected failure. */
export const EXIT = { ok: 0, refused: 1, usage: 2, failure: 3 } as const;

export const USAGE = `Usage:
  govrec replay <scenario.json> [--format json|table] [--meeting <id>]...
      Run a scenario's commands in memory and print the results.
  govrec apply <scenario.json> [--store <store>]
      Record a scenario's commands in the store and bring the read models up to date.
  govrec results [--meeting <id>]... [--format json|table] [--store <store>]
      Print the results from the read models (caught up with the store first).
  govrec rebuild [--store <store>]
      Drop the read models and fold every event again from position zero.
  govrec import register|proxies|votes <file.csv> --meeting <id> [--store <store>] [--rejects <file>]
               [--actor <actor>] [--batch-size <n>]
      Record a registrar's CSV file row by row, with progress; refused rows go to a rejects file.
  govrec verify [--meeting <id>]... [--format json|table] [--store <store>]
      Check each certified meeting's record against its seal; exit 1 if anything changed.
  govrec snapshots [check|discard] [--store <store>]
      Fold each stream that has a snapshot and compare; exit 1 if one does not match (discard: and forget it).
  govrec announcement [--meeting <id>]... [--format text|markdown|html|pdf] [--lang en|zh-Hant] [--out <file>] [--announcement-options <file>] [--store <store>]
      Print the poll-results announcement generated from the record.
  govrec serve [--port 3000] [--store <store>] [--keys <file>] [--seed-if-empty <scenario.json>]
               [--announcement-options <file>]
      Serve the read models as JSON, accept commands from API keys' holders, and the results page.

  <store> is sqlite:<path> (default sqlite:./govrec.db, or $GOVREC_STORE), esdb://host:2113?tls=false, or memory.
  --read-models <path> places the read-model database (default: beside a SQLite store, <name>.read.db).
  --rule-sets <file> (or $GOVREC_RULE_SETS) adds a registrar's rule sets to the shipped ones (docs/rule-sets.md).`;

/** Where the CLI writes: stdout for what was asked, stderr for problems and progress. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** Says what is wrong (if anything), then how govrec is used; exit code 2. */
export function usage(io: Io, problem?: string): number {
  if (problem) io.err(`${problem}\n`);
  io.err(`${USAGE}\n`);
  return EXIT.usage;
}
