'use strict';
/**
 * How well the text pre-filter (`src/core/prefilter.ts`) does on a tree: every file is read and tested, then parsed
 * and modelled with every framework model asked about sites (no pre-filter at all), to count
 *   - files read, and files the filter lets through (the ones `analyze` parses);
 *   - files let through that hold no site (parsing them was wasted);
 *   - files with a site that the filter drops (must be 0), listed;
 *   - per model: files where `mayHoldSiteOf` holds, and files where that model has a site.
 * Prints a JSON line; exit code 1 when a file with a site is dropped. Runs the compiled dist/ (`npm run build`).
 *
 * Usage: node bench/phases/prefilter-stats.js <dir> [<dir>...]
 */
const fs = require('node:fs');
const path = require('node:path');
const { findSourceFiles } = require('../../dist/discovery/find-files');
const { parseSource } = require('../../dist/parse/parse-source');
const { activeModels, buildFileModel, collectFacts } = require('../../dist/core/file-model');
const { mayHoldSite, mayHoldSiteOf } = require('../../dist/core/prefilter');
const { FRAMEWORKS } = require('../../dist/frameworks');

/** Models (of the file's active ones) that find a site when they are the only one asked. */
function modelsWithSites(text, file) {
  const program = parseSource(text, file).program;
  const facts = collectFacts(program);
  const models = activeModels(FRAMEWORKS, facts);
  if (!buildFileModel(program, facts, models, models).sites.length) return [];
  return models.filter((m) => buildFileModel(program, facts, models, [m]).sites.length > 0);
}

async function main() {
  const roots = process.argv.slice(2);
  if (!roots.length) throw new Error('usage: node bench/phases/prefilter-stats.js <dir> [<dir>...]');
  const stats = { files: 0, passing: 0, passingWithoutSite: 0, withSite: 0, dropped: 0, parseErrors: 0, filterMs: 0, byModel: {} };
  const dropped = [];
  for (const m of FRAMEWORKS) stats.byModel[m.id] = { mayHold: 0, withSite: 0, missed: 0 };
  for (const dir of roots) {
    const root = path.resolve(dir);
    const { files } = await findSourceFiles(['.'], { cwd: root });
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      stats.files++;
      const started = performance.now();
      const pass = mayHoldSite(text);
      stats.filterMs += performance.now() - started;
      let models;
      try {
        models = modelsWithSites(text, file);
      } catch {
        stats.parseErrors++;
        models = [];
      }
      if (pass) stats.passing++;
      if (pass && !models.length) stats.passingWithoutSite++;
      if (models.length) stats.withSite++;
      if (models.length && !pass) {
        stats.dropped++;
        dropped.push(path.relative(process.cwd(), file));
      }
      for (const m of FRAMEWORKS) {
        const s = stats.byModel[m.id];
        const may = mayHoldSiteOf(m, text);
        if (may) s.mayHold++;
        if (models.includes(m)) {
          s.withSite++;
          if (!may) s.missed++;
        }
      }
    }
  }
  stats.filterMs = Math.round(stats.filterMs);
  process.stdout.write(`${JSON.stringify({ ...stats, droppedFiles: dropped })}\n`);
  if (dropped.length || Object.values(stats.byModel).some((s) => s.missed)) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
});
