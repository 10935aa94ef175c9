import { readFileSync } from 'node:fs';
import { isLeft } from 'fp-ts/Either';
import * as t from 'io-ts';
import { scenarioCommands } from '../application/scenario';
import { decodeWith } from '../application/validation';
import { GovrecCommand } from '../domain/commands';
import { RuleSet } from '../domain/rules/rule-set';
import { parseRuleSets } from '../domain/rules/rule-sets';
import { closed } from '../domain/shared/codecs';
import { AnnouncementOptions } from '../projections/announcement';
import { failed, govrecError, ok, Result } from './errors';
import { CommandInput, ScenarioRefusal } from './types';

/**
 * The rule of a file that cannot be read or is not JSON; the error's message says why (the
 * system's, e.g. `ENOENT: no such file or directory…`, or the JSON parser's).
 */
export const UNREADABLE_FILE = 'Invalid:File';

/** The JSON a file holds, or why it cannot be read (rule {@link UNREADABLE_FILE}). */
export function readJsonFile(path: string): Result<unknown> {
  try {
    return ok(JSON.parse(readFileSync(path, 'utf8')) as unknown);
  } catch (error) {
    const message = (error as Error).message;
    return failed({ kind: 'invalid', rule: UNREADABLE_FILE, field: 'file', message });
  }
}

/** A scenario file read, every command in it decoded. */
export interface ScenarioFile {
  /** The scenario as the file has it, for {@link Govrec.recordScenario}. */
  readonly scenario: unknown;
  /** Its commands as {@link Govrec.execute} takes them, each with its actor and command id filled in. */
  readonly commands: readonly CommandInput[];
}

/**
 * Reads a scenario file (see the README) and decodes every command before any is run, so that a
 * bad file records nothing. Refused: a file that cannot be read (index 0, rule
 * {@link UNREADABLE_FILE}), a scenario that does not decode (index 0) or a command that does not
 * (its index, from 1, and its field within the scenario).
 */
export function readScenarioFile(path: string): Result<ScenarioFile, ScenarioRefusal> {
  const json = readJsonFile(path);
  if (!json.ok) return failed({ index: 0, error: json.error });
  const commands = scenarioCommands(json.value);
  if (isLeft(commands))
    return failed({ index: commands.left.index, error: govrecError(commands.left.error) });
  return ok({ scenario: json.value, commands: commands.right.map((c) => GovrecCommand.encode(c)) });
}

/**
 * Reads a registrar's rule sets (`{"ruleSets": [...]}`, see docs/rule-sets.md), each checked by
 * the RuleSet codec, for {@link OpenOptions.ruleSets}. A shipped or repeated id is refused.
 */
export function readRuleSetsFile(path: string): Result<RuleSet[]> {
  const json = readJsonFile(path);
  if (!json.ok) return json;
  const parsed = parseRuleSets(json.value);
  return isLeft(parsed) ? failed(govrecError(parsed.left)) : ok(parsed.right);
}

/** What an announcement says that no event records (see AnnouncementOptions), as a JSON file holds it. */
const AnnouncementOptionsFile = closed(
  t.partial({
    noVotingIntentionsStated: t.boolean,
    nonCumulativeStatedFor: t.array(t.keyof({ ORDINARY: null, SPECIAL: null })),
    legalOpinion: t.string,
    closing: t.array(t.string),
  }),
);

/** Reads the announcement's options from a JSON file, for {@link OpenOptions.announcement}. */
export function readAnnouncementOptionsFile(path: string): Result<AnnouncementOptions> {
  const json = readJsonFile(path);
  if (!json.ok) return json;
  const decoded = decodeWith(AnnouncementOptionsFile)(json.value);
  return isLeft(decoded) ? failed(govrecError(decoded.left)) : ok(decoded.right);
}
