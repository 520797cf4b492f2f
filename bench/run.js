'use strict';
/**
 * `npm run bench`: builds (once, deterministically) a large backend tree, then times on it, each phase in its own
 * Node process so peak RSS is per phase:
 *   reading every file, a single-threaded @babel/parser parse of every file, `err-codemod analyze` with 1 job and
 *   with all cores, and ESLint with typescript-eslint's parser and eslint-plugin-security's recommended rules.
 *   Where the bin tunes its process (src/runtime/tuning.ts), also the parse in a process tuned the same way and
 *   analyze untuned, for the ratio on equal terms.
 * Prints wall time, files/s and peak RSS per phase, and the ratios analyze/parse-only and ESLint/analyze.
 *
 * Fast phases run BENCH_REPS times (default 5), round-robin, and the table shows the best run (the least disturbed
 * by anything else on the machine) with the median beside it; ESLint runs once. Ratios to parse-only are the median
 * of the rounds' ratios. Exit code 1 when a phase fails or the findings of `--jobs 1` and `--jobs N` differ; with
 * BENCH_STRICT=1, also when a speed target is missed.
 *
 * Environment: BENCH_DIR (default: <tmp>/err-codemod-bench), BENCH_FILES (default 3200), BENCH_REPS (default 5).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureTree } = require('./tree');

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'err-codemod.js');
const PROBE = path.join(__dirname, 'probe.js');
// Outside the repository: a tree under it would be matched by the repository's own .gitignore files.
const WORK = path.resolve(process.env.BENCH_DIR || path.join(os.tmpdir(), 'err-codemod-bench'));
const TREE = path.join(WORK, 'tree');
const OUT = path.join(WORK, 'out');
const TSCONFIG = path.join(WORK, 'tsconfig.bench.json');
const REPS = Math.max(1, Number(process.env.BENCH_REPS || 5));
const FILES = Math.max(3000, Number(process.env.BENCH_FILES || 3200));
const CORES = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;

const LABEL_WIDTH = 50;
const phase = (name) => path.join(__dirname, 'phases', `${name}.js`);
/** How `bin/err-codemod.js` tunes its process on this machine (src/runtime/tuning.ts), or null where it does not. */
const TUNING = path.join(ROOT, 'dist', 'runtime', 'tuning.js');
const TUNED = (() => {
  if (!fs.existsSync(TUNING)) return null;
  const { tuningFor, runtimeFacts, HELPER_NICE } = require(TUNING);
  const t = tuningFor({ ...runtimeFacts(), nodeFlags: [] });
  const label = [...t.v8Flags, ...(t.niceHelpers ? [`helper threads at nice +${HELPER_NICE}`] : [])].join(', ');
  return label ? { ...t, label } : null;
})();

/**
 * The rows of the table, in order. `out` is a per-run output file for phases that write a report; `codes` are
 * the exit codes that mean success (analyze exits 1 when it finds something). Adding a row is one line here.
 */
const PHASES = [
  { key: 'read', label: 'read all files', argv: () => [phase('read'), TREE] },
  { key: 'parse', label: '@babel/parser parse-only, 1 thread', argv: () => [phase('parse'), TREE] },
  // the same parse in a process tuned as err-codemod's bin tunes its own on this machine: the ratio on equal terms
  ...(TUNED ? [{ key: 'parseTuned', label: "  the same, tuned as err-codemod's process", argv: () => [phase('parse'), TREE, '--tuned'] }] : []),
  // every file read, only those the pre-filter keeps parsed: the parse analyze cannot avoid, without the analysis
  { key: 'parseKept', label: `  the same, files the pre-filter keeps${TUNED ? ', tuned' : ''}`, argv: () => [phase('parse'), TREE, '--kept', ...(TUNED ? ['--tuned'] : [])] },
  { key: 'analyze1', label: 'err-codemod analyze --jobs 1', analyze: 1, codes: [0, 1], argv: (out) => [BIN, 'analyze', '.', '--format', 'json', '--jobs', '1', '--output', out] },
  { key: 'analyzeN', label: `err-codemod analyze --jobs ${CORES}`, analyze: CORES, codes: [0, 1], argv: (out) => [BIN, 'analyze', '.', '--format', 'json', '--jobs', String(CORES), '--output', out] },
  // what the tuning is worth: the same run in an untuned process
  ...(TUNED ? [{ key: 'untuned', label: 'err-codemod analyze --jobs 1, not tuned', analyze: 1, variant: true, env: { ERR_CODEMOD_TUNING: '0' }, codes: [0, 1], argv: (out) => [BIN, 'analyze', '.', '--format', 'json', '--jobs', '1', '--output', out] }] : []),
  // what following imports costs (the default above) next to analysing each file on its own
  { key: 'single', label: 'err-codemod analyze --jobs 1 --no-cross-file', analyze: 1, variant: true, codes: [0, 1], argv: (out) => [BIN, 'analyze', '.', '--format', 'json', '--jobs', '1', '--no-cross-file', '--output', out] },
  // the type-aware mode: the TypeScript checker over the whole tree (one tsconfig, written next to the tree)
  { key: 'types', label: 'err-codemod analyze --jobs 1 --types', analyze: 1, variant: true, reps: 1, codes: [0, 1], argv: (out) => [BIN, 'analyze', '.', '--format', 'json', '--jobs', '1', '--types', TSCONFIG, '--output', out] },
  // the tree has no generated errors module yet: --errors-module names where `init` would put it (dry run only)
  { key: 'apply', label: 'err-codemod apply --dry', reps: 1, codes: [0, 1], argv: () => [BIN, 'apply', '.', '--dry', '--errors-module', 'src/errors'] },
  { key: 'eslint', label: 'ESLint + typescript-eslint + security', reps: 1, argv: () => [phase('eslint'), TREE] },
];

function runPhase(p, rep) {
  const out = path.join(OUT, `${p.key}-${rep}.out`);
  const probe = path.join(OUT, `${p.key}-${rep}.probe.json`);
  const report = path.join(OUT, `${p.key}-${rep}.json`);
  fs.rmSync(probe, { force: true });
  const stdout = fs.openSync(out, 'w');
  const started = performance.now();
  const child = spawnSync(process.execPath, ['-r', PROBE, ...p.argv(report)], {
    cwd: TREE,
    env: { ...process.env, ...p.env, BENCH_PROBE_OUT: probe, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', stdout, 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  fs.closeSync(stdout);
  const codes = p.codes ?? [0];
  if (child.error || !codes.includes(child.status)) {
    const why = child.error ? child.error.message : `exit code ${child.status}`;
    throw new Error(`${p.label} failed (${why}):\n${String(child.stderr).slice(-2000)}`);
  }
  const usage = JSON.parse(fs.readFileSync(probe, 'utf8'));
  const stdoutText = fs.readFileSync(out, 'utf8');
  const lastLine = stdoutText.trim().split('\n').pop() ?? '';
  let inner = null;
  if (p.analyze) inner = JSON.parse(fs.readFileSync(report, 'utf8'));
  else if (lastLine.startsWith('{')) inner = JSON.parse(lastLine);
  // Time measured inside the process (after start-up and module loading): the phase's own figure, or the
  // report's durationMs (the analysis proper) for analyze.
  const innerMs = p.analyze ? inner.summary.durationMs : inner && typeof inner.ms === 'number' ? inner.ms : undefined;
  return { wallMs, innerMs, rssMb: usage.maxRssKb / 1024, cpuMs: (usage.userUs + usage.systemUs) / 1000, inner, report: p.analyze ? report : null };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
/** The JSON report without its only run-dependent field. */
const comparable = (file) => fs.readFileSync(file, 'utf8').replace(/"durationMs": \d+/, '"durationMs": 0');

function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does).');
  fs.mkdirSync(OUT, { recursive: true });
  // Outside the tree (so it is not a file of the tree): the checker's settings for --types.
  fs.writeFileSync(TSCONFIG, `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: false, allowJs: true, skipLibCheck: true, noEmit: true, esModuleInterop: true }, include: [`${TREE}/**/*`] }, null, 2)}\n`);

  const t0 = performance.now();
  const tree = ensureTree(TREE, { files: FILES });
  const treeMs = performance.now() - t0;
  const { findSourceFiles } = require('../dist/discovery/find-files');
  const { mayHoldSite } = require('../dist/core/prefilter');
  const { mayNeedParse } = require('../dist/analyzer');
  const { autoJobs } = require('../dist/parallel/jobs');

  // What the tree holds, and how many files pass the pre-filter (have a response-like call).
  return findSourceFiles(['.'], { cwd: TREE }).then(({ files }) => {
    let bytes = 0;
    let ts = 0;
    let candidates = 0;
    let candidateBytes = 0;
    let keptBytes = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const size = Buffer.byteLength(text);
      bytes += size;
      if (/\.[cm]?tsx?$/.test(f)) ts++;
      if (mayHoldSite(text)) {
        candidates++;
        candidateBytes += size;
      }
      if (mayNeedParse(text, undefined, true)) keptBytes += size;
    }
    const defaultJobs = autoJobs(files.length, CORES);
    console.log('err-codemod benchmark');
    console.log(`tree:    ${TREE} (${tree.reused ? 'reused' : `generated in ${fmtS(treeMs)}`}, seeded)`);
    console.log(`         ${fmtInt(files.length)} files, ${(bytes / 1024 / 1024).toFixed(1)} MB (${fmtInt(ts)} TypeScript, ${fmtInt(files.length - ts)} JavaScript); ${fmtInt(candidates)} (${((candidates / files.length) * 100).toFixed(1)}%) with response-like calls (${((candidateBytes / bytes) * 100).toFixed(0)}% of the bytes)`);
    console.log(`machine: ${CORES} cores, ${os.cpus()[0]?.model?.trim() ?? 'unknown CPU'}, Node ${process.version}, ${os.platform()}`);
    console.log(`runs:    best of ${REPS} per phase (median beside it), ESLint once; each phase is a fresh process (start-up included);`);
    console.log('         CPU = user + system time of the process (all threads); in-process = time measured inside it\n');

    // Warm the page cache and the node binary so the first timed phase is not penalised.
    runPhase(PHASES[0], 'warmup');

    const runs = new Map(PHASES.map((p) => [p.key, []]));
    for (let rep = 0; rep < REPS; rep++) {
      for (const p of PHASES) {
        if ((p.reps ?? REPS) <= rep) continue;
        runs.get(p.key).push(runPhase(p, rep));
        process.stderr.write('.');
      }
    }
    process.stderr.write('\n');

    const rows = PHASES.map((p) => {
      const rs = runs.get(p.key);
      const best = rs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
      return { p, best, medianMs: median(rs.map((r) => r.wallMs)), rs };
    });
    const by = Object.fromEntries(rows.map((r) => [r.p.key, r]));
    // a/b per round (the rounds run every phase back to back, so both runs of a pair met the same machine), then the
    // median: steadier than best/best when the machine's speed drifts over the minutes the benchmark takes
    const pairedRatio = (a, b) => median(a.rs.slice(0, b.rs.length).map((r, i) => r.wallMs / b.rs[i].wallMs));

    const header = `${pad('phase', LABEL_WIDTH)}${lpad('wall', 10)}${lpad('median', 10)}${lpad('files/s', 10)}${lpad('peak RSS', 11)}${lpad('CPU', 10)}${lpad('in-process', 12)}`;
    console.log(header);
    console.log('-'.repeat(header.length));
    for (const { p, best, medianMs } of rows) {
      const label = p.analyze === defaultJobs && !p.variant ? `${p.label} (default)` : p.label;
      console.log(`${pad(label, LABEL_WIDTH)}${lpad(fmtS(best.wallMs), 10)}${lpad(fmtS(medianMs), 10)}${lpad(fmtInt(files.length / (best.wallMs / 1000)), 10)}${lpad(`${best.rssMb.toFixed(0)} MB`, 11)}${lpad(fmtS(best.cpuMs), 10)}${lpad(best.innerMs === undefined ? '' : fmtS(best.innerMs), 12)}`);
    }
    console.log('');

    // Same findings whatever the number of jobs: every analyze run's report, byte for byte apart from durationMs.
    const analyzeRuns = rows.filter((r) => r.p.analyze && !r.p.variant).flatMap((r) => r.rs);
    const reference = comparable(analyzeRuns[0].report);
    const same = analyzeRuns.every((r) => comparable(r.report) === reference);
    const summary = analyzeRuns[0].inner.summary;
    const scannedAll = analyzeRuns.every((r) => r.inner.summary.filesScanned === files.length);

    const checks = [];
    const parseMs = by.parse.best.wallMs;
    const eslintMs = by.eslint.best.wallMs;
    // The targets are for what a user runs, the default number of jobs; the other row is there to compare.
    console.log(`ratios to parse-only: the median of the ${REPS} rounds' ratios, best/best beside it`);
    for (const r of rows.filter((x) => x.p.analyze && !x.p.variant)) {
      const ratio = pairedRatio(r, by.parse);
      const vsEslint = eslintMs / r.best.wallMs;
      const isDefault = r.p.analyze === defaultJobs;
      const targets = isDefault ? ['(target < 1)', '(target >= 10x)'] : ['', ''];
      console.log(`${pad(`${r.p.label}:`, 34)} analyze/parse-only ${ratio.toFixed(2)} (${(r.best.wallMs / parseMs).toFixed(2)}) ${targets[0]}   ESLint/analyze ${vsEslint.toFixed(1)}x ${targets[1]}`);
      if (isDefault) checks.push([`${r.p.label} faster than parse-only`, ratio < 1], [`${r.p.label} >= 10x faster than ESLint`, vsEslint >= 10]);
    }
    if (by.parseTuned && by.untuned) {
      // The bin's tuning speeds up a plain parse as well: the ratios on equal terms, either way.
      const same = pairedRatio(by.analyze1, by.parseTuned);
      const untuned = pairedRatio(by.untuned, by.parse);
      console.log(`${pad('on equal terms:', 34)} analyze/parse-only ${same.toFixed(2)} (${(by.analyze1.best.wallMs / by.parseTuned.best.wallMs).toFixed(2)}) both tuned (${TUNED.label}), ${untuned.toFixed(2)} (${(by.untuned.best.wallMs / parseMs).toFixed(2)}) neither`);
    }
    if (by.parseKept) {
      // Why skipping most files does not make analyze a fraction of parse-only: the parser's JIT warm-up is paid on
      // the first files parsed, whichever they are, so the kept files cost far more than their share of the bytes.
      const kept = by.parseKept.best;
      const all = (by.parseTuned ?? by.parse).best.wallMs;
      console.log(`${pad('pre-filter:', 34)} keeps ${fmtInt(kept.inner.parsed)} files (${((keptBytes / bytes) * 100).toFixed(0)}% of the bytes); reading all and parsing those takes ${((kept.wallMs / all) * 100).toFixed(0)}% of parse-only; analysis and the rest: ${fmtS(by.analyze1.best.wallMs - kept.wallMs)}`);
    }
    const findingsOf = (r) => r.best.inner.summary.findings;
    if (by.single) {
      const extra = by.analyze1.best.wallMs - by.single.best.wallMs;
      console.log(`${pad('cross-file analysis (the default):', 34)} ${extra >= 0 ? '+' : ''}${fmtS(extra)} over --no-cross-file, ${fmtInt(findingsOf(by.analyze1) - findingsOf(by.single))} more findings`);
    }
    if (by.types) {
      const t = by.types.best;
      console.log(`${pad('--types:', 34)} ${fmtS(t.wallMs)} (${(t.wallMs / by.analyze1.best.wallMs).toFixed(1)}x the default), peak RSS ${t.rssMb.toFixed(0)} MB, ${fmtInt(findingsOf(by.types) - findingsOf(by.analyze1))} more findings`);
    }
    if (by.apply) {
      console.log(`${pad('err-codemod apply --dry:', 34)} apply/ESLint ${(by.apply.best.wallMs / eslintMs).toFixed(2)} (target < 1)`);
      checks.push(['apply --dry faster than ESLint', by.apply.best.wallMs < eslintMs]);
    }
    console.log(`findings: ${fmtInt(summary.findings)} (${Object.entries(summary.byRule).map(([k, v]) => `${k} ${v}`).join(', ')}), ${analyzeRuns[0].inner.errors.length} file errors`);
    console.log(`same JSON report with --jobs 1 and --jobs ${CORES} (apart from durationMs), all ${fmtInt(files.length)} files scanned: ${same && scannedAll ? 'yes' : 'NO'}`);
    const eslintInner = by.eslint.best.inner;
    console.log(`ESLint linted ${fmtInt(eslintInner.files)} files (${fmtInt(eslintInner.messages)} messages, ${eslintInner.fatal} parse errors)`);
    const missed = checks.filter(([, ok]) => !ok).map(([name]) => name);
    console.log(missed.length ? `\nspeed targets missed: ${missed.join('; ')}` : '\nall speed targets met');
    if (!same || !scannedAll) return 1;
    if (process.env.BENCH_STRICT === '1' && missed.length) return 1;
    return 0;
  });
}

Promise.resolve()
  .then(main)
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`bench: ${error && error.stack ? error.stack : error}\n`);
      process.exitCode = 1;
    },
  );
