import { readFileSync } from 'node:fs';
import { isLeft } from 'fp-ts/Either';
import * as t from 'io-ts';
import { inexactNumberIn, inexactNumberMessage } from '../application/exact-json';
import { jsonSyntaxMessage } from '../application/json-position';
import { scenarioCommands } from '../application/scenario';
import { decodeWith } from '../application/validation';
import { GovrecCommand } from '../domain/commands';
import { AnnouncementForm } from '../domain/rules/presentation';
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

/** The rule of JSON holding a number that is not the exact integer it reads as (see parseJsonText). */
export const INEXACT_NUMBER = 'Invalid:InexactNumber';

/**
 * JSON text parsed, its numbers exactly as written: a number JSON.parse would round
 * (`1.0000000000000001`, `9007199254740990.5`, `1e400`, digits past 2^53) is refused with rule
 * {@link INEXACT_NUMBER} rather than passed on rounded to an integer a codec would accept; text
 * that is not JSON is refused with rule {@link UNREADABLE_FILE} and the parser's message. `field`
 * names where the text came from (`file`, `body`).
 */
export function parseJsonText(text: string, field = 'file'): Result<unknown> {
  const inexact = inexactNumberIn(text);
  if (inexact !== undefined)
    return failed({ kind: 'invalid', rule: INEXACT_NUMBER, field, message: inexactNumberMessage(inexact) });
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    const message = jsonSyntaxMessage(text, (error as Error).message);
    return failed({ kind: 'invalid', rule: UNREADABLE_FILE, field, message });
  }
}

/** The JSON a file holds, or why it cannot be read (rule {@link UNREADABLE_FILE}, or {@link INEXACT_NUMBER}). */
export function readJsonFile(path: string): Result<unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const message = (error as Error).message;
    return failed({ kind: 'invalid', rule: UNREADABLE_FILE, field: 'file', message });
  }
  return parseJsonText(text);
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
    form: AnnouncementForm,
    zhHant: closed(
      t.partial({
        companyName: t.string,
        incorporation: t.string,
        meetingTitles: t.record(t.string, t.string),
        places: t.record(t.string, t.string),
        resolutionTitles: t.record(t.string, t.string),
        electionTitles: t.record(t.string, t.string),
        names: t.record(t.string, t.string),
        capacities: t.record(t.string, t.string),
        legalOpinion: t.string,
        closing: t.array(t.string),
      }),
    ),
  }),
);

/** Reads the announcement's options from a JSON file, for {@link OpenOptions.announcement}. */
export function readAnnouncementOptionsFile(path: string): Result<AnnouncementOptions> {
  const json = readJsonFile(path);
  if (!json.ok) return json;
  const decoded = decodeWith(AnnouncementOptionsFile)(json.value);
  return isLeft(decoded) ? failed(govrecError(decoded.left)) : ok(decoded.right);
}
