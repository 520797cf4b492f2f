import fs from 'node:fs';
import path from 'node:path';
import jscodeshift from 'jscodeshift';
import { afterAll, describe, expect, it } from 'vitest';
import { runApply } from '../../src/apply/run';
import { parserFor } from '../../src/apply/rewrite';
import { parseSource } from '../../src/parse/parse-source';
import { FIXTURES, capture, snapshot, tempDir } from './helpers';

// A stand-in for the held-out legacy projects: every fixture of the repository (the analyzer's, across Express,
// node:http, Koa, Fastify, NestJS and Next.js, and the transforms' inputs), rewritten in place in one run. Every file
// must still parse, nothing may fail, and a second run must change nothing.
const root = tempDir('corpus');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('apply over every fixture of the repository', () => {
  it('rewrites files that parse, fails none, and a second run changes nothing', async () => {
    fs.cpSync(FIXTURES, path.join(root, 'fixtures'), { recursive: true, filter: (src) => !/\.output\.[cm]?[jt]sx?$/.test(src) });
    fs.mkdirSync(path.join(root, 'errors'));
    fs.writeFileSync(path.join(root, 'errors', 'index.js'), "'use strict';\nmodule.exports = {};\n");

    const first = await runApply({ cwd: root, paths: [], errorsModule: './errors', write: true, ...capture() });
    expect(first.failed).toEqual([]);
    expect(first.exitCode).toBe(0);
    expect(first.changes.length).toBeGreaterThan(50);
    for (const change of first.changes) {
      const code = fs.readFileSync(change.file, 'utf8');
      expect(() => parseSource(code, change.file), change.rel).not.toThrow();
      expect(() => jscodeshift.withParser(parserFor(change.file))(code), change.rel).not.toThrow();
    }
    // Every site is accounted for: rewritten, or listed with a reason.
    expect(first.manual.every((m) => m.reason.length > 10)).toBe(true);

    const after = snapshot(root);
    const second = await runApply({ cwd: root, paths: [], errorsModule: './errors', write: true, ...capture() });
    expect(second.changes.map((c) => c.rel)).toEqual([]);
    expect(second.failed).toEqual([]);
    expect(snapshot(root)).toEqual(after);
  }, 120_000);
});
