export type { Io } from './command-line';
import type { Io } from './command-line';

/** Exit codes: 0 done; 1 refused by a rule; 2 bad usage or unreadable input; 3 unexpected failure. */
export const EXIT = { ok: 0, refused: 1, usage: 2, failure: 3 } as const;

/**
 * Says in one line what is wrong with how `command` was called, and where its help is; exit code 2.
 * One line, so that a script's log shows the problem rather than a screen of usage.
 */
export function refuseUsage(io: Io, command: string | undefined, problem: string): number {
  const who = command ? `govrec ${command}` : 'govrec';
  io.err(`${who}: ${problem} (see ${who} --help)\n`);
  return EXIT.usage;
}
