import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { runApply } from '../../src/apply/run';
import { unifiedDiff } from '../../src/apply/diff';
import { applyCommand, parseRuleList, runApplyCli } from '../../src/commands/apply';
import { analyzeSource } from '../../src/core/analyze-file';
import { capture, git, hasGit, snapshot, tempDir, writeFiles } from './helpers';

const USERS = `'use strict';

const express = require('express');
const User = require('../models/user');

const router = express.Router();

router.get('/:id', async (req, res) => {
  try {
    const user = await User.findById(req.params.id);
    if (!user) {
      return res.json({ error: 'User not found' });
    }
    res.json(user);
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});

module.exports = router;
`;

const ORDERS = `'use strict';

const express = require('express');
const Order = require('../models/order');
const sendError = require('../utils/sendError');

const router = express.Router();

router.get('/', (req, res) => {
  Order.find({ user: req.user.id })
    .then((orders) => res.json(orders))
    .catch((err) => sendError(res, err));
});

module.exports = router;
`;

const SEND_ERROR = `'use strict';

function sendError(res, err) {
  console.error(err);
  res.status(500).json({ error: err.message });
}

module.exports = sendError;
`;

const APP = `'use strict';

const express = require('express');

const app = express();
app.use(express.json());
app.use('/users', require('./routes/users'));
app.use('/orders', require('./routes/orders'));

module.exports = app;
`;

function project(extra: Record<string, string> = {}): string {
  const root = tempDir('apply');
  writeFiles(root, {
    'package.json': JSON.stringify({ name: 'shop', private: true, dependencies: { express: '^4.19.2' } }, null, 2),
    'err-codemod.config.json': JSON.stringify({ errorsModule: './src/errors', framework: 'express' }),
    'src/errors/index.js': "'use strict';\nmodule.exports = {};\n",
    'src/app.js': APP,
    'src/routes/users.js': USERS,
    'src/routes/orders.js': ORDERS,
    'src/utils/sendError.js': SEND_ERROR,
    ...extra,
  });
  return root;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function track(root: string): string {
  dirs.push(root);
  return root;
}

describe('err-codemod apply', () => {
  it('prints a unified diff of every change and writes nothing by default', async () => {
    const root = track(project());
    const before = snapshot(root);
    const io = capture();
    const result = await runApply({ cwd: root, paths: [], ...io });
    expect(result.exitCode).toBe(0);
    expect(snapshot(root)).toEqual(before);
    const diff = io.out.join('');
    expect(diff).toContain('diff --git a/src/routes/users.js b/src/routes/users.js');
    expect(diff).toContain("+const { InternalError, NotFoundError } = require('../errors');");
    expect(diff).toContain("-      return res.json({ error: 'User not found' });");
    expect(diff).toContain("+      return next(new NotFoundError('User not found'));");
    expect(diff).toContain('diff --git a/src/app.js b/src/app.js');
    expect(diff).not.toMatch(/\x1b\[/);
    const summary = io.err.join('');
    expect(summary).toMatch(/4 files to change, 3 sites rewritten \(dry run/);
    expect(summary).toMatch(/leaked-exception\s+2/);
    expect(summary).toMatch(/error-in-2xx\s+1/);
    expect(summary).toContain('error handler registered in src/app.js:10');
  });

  it('--write writes the files, and a second run changes nothing', async () => {
    const root = track(project());
    const io = capture();
    const result = await runApply({ cwd: root, paths: [], write: true, ...io });
    expect(result.exitCode).toBe(0);
    expect(io.out.join('')).toBe('');
    expect(io.err.join('')).toMatch(/4 files changed, 3 sites rewritten/);
    const users = fs.readFileSync(path.join(root, 'src/routes/users.js'), 'utf8');
    expect(users).toContain("router.get('/:id', async (req, res, next) => {");
    expect(users).toContain('return next(new InternalError(undefined, { cause: err }));');
    // the exported helper and its caller in another file move together
    expect(fs.readFileSync(path.join(root, 'src/utils/sendError.js'), 'utf8')).toContain('function sendError(res, err, next) {');
    expect(fs.readFileSync(path.join(root, 'src/routes/orders.js'), 'utf8')).toContain('.catch((err) => sendError(res, err, next));');
    for (const file of ['src/routes/users.js', 'src/routes/orders.js', 'src/utils/sendError.js']) {
      const code = fs.readFileSync(path.join(root, file), 'utf8');
      expect(analyzeSource(code, file).filter((f) => f.fix)).toEqual([]);
    }
    const again = await runApply({ cwd: root, paths: [], write: true, ...capture() });
    expect(again.changes).toEqual([]);
    expect(again.exitCode).toBe(0);
  });

  it.skipIf(!hasGit())('refuses to write over uncommitted changes unless --allow-dirty', async () => {
    const root = track(project());
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'legacy');
    fs.appendFileSync(path.join(root, 'src/routes/users.js'), '// wip\n');
    const before = snapshot(root);
    const io = capture();
    const refused = await runApply({ cwd: root, paths: [], write: true, ...io });
    expect(refused.exitCode).toBe(2);
    expect(io.err.join('')).toContain('refusing to write');
    expect(io.err.join('')).toContain('src/routes/users.js');
    expect(snapshot(root)).toEqual(before);

    const forced = await runApply({ cwd: root, paths: [], write: true, allowDirty: true, ...capture() });
    expect(forced.exitCode).toBe(0);
    expect(fs.readFileSync(path.join(root, 'src/routes/users.js'), 'utf8')).toContain('next(new NotFoundError(');
  });

  it.skipIf(!hasGit())('writes on a clean tree; files it does not touch may be dirty', async () => {
    const root = track(project({ 'README.md': 'shop\n' }));
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'legacy');
    fs.appendFileSync(path.join(root, 'README.md'), 'notes\n');
    const result = await runApply({ cwd: root, paths: [], write: true, ...capture() });
    expect(result.exitCode).toBe(0);
    expect(result.written).toBe(true);
  });

  it('--rules keeps to the rules named', async () => {
    const root = track(project());
    const io = capture();
    const result = await runApply({ cwd: root, paths: ['src/routes/users.js'], rules: ['error-in-2xx'], registerHandler: false, ...io });
    expect(result.rewrittenByRule).toEqual({ 'error-in-2xx': 1 });
    expect(io.out.join('')).not.toContain('InternalError');
  });

  it('lists the sites it leaves for manual review, with the reason', async () => {
    const root = track(project({
      'src/routes/export.js': `'use strict';
const express = require('express');
const router = express.Router();
router.get('/export', async (req, res) => {
  res.write('id,name\\n');
  try {
    for await (const row of rows()) res.write(row.id + ',' + row.name + '\\n');
    res.end();
  } catch (err) {
    res.end('failed: ' + err.message);
  }
});
module.exports = router;
`,
    }));
    const io = capture();
    const result = await runApply({ cwd: root, paths: ['src/routes'], ...io });
    expect(result.manual).toEqual([
      expect.objectContaining({ file: 'src/routes/export.js', line: 10, ruleId: 'leaked-exception', reason: expect.stringContaining('headers may already be sent') }),
    ]);
    expect(io.err.join('')).toMatch(/Left for manual review \(1\):\n {2}src\/routes\/export\.js:10:5 {2}leaked-exception \(\+error-in-2xx\): /);
  });

  it('keeps the original and reports a failure when the output does not parse', async () => {
    const root = track(project());
    const before = fs.readFileSync(path.join(root, 'src/routes/users.js'), 'utf8');
    const io = capture();
    const result = await runApply({
      cwd: root,
      paths: [],
      write: true,
      afterTransform: (rel, output) => (rel === 'src/routes/users.js' ? output.replace('return next(', 'return next((') : output),
      ...io,
    });
    expect(result.exitCode).toBe(1);
    expect(result.failed).toEqual([expect.objectContaining({ file: 'src/routes/users.js', message: expect.stringContaining('does not parse') })]);
    expect(fs.readFileSync(path.join(root, 'src/routes/users.js'), 'utf8')).toBe(before);
    expect(fs.readFileSync(path.join(root, 'src/app.js'), 'utf8')).toContain('app.use(errorHandler());');
    expect(io.err.join('')).toMatch(/Failed \(1\):\n {2}src\/routes\/users\.js: the rewritten file does not parse/);
  });

  it('an exported helper called from outside the paths given is left alone', async () => {
    const root = track(project());
    const result = await runApply({ cwd: root, paths: ['src/utils'], ...capture() });
    expect(result.changes).toEqual([]);
    expect(result.manual).toEqual([
      expect.objectContaining({ file: 'src/utils/sendError.js', reason: expect.stringContaining('outside the paths given') }),
    ]);
  });

  it('an exported helper nobody in the project calls is left alone (its callers live elsewhere)', async () => {
    const root = track(project({ 'src/routes/orders.js': "'use strict';\nmodule.exports = require('express').Router();\n" }));
    const result = await runApply({ cwd: root, paths: [], ...capture() });
    expect(result.manual).toEqual([
      expect.objectContaining({ file: 'src/utils/sendError.js', reason: expect.stringContaining('no call to sendError was found') }),
    ]);
    expect(result.changes.map((c) => c.rel)).not.toContain('src/utils/sendError.js');
  });

  it('usage errors exit 2: missing path, missing errors module with --write, bad config', async () => {
    const root = track(project());
    const io = capture();
    expect((await runApply({ cwd: root, paths: ['nope'], ...io })).exitCode).toBe(2);
    expect(io.err.join('')).toContain('no such file or directory: nope');
    fs.rmSync(path.join(root, 'src/errors'), { recursive: true });
    const missing = capture();
    expect((await runApply({ cwd: root, paths: [], write: true, ...missing })).exitCode).toBe(2);
    expect(missing.err.join('')).toContain('run `err-codemod init` first');
    // a dry run still shows the diffs
    expect((await runApply({ cwd: root, paths: [], ...capture() })).exitCode).toBe(0);
    fs.writeFileSync(path.join(root, 'err-codemod.config.json'), '{ "errorsModule": 3 }');
    expect((await runApply({ cwd: root, paths: [], ...capture() })).exitCode).toBe(2);
  });

  it('--errors-module overrides the config, imports follow ES modules', async () => {
    const root = track(tempDir('esm'));
    writeFiles(root, {
      'package.json': JSON.stringify({ type: 'module', dependencies: { express: '^5.1.0' } }),
      'lib/http-errors/index.js': 'export {};\n',
      'routes/items.js': `import { Router } from 'express';
import { db } from '../db.js';

export const items = Router();

items.get('/items/:id', async (req, res) => {
  const item = await db.items.find(req.params.id);
  if (!item) return res.status(500).json({ error: 'Item not found' });
  res.json(item);
});
`,
    });
    const io = capture();
    const result = await runApply({ cwd: root, paths: [], errorsModule: 'lib/http-errors', write: true, ...io });
    expect(result.exitCode).toBe(0);
    const code = fs.readFileSync(path.join(root, 'routes/items.js'), 'utf8');
    expect(code).toContain("import { NotFoundError } from '../lib/http-errors/index.js';");
    expect(code).toContain("if (!item) throw new NotFoundError('Item not found');");
  });
});

describe('apply command line', () => {
  it('parses --rules and rejects unknown ids', () => {
    expect(parseRuleList('leaked-exception, bare-500')).toEqual(['leaked-exception', 'bare-500']);
    expect(() => parseRuleList('leaked-exception,nope')).toThrow(/unknown rule nope/);
  });

  it('exits 2 on an unknown rule or --write with --dry', async () => {
    const root = track(project());
    expect(await runApplyCli([], { rules: 'nope' }, root)).toBe(2);
    expect(await runApplyCli([], { write: true, dry: true }, root)).toBe(2);
  });

  it('registers its options with commander', async () => {
    const cmd = applyCommand();
    expect(cmd.name()).toBe('apply');
    const flags = cmd.options.map((o) => o.long);
    for (const flag of ['--rules', '--write', '--dry', '--allow-dirty', '--errors-module', '--no-register-handler']) expect(flags).toContain(flag);
    const program = new Command('err-codemod').exitOverride();
    program.addCommand(cmd.exitOverride());
    let seen: unknown;
    cmd.action((paths: string[], opts: unknown) => {
      seen = { paths, opts };
    });
    await program.parseAsync(['node', 'err-codemod', 'apply', 'src', '--rules', 'bare-500', '--write', '--errors-module', 'lib/errors'], { from: 'node' });
    expect(seen).toEqual({ paths: ['src'], opts: expect.objectContaining({ rules: 'bare-500', write: true, errorsModule: 'lib/errors' }) });
  });

  it('colours diffs only when asked', () => {
    expect(unifiedDiff('a.js', 'a\n', 'b\n', false)).toBe('diff --git a/a.js b/a.js\n--- a/a.js\n+++ b/a.js\n@@ -1,1 +1,1 @@\n-a\n+b\n');
    expect(unifiedDiff('a.js', 'a\n', 'b\n', true)).toMatch(/\x1b\[3[12]m/);
  });
});
