#!/usr/bin/env node
// The compiled CLI (npm's prepare script builds dist/ on install).
const { run } = require('../dist/infra/cli/main.js');
run(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    process.stderr.write(
      `govrec: unexpected failure: ${error && error.stack ? error.stack : String(error)}\n`,
    );
    process.exitCode = 3;
  });
