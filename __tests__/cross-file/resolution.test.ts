import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzePaths } from '../../src/analyzer';
import { ModuleResolver } from '../../src/cross-file/module-resolver';
import { formatSarif } from '../../src/report/sarif';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A temporary project from `{ 'path/in/project': 'text' }`. */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'err-codemod-xf-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('module resolution', () => {
  it('resolves what Node and TypeScript resolve, and nothing that is a package', () => {
    const dir = project({
      'tsconfig.json': '{ // comments are allowed\n "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"], "~config": ["config/index.ts"] } } }',
      'src/routes/a.ts': '',
      'src/utils/errors.ts': '',
      'src/utils/index.js': '',
      'src/lib/pkg/package.json': '{ "main": "lib/entry.js" }',
      'src/lib/pkg/lib/entry.js': '',
      'src/legacy.cjs': '',
      'config/index.ts': '',
    });
    const r = new ModuleResolver();
    const from = path.join(dir, 'src/routes/a.ts');
    const abs = (p: string) => path.join(dir, p);
    expect(r.resolve(from, '../utils/errors')).toBe(abs('src/utils/errors.ts'));
    expect(r.resolve(from, '../utils/errors.js')).toBe(abs('src/utils/errors.ts'));
    expect(r.resolve(from, '../utils')).toBe(abs('src/utils/index.js'));
    expect(r.resolve(from, '../lib/pkg')).toBe(abs('src/lib/pkg/lib/entry.js'));
    expect(r.resolve(from, '../legacy.cjs')).toBe(abs('src/legacy.cjs'));
    expect(r.resolve(from, '@/utils/errors')).toBe(abs('src/utils/errors.ts'));
    expect(r.resolve(from, '~config')).toBe(abs('config/index.ts'));
    expect(r.resolve(from, 'express')).toBeNull();
    expect(r.resolve(from, 'node:fs')).toBeNull();
    expect(r.resolve(from, '../missing')).toBeNull();
  });

  it('follows a symbolic link to a file, and never takes a directory named like a module for the file', () => {
    const dir = project({ 'shared/errors.js': '', 'src/a.js': '', 'src/helpers.js/index.js': '' });
    fs.symlinkSync(path.join(dir, 'shared/errors.js'), path.join(dir, 'src/errors.js'));
    fs.symlinkSync(path.join(dir, 'shared'), path.join(dir, 'src/linked'));
    const r = new ModuleResolver();
    const from = path.join(dir, 'src/a.js');
    expect(r.resolve(from, './errors')).toBe(path.join(dir, 'src/errors.js'));
    expect(r.resolve(from, './linked/errors')).toBe(path.join(dir, 'src/linked/errors.js'));
    // `helpers.js` is a directory: Node resolves it through its index
    expect(r.resolve(from, './helpers.js')).toBe(path.join(dir, 'src/helpers.js/index.js'));
  });

  it('a broken tsconfig.json leaves aliases unresolved and relative imports working', () => {
    const dir = project({ 'tsconfig.json': '{ "compilerOptions": ', 'src/a.js': '', 'src/b.js': '' });
    const r = new ModuleResolver();
    expect(r.resolve(path.join(dir, 'src/a.js'), './b')).toBe(path.join(dir, 'src/b.js'));
    expect(r.resolve(path.join(dir, 'src/a.js'), '@/b')).toBeNull();
  });
});

const ROUTE = (imports: string, call: string) => `const express = require('express');
${imports}
const router = express.Router();
router.get('/orders/:id', async (req, res) => {
  try {
    res.json(await loadOrder(req.params.id));
  } catch (err) {
    ${call}
  }
});
module.exports = router;
`;

describe('cross-file analysis as the user sees it', () => {
  it('names the helper at the caller, and lists callers in other files on a helper that leaks by itself', async () => {
    const dir = project({
      'src/respond.js': `exports.handleError = function handleError(res, err) {\n  res.status(500).json({ error: err.message });\n};\nexports.describe = (e) => e.stack;\n`,
      'src/routes/orders.js': ROUTE("const { handleError } = require('../respond');", 'handleError(res, err);'),
      'src/routes/users.js': ROUTE("const respond = require('../respond');", 'res.status(500).send(respond.describe(err));'),
    });
    const { findings } = await analyzePaths(['.'], { cwd: dir, jobs: 1 });
    expect(findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`)).toEqual(['src/respond.js:2:leaked-exception', 'src/routes/users.js:8:leaked-exception']);
    const [helper, caller] = findings;
    expect(helper!.message).toBe('`err.message` is sent to the client (through handleError, called at src/routes/orders.js:8)');
    expect(helper!.related).toEqual([{ file: 'src/routes/orders.js', line: 8, column: 5, message: 'handleError is called here' }]);
    expect(caller!.message).toContain('`respond.describe(err)` (the stack trace, from describe() in src/respond.js)');

    // SARIF points the related location at the caller's own file
    const sarif = JSON.parse(formatSarif({ findings, errors: [], filesScanned: 3, durationMs: 1 }, { cwd: dir }));
    const related = sarif.runs[0].results[0].relatedLocations[0];
    expect(related.physicalLocation.artifactLocation.uri).toBe('src/routes/orders.js');
  });

  it('a helper module that does not parse gives no summary and no crash; the caller keeps its own findings', async () => {
    const dir = project({
      'src/respond.js': 'exports.describe = (e) => { return e.stack ',
      'src/routes/users.js': ROUTE("const respond = require('../respond');", 'res.status(500).json({ error: err.message, detail: respond.describe(err) });'),
    });
    const result = await analyzePaths(['.'], { cwd: dir, jobs: 1 });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`)).toEqual(['src/routes/users.js:8:leaked-exception']);
    // the helper file holds no response site: the pre-filter never parses it, so it is not an analysis error either
    expect(result.errors).toEqual([]);
  });

  it('a service that answers with its own caught error is followed; one that cannot leak is not even parsed', async () => {
    const dir = project({
      'src/services/users.js': `const db = require('../db');
exports.create = async function create(input) {
  try {
    return { success: true, user: await db.insert('users', input) };
  } catch (err) {
    return { success: false, error: err.message };
  }
};
`,
      // no error source and no leak form in its text: skipped unparsed (it does not even parse)
      'src/services/audit.js': 'exports.record = (entry) => { return { ok: true, entry } ',
      'src/routes/users.js': `const express = require('express');
const users = require('../services/users');
const audit = require('../services/audit');
const router = express.Router();
router.post('/users', async (req, res) => {
  res.json(await users.create(req.body));
});
router.post('/audit', async (req, res) => {
  res.json(audit.record(req.body));
});
module.exports = router;
`,
    });
    const result = await analyzePaths(['.'], { cwd: dir, jobs: 1 });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`)).toEqual(['src/routes/users.js:6:leaked-exception']);
    expect(result.findings[0]!.message).toContain('`users.create(req.body)` (the error message, from create() in src/services/users.js) is sent to the client');
  });

  it('a re-export cycle and a self-import settle instead of looping', async () => {
    const dir = project({
      'src/a.js': "module.exports = { ...require('./b') };\nexports.self = require('./a');\n",
      'src/b.js': "export * from './a';\nexport const describe = (e) => String(e);\n",
      'src/routes/users.js': ROUTE("const { describe } = require('../a');", 'res.status(500).json({ error: describe(err) });'),
    });
    const { findings } = await analyzePaths(['.'], { cwd: dir, jobs: 1 });
    expect(findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`)).toEqual(['src/routes/users.js:8:leaked-exception']);
  });
});
