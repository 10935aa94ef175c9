import { join } from 'node:path';
import { ROOT } from './reference-scenario';

/** The second example meeting: cumulative voting in two pools, a required abstention, a weighted class. */
export const CUMULATIVE_EXAMPLE_PATH = join(ROOT, 'examples', 'prc-agm-cumulative', 'scenario.json');
