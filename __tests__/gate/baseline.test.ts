import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, tempDir, writeFiles } from './helpers';

const handler = (name: string, body: string) => `app.get('/${name}', async function ${name}(req, res) {\n  try {\n    await work();\n  } catch (err) {\n${body}\n  }\n});\n`;
const file = (...handlers: string[]) => `const express = require('express');\nconst app = express();\n\n${handlers.join('\n')}`;
const LEAK = "    res.status(500).json({ error: err.message });";

interface JsonDoc {
  findings: { ruleId: string; file: string; line: number }[];
}
const findings = (stdout: string) => (JSON.parse(stdout) as JsonDoc).findings.map((f) => `${f.file}:${f.line}`);

async function baselined(files: Record<string, string>) {
  const dir = tempDir();
  writeFiles(dir, files);
  const r = await runCli(['analyze', '--update-baseline'], dir);
  expect(r.code).toBe(0);
  return dir;
}

describe('baseline matching', () => {
  test('survives reformatting of the site and edits elsewhere in the function', async () => {
    const dir = await baselined({ 'app.js': file(handler('users', LEAK)) });
    const reformatted = file(
      handler('users', "    console.error(err);\n    res\n      .status(500)\n      .json({\n        error: err.message,\n      });").replace('await work();', 'await work(req.params.id);'),
    );
    writeFiles(dir, { 'app.js': reformatted });
    expect((await runCli(['analyze'], dir)).code).toBe(1);
    const r = await runCli(['analyze', '--baseline', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(findings(r.stdout)).toEqual([]);
  });

  test('identical leaks in one function are counted: a third copy is new', async () => {
    const two = handler('users', `    if (err.retry) return ${LEAK.trim()}\n${LEAK}`);
    const dir = await baselined({ 'app.js': file(two) });
    const three = handler('users', `    if (err.retry) return ${LEAK.trim()}\n    if (err.again) return ${LEAK.trim()}\n${LEAK}`);
    writeFiles(dir, { 'app.js': file(three) });
    const r = await runCli(['analyze', '--baseline', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    expect(findings(r.stdout)).toHaveLength(1);
  });

  test('a renamed handler or a reworded leaking line still matches; a second leak in the same handler does not', async () => {
    const dir = await baselined({ 'app.js': file(handler('users', LEAK), handler('orders', '    res.status(500).send(err.stack);')) });
    // Renamed function and route: matched by rule, file and site code.
    let text = file(handler('accounts', LEAK), handler('orders', '    res.status(500).send(err.stack);'));
    writeFiles(dir, { 'app.js': text });
    expect((await runCli(['analyze', '--baseline'], dir)).code).toBe(0);
    // The leaking line itself edited: matched by rule, file and enclosing function.
    text = file(handler('users', LEAK), handler('orders', "    res.status(500).send('Failed: ' + err.stack);"));
    writeFiles(dir, { 'app.js': text });
    expect((await runCli(['analyze', '--baseline'], dir)).code).toBe(0);
    // One entry matches one finding: a second leak next to a known one is new.
    text = file(handler('users', `${LEAK}\n    res.set('X-Error', err.message);`), handler('orders', '    res.status(500).send(err.stack);'));
    writeFiles(dir, { 'app.js': text });
    const r = await runCli(['analyze', '--baseline', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    expect(findings(r.stdout)).toHaveLength(1);
  });

  test('entries are relative to the baseline file, so matching does not depend on the current directory', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'api/app.js': file(handler('users', LEAK)) });
    expect((await runCli(['analyze', 'api', '--update-baseline=ci/known.json'], dir)).code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'ci/known.json'), 'utf8'));
    expect(doc.findings[0].file).toBe('../api/app.js');
    const fromSub = await runCli(['analyze', '--baseline', '../ci/known.json'], path.join(dir, 'api'));
    expect(fromSub.code).toBe(0);
    expect(fromSub.stderr).toContain('1 in the baseline ../ci/known.json');
  });

  test('--update-baseline on part of the tree keeps the entries of files it did not analyse', async () => {
    const dir = await baselined({ 'a.js': file(handler('a', LEAK)), 'b.js': file(handler('b', LEAK)) });
    writeFiles(dir, { 'a.js': file(handler('a', LEAK), handler('a2', LEAK)) });
    expect((await runCli(['analyze', 'a.js', '--update-baseline'], dir)).stderr).toContain('wrote 3 findings');
    const all = await runCli(['analyze', '--baseline'], dir);
    expect(all.code).toBe(0);
    expect(all.stderr).not.toContain('no longer match');
    // Analysing one file does not call the other file's entries stale.
    expect((await runCli(['analyze', 'b.js', '--baseline'], dir)).stderr).not.toContain('no longer match');
  });

  test('entries of a deleted file are stale', async () => {
    const dir = await baselined({ 'a.js': file(handler('a', LEAK)), 'b.js': file(handler('b', LEAK)) });
    fs.rmSync(path.join(dir, 'b.js'));
    const r = await runCli(['analyze', '--baseline'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 baseline entry no longer matches');
    expect(r.stderr).toContain('b.js:8  leaked-exception');
  });

  test('a missing, invalid or misplaced baseline is a usage error (exit 2) before anything is analysed', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'app.js': file(handler('users', LEAK)), 'bad.json': '{"findings": 3}', 'src/x.js': '' });
    const missing = await runCli(['analyze', '--baseline', '--format', 'json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('.err-codemod-baseline.json does not exist; create it with `err-codemod analyze --update-baseline`');
    const invalid = await runCli(['analyze', '--baseline=bad.json'], dir);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('is not an err-codemod baseline');
    // `--update-baseline src` takes `src` as the file: refused, with the way out.
    const dirArg = await runCli(['analyze', '--update-baseline', 'src'], dir);
    expect(dirArg.code).toBe(2);
    expect(dirArg.stderr).toContain('--update-baseline: src is a directory');
  });
});
