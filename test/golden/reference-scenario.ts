import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLeft } from 'fp-ts/Either';
import { GovrecCommand } from '../../src/domain/commands';
import { scenarioCommands } from '../../src/application/scenario';

export const ROOT = join(__dirname, '..', '..');
export const SCENARIO_PATH = join(ROOT, 'examples', 'jlmag-2023-11-23', 'scenario.json');
export const EXPECTED = JSON.parse(
  readFileSync(join(ROOT, 'test', 'fixtures', 'jlmag-2023-11-23', 'expected-results.json'), 'utf8'),
) as ExpectedResults;

/** The reference's meeting ids, and the ids the scenario gives the same meetings. */
export const MEETING_IDS: Record<string, string> = {
  EGM: 'jlmag-2023-egm1',
  'A-CLASS': 'jlmag-2023-a-class2',
  'H-CLASS': 'jlmag-2023-h-class2',
};

export interface ExpectedResults {
  company: { issuedShares: Record<string, number> };
  meetings: {
    id: string;
    kind: string;
    shareClasses: string[];
    sharesEntitledToVote: number;
    sharesRequiredToAbstain: number;
    attendingShares: number;
    attendingPercent: string;
    resolutions: Record<string, unknown>[];
  }[];
}

export function referenceCommands(): GovrecCommand[] {
  const commands = scenarioCommands(JSON.parse(readFileSync(SCENARIO_PATH, 'utf8')));
  if (isLeft(commands))
    throw new Error(`Reference scenario does not decode: ${JSON.stringify(commands.left)}`);
  return commands.right;
}

/** The reference meeting in the shape `replay --format json` prints, with the scenario's ids mapped back. */
export function expectedMeeting(id: string) {
  const m = EXPECTED.meetings.find((x) => x.id === id)!;
  return { ...m, id: MEETING_IDS[id] };
}
