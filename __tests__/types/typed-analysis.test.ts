import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzePaths } from '../../src/analyzer';
import { listFixtures } from '../helpers/expectations';
import { runCli } from '../helpers/cli';

const root = path.join(__dirname, '..', '..', '__testfixtures__', 'typed-analysis');
const projects = fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

/**
 * `// expect: rule` holds with and without `--types`; `// expect-types: rule` only with types (what the checker
 * settles that names alone cannot). Both can sit on one line.
 */
function annotations(dir: string, withTypes: boolean): string[] {
  const out: string[] = [];
  for (const file of listFixtures(dir)) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    fs.readFileSync(file, 'utf8').split(/\r?\n/).forEach((line, i) => {
      for (const m of line.matchAll(/\/\/\s*expect(-types)?:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/g)) {
        if (m[1] && !withTypes) continue;
        for (const id of m[2]!.split(',')) out.push(`${rel}:${i + 1}:${id.trim()}`);
      }
    });
  }
  return out.sort();
}

async function keys(dir: string, options: { jobs: number; types?: boolean }) {
  const result = await analyzePaths(['.'], { cwd: dir, ...options });
  expect(result.errors).toEqual([]);
  return { result, keys: result.findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`).sort() };
}

describe('--types: what only the type checker settles', () => {
  it.each(projects)('%s: exact findings with and without --types, and the same with --jobs 2', async (name) => {
    const dir = path.join(root, name);
    const plain = await keys(dir, { jobs: 1 });
    expect(plain.keys).toEqual(annotations(dir, false));
    expect(plain.result.types).toBeUndefined();

    const typed = await keys(dir, { jobs: 1, types: true });
    expect(typed.keys).toEqual(annotations(dir, true));
    expect(typed.keys.length).toBeGreaterThan(plain.keys.length);
    expect(typed.result.types?.projects).toEqual(['tsconfig.json']);

    const parallel = await keys(dir, { jobs: 2, types: true });
    expect(parallel.result.findings).toEqual(typed.result.findings);
  });
});

describe('--types on the command line', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'err-codemod-types-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('names the tsconfig it used and what it cost, on stderr only', () => {
    const r = runCli(['analyze', '.', '--types', '--format', 'json'], path.join(root, projects[0]!));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/^err-codemod: --types: tsconfig\.json \(\d+\.\d s\)$/m);
  });

  it('a tsconfig that does not exist is a usage error (exit 2), naming it', () => {
    const r = runCli(['analyze', '.', '--types', 'tsconfig.missing.json', '--format', 'json'], path.join(root, projects[0]!));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tsconfig.missing.json');
    expect(r.stdout).toBe('');
  });

  it('without any tsconfig.json it says so and analyses without types', () => {
    fs.writeFileSync(path.join(tmp, 'server.js'), "const http = require('http');\nhttp.createServer((req, res) => {\n  try { JSON.parse('{'); } catch (err) { res.statusCode = 500; res.end(err.stack); }\n}).listen(3000);\n");
    const r = runCli(['analyze', '.', '--types', '--format', 'json'], tmp);
    expect(r.stderr).toContain('no tsconfig.json found for these files; analysed without types');
    expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['leaked-exception']);
  });
});

describe('apply --types sees the sites analyze --types reports', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'err-codemod-types-apply-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it.each([false, true])('types: %s', async (types) => {
    const { runApply } = await import('../../src/apply/run');
    const dir = path.join(tmp, String(types));
    fs.cpSync(path.join(root, 'wrapped-routes'), dir, { recursive: true });
    // the copy resolves express/axios types from the repository's packages, like the fixture does
    fs.symlinkSync(path.join(__dirname, '..', '..', 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const analysed = await analyzePaths(['src'], { cwd: dir, jobs: 1, ...(types ? { types: true } : {}) });
    const result = await runApply({ cwd: dir, paths: ['src'], errorsModule: 'src/errors', ...(types ? { types: true } : {}), stdout: () => {}, stderr: () => {} });
    // every reported site is either rewritten or left for manual review (several rules on one site: one rewrite)
    const sites = new Set(analysed.findings.map((f) => `${f.file}:${f.line}`));
    const rewritten = Object.values(result.rewrittenByRule).reduce((a, b) => a + b, 0);
    expect(rewritten + result.manual.length).toBe(sites.size);
    expect(rewritten).toBeGreaterThan(0);
    // a route passed to a typed wrapper is reported, but its rewrite is left to a person: the wrapper decides
    // whether it may throw or gets a `next`
    if (types) expect(result.manual.map((m) => `${m.file}:${m.line}`)).toContain('src/routes/quotes.ts:18');
  });
});
