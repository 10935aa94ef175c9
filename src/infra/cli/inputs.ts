import {
  AnnouncementOptions,
  GovrecError,
  readAnnouncementOptionsFile,
  readRuleSetsFile,
  readScenarioFile,
  RuleSet,
  ScenarioFile,
  ScenarioRefusal,
  UNREADABLE_FILE,
} from '../../index';
import { EXIT, Io, refuseUsage } from './usage';

/** Which command of a scenario was refused, by which rule, at which field, and why. */
export const describeRefusal = ({ index, error }: ScenarioRefusal): string =>
  `command ${index} refused: ${error.rule} at ${error.field}: ${error.message}`;

const unreadable = (error: GovrecError): boolean => error.rule === UNREADABLE_FILE;

/**
 * The scenario file `verb` was given, every command decoded before any is run; or, having said
 * why not, exit code 2.
 */
export function loadScenario(io: Io, verb: string, file: string | undefined): ScenarioFile | number {
  if (!file) return refuseUsage(io, verb, 'needs a scenario file');
  const read = readScenarioFile(file);
  if (read.ok) return read.value;
  io.err(
    unreadable(read.error.error)
      ? `Cannot read scenario ${file}: ${read.error.error.message}\n`
      : `${file}: ${describeRefusal(read.error)}\n`,
  );
  return EXIT.usage;
}

/** The rule sets of a registrar's file (none without one), checked by the RuleSet codec; or the problem. */
export function loadRuleSets(file: string | undefined): readonly RuleSet[] | string {
  if (!file) return [];
  const read = readRuleSetsFile(file);
  if (read.ok) return read.value;
  const { rule, field, message } = read.error;
  return unreadable(read.error)
    ? `Cannot read rule sets ${file}: ${message}`
    : `${file}: ${rule} at ${field}: ${message}`;
}

/** What the announcement says that no event records (nothing without a file); or the problem. */
export function loadAnnouncementOptions(file: string | undefined): AnnouncementOptions | string {
  if (!file) return {};
  const read = readAnnouncementOptionsFile(file);
  if (read.ok) return read.value;
  return unreadable(read.error) ? read.error.message : `Announcement options ${file}: ${read.error.message}`;
}
