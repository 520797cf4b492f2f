import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzePaths } from '../../src/analyzer';
import { runApply, type ApplyResult } from '../../src/apply/run';
import { parseSource } from '../../src/parse/parse-source';
import { capture, git, hasGit, REPO, snapshot, tempDir } from './helpers';

// End to end on examples/legacy-api, in a temporary copy (the example itself is never rewritten):
// `init` generates the error module, `apply` shows diffs, `apply --write` rewrites, and the example's own tests
// (node:test, in examples/legacy-api/test) pass before and after.
const EXAMPLE = path.join(REPO, 'examples', 'legacy-api');
const NODE_PATH = path.join(REPO, 'node_modules');

function exampleTests(cwd: string, files: string[]): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, ['--test', ...files], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH, NODE_ENV: 'test', NODE_OPTIONS: '' },
    timeout: 120_000,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

let root: string;
let dry: ApplyResult;
let dryOut: string;
let written: ApplyResult;
let before: Map<string, string>;

describe.skipIf(!hasGit())('examples/legacy-api end to end', () => {
  beforeAll(async () => {
    root = path.join(tempDir('example'), 'legacy-api');
    fs.cpSync(EXAMPLE, root, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
    const { runInit } = await import('../../src/init');
    runInit({ cwd: root, out: 'errors', lang: 'js', module: 'cjs', framework: 'express' });
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'legacy-api with the generated error module');
    before = snapshot(root);
    const io = capture();
    dry = await runApply({ cwd: root, paths: [], ...io });
    dryOut = io.out.join('');
  }, 120_000);

  afterAll(() => {
    if (root) fs.rmSync(path.dirname(root), { recursive: true, force: true });
  });

  it("the example's own tests pass on the legacy code", () => {
    const r = exampleTests(root, ['test/api.test.js']);
    expect(r.status, r.output).toBe(0);
  }, 120_000);

  it('apply prints diffs and changes nothing on disk', () => {
    expect(dry.exitCode).toBe(0);
    expect(dry.changes.length).toBeGreaterThan(10);
    for (const change of dry.changes) expect(dryOut).toContain(`diff --git a/${change.rel} b/${change.rel}`);
    expect(dryOut).toContain("+const { errorHandler } = require('./errors');");
    expect(snapshot(root)).toEqual(before);
  });

  it('apply --write leaves no leaked-* finding', async () => {
    const io = capture();
    written = await runApply({ cwd: root, paths: [], write: true, ...io });
    expect(written.exitCode, io.err.join('')).toBe(0);
    expect(written.failed).toEqual([]);
    expect(written.changes.map((c) => c.rel)).toEqual(dry.changes.map((c) => c.rel));
    for (const change of written.changes) {
      const code = fs.readFileSync(change.file, 'utf8');
      expect(code).toBe(change.after);
      expect(() => parseSource(code, change.file)).not.toThrow();
    }
    const analysis = await analyzePaths([], { cwd: root });
    const leaks = analysis.findings.filter((f) => f.ruleId.startsWith('leaked-'));
    expect(leaks.map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([]);
  }, 120_000);

  it("the example's own tests pass on the rewritten code with the generated handler", () => {
    const r = exampleTests(root, ['test/api.test.js', 'test/rewritten/no-leaks.test.js']);
    expect(r.status, r.output).toBe(0);
  }, 120_000);

  it('a second apply --write changes no file', async () => {
    const after = snapshot(root);
    const again = await runApply({ cwd: root, paths: [], write: true, allowDirty: true, ...capture() });
    expect(again.exitCode).toBe(0);
    expect(again.changes).toEqual([]);
    expect(snapshot(root)).toEqual(after);
  }, 120_000);
});
