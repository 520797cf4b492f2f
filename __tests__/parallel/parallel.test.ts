import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzePaths, type AnalyzeOptions, type FileOutcome } from '../../src/analyzer';
import { analyzeInWorkers, WorkersUnavailableError } from '../../src/parallel/pool';
import { formatJson } from '../../src/report/json';
import { comparableJson, ensureBuilt, repoRoot } from './support';

let unavailable: string | null = 'not built yet';
beforeAll(() => {
  unavailable = ensureBuilt();
}, 180_000);

/** Skips (with the reason) when the compiled worker cannot be had. */
function needWorkers(ctx: { skip: (note?: string) => void }) {
  if (unavailable) ctx.skip(`worker threads need the compiled dist/: ${unavailable}`);
}

async function report(paths: string[], jobs: number, cwd = repoRoot, extra: Partial<AnalyzeOptions> = {}): Promise<string> {
  const result = await analyzePaths(paths, { cwd, jobs, ...extra });
  return comparableJson(formatJson(result));
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'err-codemod-parallel-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeTree(dir: string, files: Record<string, string>): string {
  const root = path.join(tmp, dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const route = (i: number) => `const router = require('express').Router();
router.get('/items/${i}', async (req, res) => {
  try {
    res.json(await load(${i}));
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});
async function load(id) { return { id }; }
module.exports = router;
`;

describe('--jobs: the same report whatever the number of workers', () => {
  it('examples/legacy-api: --jobs 1 and --jobs 2 give byte-identical JSON', async (ctx) => {
    needWorkers(ctx);
    const one = await report(['examples/legacy-api'], 1);
    expect(JSON.parse(one).findings.length).toBeGreaterThan(10);
    expect(await report(['examples/legacy-api'], 2)).toBe(one);
  });

  it('__testfixtures__: --jobs 1, 2 and 3 give byte-identical JSON', async (ctx) => {
    needWorkers(ctx);
    const one = await report(['__testfixtures__'], 1);
    expect(JSON.parse(one).findings.length).toBeGreaterThan(10);
    expect(await report(['__testfixtures__'], 2)).toBe(one);
    expect(await report(['__testfixtures__'], 3)).toBe(one);
  });

  it('an unparsable file in a parallel run ends up in errors, with its position', async (ctx) => {
    needWorkers(ctx);
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`routes/r${String(i).padStart(2, '0')}.js`] = route(i);
    files['routes/broken.js'] = "const router = require('express').Router();\nrouter.get('/x', (req, res) => {\n  res.json({ ok: true }\n});\n";
    files['notes.txt'] = 'not source';
    const root = writeTree('broken', files);
    const parallel = JSON.parse(await report(['.'], 2, root));
    expect(parallel.errors).toEqual([{ file: 'routes/broken.js', line: 4, message: expect.any(String) }]);
    expect(parallel.summary.filesScanned).toBe(13);
    expect(parallel.findings).toHaveLength(12);
    expect(JSON.stringify(parallel)).toBe(await report(['.'], 1, root).then((t) => JSON.stringify(JSON.parse(t))));
  });

  it('progress is reported for every file, in the main thread', async (ctx) => {
    needWorkers(ctx);
    const calls: [number, number][] = [];
    const result = await analyzePaths(['examples/legacy-api'], { cwd: repoRoot, jobs: 2, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls[calls.length - 1]).toEqual([result.filesScanned, result.filesScanned]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
  });

  it('more jobs than files, and no files at all', async (ctx) => {
    needWorkers(ctx);
    const root = writeTree('small', { 'a.js': route(1) });
    const r = JSON.parse(await report(['.'], 8, root));
    expect(r.findings).toHaveLength(1);
    const empty = writeTree('empty', { 'readme.md': '# nothing' });
    expect(JSON.parse(await report(['.'], 4, empty)).summary.filesScanned).toBe(0);
  });
});

describe('worker pool', () => {
  const crashWorker = path.join(__dirname, 'crash-worker.cjs');

  it('a worker that dies does not lose files: the file that killed it becomes an error, the others are analysed', async (ctx) => {
    needWorkers(ctx);
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`r${String(i).padStart(2, '0')}.js`] = route(i);
    files['zz-crash.js'] = route(99);
    const root = writeTree('crash', files);
    const paths = Object.keys(files).sort().map((f) => path.join(root, f));
    const outcomes = new Map<number, FileOutcome>();
    await analyzeInWorkers(paths, { cwd: root }, 2, (i, o) => outcomes.set(i, o), { entry: crashWorker });
    const crashed = paths.length - 1;
    expect(outcomes.get(crashed)?.error?.message).toMatch(/worker thread analysing this file stopped/);
    expect(outcomes.get(crashed)?.error?.file).toBe('zz-crash.js');
    for (let i = 0; i < crashed; i++) expect(outcomes.get(i)?.findings).toHaveLength(1);
  });

  it('rejects with WorkersUnavailableError when no worker can run, before reporting anything', async () => {
    const broken = path.join(tmp, 'broken-worker.cjs');
    fs.writeFileSync(broken, "throw new Error('cannot load');\n");
    const reported: number[] = [];
    await expect(analyzeInWorkers([path.join(repoRoot, 'examples/legacy-api/app.js')], { cwd: repoRoot }, 2, (i) => reported.push(i), { entry: broken })).rejects.toBeInstanceOf(
      WorkersUnavailableError,
    );
    expect(reported).toEqual([]);
  });

  it('rejects with WorkersUnavailableError when the options cannot be sent to a worker', async () => {
    const options = { cwd: repoRoot, sanitizers: [Symbol('x')] } as unknown as AnalyzeOptions;
    await expect(analyzeInWorkers([path.join(repoRoot, 'examples/legacy-api/app.js')], options, 2, () => {})).rejects.toBeInstanceOf(WorkersUnavailableError);
  });
});

describe('CLI', () => {
  const bin = path.join(repoRoot, 'bin', 'err-codemod.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'analyze', ...args], { cwd: repoRoot, encoding: 'utf8' });

  it('--jobs 1 and --jobs 2 print the same JSON, and nothing but JSON', (ctx) => {
    needWorkers(ctx);
    const one = run('examples/legacy-api', '--format', 'json', '--jobs', '1');
    const two = run('examples/legacy-api', '--format', 'json', '--jobs', '2');
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(comparableJson(two.stdout)).toBe(comparableJson(one.stdout));
    expect(() => JSON.parse(two.stdout)).not.toThrow();
    expect(two.stderr).not.toMatch(/analysing/);
  });

  it('the analysis never loads recast, jscodeshift, ts-morph or the TypeScript compiler (only @babel/parser)', (ctx) => {
    needWorkers(ctx);
    const list = path.join(tmp, 'modules.txt');
    // The analysis path as the CLI runs it, in a fresh process: the analyzer and the analyze command, 1 and 2 jobs.
    const script = `
      const { analyzePaths } = require(${JSON.stringify(path.join(repoRoot, 'dist', 'analyzer.js'))});
      require(${JSON.stringify(path.join(repoRoot, 'dist', 'commands', 'analyze.js'))});
      (async () => {
        for (const jobs of [1, 2]) await analyzePaths(['examples/legacy-api'], { cwd: ${JSON.stringify(repoRoot)}, jobs });
      })();`;
    const r = spawnSync(process.execPath, ['-r', path.join(__dirname, 'list-modules.cjs'), '-e', script], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, LIST_MODULES_OUT: list },
    });
    expect(r.status, r.stderr).toBe(0);
    const modules = fs.readFileSync(list, 'utf8').split('\n');
    expect(modules.some((m) => /node_modules[\\/]@babel[\\/]parser[\\/]/.test(m))).toBe(true);
    expect(modules.filter((m) => /node_modules[\\/](recast|jscodeshift|@babel[\\/]core|typescript|ts-morph|@ts-morph)[\\/]/.test(m))).toEqual([]);
  });

  it('rejects a bad --jobs value with exit code 2', (ctx) => {
    needWorkers(ctx);
    for (const bad of ['0', '-1', 'two', '1.5']) {
      const r = run('examples/legacy-api', '--format', 'json', '--jobs', bad);
      expect(r.status, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/--jobs/);
    }
  });
});
