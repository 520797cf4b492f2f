'use strict';
/**
 * Bench phase: the same files, read and parsed with @babel/parser in one thread, with the options and plugins
 * err-codemod uses (`parseSource`: TypeScript for .ts, JSX + Flow fallback for .js), building the AST and dropping
 * it. Nothing else: no traversal, no analysis.
 *
 * `--kept`: every file is still read, but only those `analyze`'s pre-filter keeps (its default settings) are parsed:
 * the parse `analyze` cannot avoid, without the analysis.
 * `--tuned`: the process is first tuned as `bin/err-codemod.js` tunes it on this machine (src/runtime/tuning.ts).
 */
const fs = require('node:fs');
const path = require('node:path');
// before the parser is loaded, as the bin does
if (process.argv.includes('--tuned')) require('../../dist/runtime/tuning').tuneRuntime();
const { findSourceFiles } = require('../../dist/discovery/find-files');
const { parseSource } = require('../../dist/parse/parse-source');

async function main() {
  const started = performance.now();
  const root = path.resolve(process.argv[2]);
  const kept = process.argv.includes('--kept') ? require('../../dist/analyzer').mayNeedParse : null;
  const { files } = await findSourceFiles(['.'], { cwd: root });
  let failed = 0;
  let parsed = 0;
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    if (kept && !kept(text, undefined, true)) continue;
    parsed++;
    try {
      parseSource(text, f);
    } catch {
      failed++;
    }
  }
  process.stdout.write(`${JSON.stringify({ files: files.length, parsed, failed, ms: Math.round(performance.now() - started) })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
});
