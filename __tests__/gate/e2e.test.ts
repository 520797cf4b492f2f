import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXPRESS_APP, git, gitRepo, insertLines, runCli } from './helpers';

const DB = `module.exports = { findUser: async () => ({}), findOrder: async () => ({}), charge: async () => ({}) };\n`;

/** A third route whose leaking line is a copy of an existing, baselined one. */
const NEW_ROUTE = `
router.post('/payments', async (req, res) => {
  try {
    res.json(await db.charge(req.body));
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});
`;

interface JsonDoc {
  findings: { ruleId: string; file: string; line: number; message: string }[];
  summary: { findings: number; filesScanned: number };
}

const lineOf = (file: string, needle: string, from = 0) => fs.readFileSync(file, 'utf8').split('\n').findIndex((l, i) => i >= from && l.includes(needle)) + 1;

describe('CI gate, end to end in a git repository', () => {
  test('baseline, line shifts, a new leak, a suppression with a reason, an unused suppression, a stale entry', async () => {
    const dir = gitRepo({ 'src/app.js': EXPRESS_APP, 'src/db.js': DB });
    const app = path.join(dir, 'src/app.js');

    // Day one: the legacy findings fail the gate; writing the baseline accepts them.
    expect((await runCli(['analyze'], dir)).code).toBe(1);
    const written = await runCli(['analyze', '--update-baseline'], dir);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('wrote 2 findings to the baseline .err-codemod-baseline.json');
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, '.err-codemod-baseline.json'), 'utf8'));
    expect(baseline.findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(['src/app.js:12', 'src/app.js:20']);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'baseline');

    // Unrelated lines above and around the findings: every finding moves, the gate still passes.
    insertLines(app, 5, ['// Routes for the account pages.', 'const started = Date.now();', '']);
    insertLines(app, lineOf(app, "router.get('/users/:id'") + 1, ['  req.log = console;']);
    insertLines(app, lineOf(app, "router.get('/orders/:id'"), ['/** Orders. */', '']);
    const moved = await runCli(['analyze', '--format', 'json'], dir);
    expect(moved.code).toBe(1);
    expect((JSON.parse(moved.stdout) as JsonDoc).findings.map((f) => f.line)).toEqual([16, 26]);
    const shifted = await runCli(['analyze', '--baseline'], dir);
    expect(shifted.code).toBe(0);
    expect(shifted.stdout).toContain('No findings');
    expect(shifted.stderr).not.toContain('no longer match');
    expect(shifted.stderr).toContain('not reported: 2 in the baseline');

    // A new leak (the same line, copied into a new handler): exit 1, and only that leak is named.
    fs.appendFileSync(app, NEW_ROUTE);
    const newLine = lineOf(app, 'res.status(500).json({ error: err.message });', lineOf(app, "router.post('/payments'"));
    const leak = await runCli(['analyze', '--baseline', '--format', 'json'], dir);
    expect(leak.code).toBe(1);
    const doc = JSON.parse(leak.stdout) as JsonDoc;
    expect(doc.findings).toEqual([expect.objectContaining({ ruleId: 'leaked-exception', file: 'src/app.js', line: newLine })]);
    expect(doc.summary.findings).toBe(1);
    const stylish = await runCli(['analyze', '--baseline', '--no-color'], dir);
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toContain(`${newLine}:5`);
    expect(stylish.stdout).toContain('1 finding (1 error, 0 warnings)');

    // Suppressed with a reason: exit 0, and the suppression is counted.
    insertLines(app, newLine, ['    // err-codemod-disable-next-line leaked-exception -- the payment SDK only throws vetted, client-safe messages']);
    const suppressed = await runCli(['analyze', '--baseline'], dir);
    expect(suppressed.code).toBe(0);
    expect(suppressed.stderr).toContain('not reported: 1 suppressed inline, 2 in the baseline');
    expect(suppressed.stderr).not.toContain('unused');

    // A suppression with nothing to suppress is reported, with its position; it does not fail the gate.
    const okLine = lineOf(app, 'res.json(user);');
    insertLines(app, okLine, ['    // err-codemod-disable-next-line error-in-2xx -- user objects are never errors']);
    const unused = await runCli(['analyze', '--baseline'], dir);
    expect(unused.code).toBe(0);
    expect(unused.stderr).toContain(`src/app.js:${okLine}:5  unused err-codemod-disable-next-line: no error-in-2xx finding on the next line`);

    // Fixing a baselined leak leaves a stale entry, which is reported; --update-baseline drops it.
    const stackLine = lineOf(app, 'res.status(500).send(err.stack);');
    fs.writeFileSync(app, fs.readFileSync(app, 'utf8').replace('res.status(500).send(err.stack);', 'next(err);'));
    const stale = await runCli(['analyze', '--baseline'], dir);
    expect(stale.code).toBe(0);
    expect(stale.stderr).toContain('1 baseline entry no longer matches a finding');
    expect(stale.stderr).toMatch(/src\/app\.js:20 {2}leaked-exception {2}`err\.stack`/);
    expect(stackLine).toBeGreaterThan(20);
    expect((await runCli(['analyze', '--update-baseline'], dir)).stderr).toContain('wrote 1 finding to the baseline');
    const clean = await runCli(['analyze', '--baseline'], dir);
    expect(clean.code).toBe(0);
    expect(clean.stderr).not.toContain('no longer match');
  });

  test('--changed-since analyses only files changed since the merge base, plus untracked ones', async () => {
    const leak = (name: string) => `const express = require('express');\nconst app = express();\napp.get('/${name}', (req, res) => {\n  try { work(); } catch (err) {\n    res.status(500).json({ error: err.message });\n  }\n});\n`;
    const dir = gitRepo({ 'old.js': leak('old'), 'touched.js': leak('touched') });
    git(dir, 'checkout', '-q', '-b', 'feature');
    fs.appendFileSync(path.join(dir, 'touched.js'), '// touched\n');
    git(dir, 'commit', '-q', '-am', 'touch');
    fs.writeFileSync(path.join(dir, 'untracked.js'), leak('untracked'));
    fs.writeFileSync(path.join(dir, 'README.md'), 'not code\n');
    // A commit on main after the branch point does not count as a change of this branch.
    git(dir, 'checkout', '-q', 'main');
    fs.writeFileSync(path.join(dir, 'later-on-main.js'), leak('later'));
    git(dir, 'add', 'later-on-main.js');
    git(dir, 'commit', '-q', '-m', 'later');
    git(dir, 'checkout', '-q', 'feature');

    const full = JSON.parse((await runCli(['analyze', '--format', 'json'], dir)).stdout) as JsonDoc;
    expect(full.findings.map((f) => f.file)).toEqual(['old.js', 'touched.js', 'untracked.js']);
    const run = await runCli(['analyze', '--changed-since', 'main', '--format', 'json'], dir);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as JsonDoc;
    expect(doc.findings.map((f) => f.file)).toEqual(['touched.js', 'untracked.js']);
    expect(doc.summary.filesScanned).toBe(2);

    // With a baseline of the whole tree: the changed files' findings are known, and the entries of files this run
    // did not analyse are not reported as stale.
    expect((await runCli(['analyze', '--update-baseline'], dir)).code).toBe(0);
    const gated = await runCli(['analyze', '--changed-since', 'main', '--baseline'], dir);
    expect(gated.code).toBe(0);
    expect(gated.stderr).toContain('not reported: 2 in the baseline');
    expect(gated.stderr).not.toContain('no longer match');
    fs.rmSync(path.join(dir, '.err-codemod-baseline.json'));

    // Nothing changed: exit 0 with an empty report (a docs-only pull request passes).
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'all');
    const none = await runCli(['analyze', '--changed-since', 'HEAD', '--format', 'json'], dir);
    expect(none.code).toBe(0);
    expect((JSON.parse(none.stdout) as JsonDoc).findings).toEqual([]);
    expect(none.stderr).toContain('no JavaScript or TypeScript file changed since HEAD');

    const bad = await runCli(['analyze', '--changed-since', 'no-such-branch'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown git ref "no-such-branch"');
    expect(bad.stdout).toBe('');
  });
});
