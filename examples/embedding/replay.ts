import { readFileSync } from 'node:fs';
import { openGovrec } from 'govrec';

async function main(): Promise<number> {
  const [file] = process.argv.slice(2);
  if (!file) {
    console.error('usage: replay <scenario.json>');
    return 2;
  }
  const govrec = await openGovrec({ store: 'memory' });
  try {
    const recorded = await govrec.recordScenario(JSON.parse(readFileSync(file, 'utf8')));
    if (!recorded.ok) {
      const { index, error } = recorded.error;
      console.error(`command ${index} refused: ${error.rule} at ${error.field}: ${error.message}`);
      return 1;
    }
    console.log(JSON.stringify(await govrec.results(), null, 2));
    return 0;
  } finally {
    await govrec.close();
  }
}

main().then((code) => (process.exitCode = code));
