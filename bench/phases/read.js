'use strict';
/** Bench phase: find the files err-codemod would analyse and read every one (the floor of any analysis). */
const fs = require('node:fs');
const path = require('node:path');
const { findSourceFiles } = require('../../dist/discovery/find-files');

async function main() {
  const started = performance.now();
  const root = path.resolve(process.argv[2]);
  const { files } = await findSourceFiles(['.'], { cwd: root });
  let bytes = 0;
  for (const f of files) bytes += fs.readFileSync(f).length;
  process.stdout.write(`${JSON.stringify({ files: files.length, bytes, ms: Math.round(performance.now() - started) })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
});
