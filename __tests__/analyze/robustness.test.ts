import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

const LEAKY_ROUTE = `const express = require('express');
const router = express.Router();

router.get('/orders/:id', async (req, res) => {
  try {
    res.json(await Order.findById(req.params.id));
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});

module.exports = router;
`;

describe('a tree with broken, binary, empty and generated files', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'err-codemod-robust-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'orders.js'), LEAKY_ROUTE);
    fs.writeFileSync(path.join(dir, 'src', 'broken.js'), "router.get('/x', (req, res) => {\n  res.json({ ok: true }\n});\n");
    fs.writeFileSync(path.join(dir, 'src', 'logo.js'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    fs.writeFileSync(path.join(dir, 'src', 'empty.ts'), '');
    // a 5 MB single-line bundle, as webpack emits into public/ folders nobody ignores
    const chunk = 'function a(b){return b&&b.c?b.c.d(e,f):g.h(i)}var j=';
    fs.writeFileSync(path.join(dir, 'src', 'vendor.js'), `!function(){${chunk.repeat(Math.ceil((5 * 1024 * 1024) / chunk.length))}0}();`);
    // a file whose execution would leave a mark: the analyzer must never run what it reads
    fs.writeFileSync(
      path.join(dir, 'src', 'side-effects.js'),
      `require('fs').writeFileSync(${JSON.stringify(path.join(dir, 'EXECUTED'))}, 'yes');\nrequire('http').get('http://127.0.0.1:9/');\n`,
    );
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports each bad file in `errors`, analyses the rest and exits by the findings', () => {
    const r = runCli(['analyze', 'src', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.map((f: { file: string; ruleId: string }) => `${f.file}:${f.ruleId}`)).toEqual(['src/orders.js:leaked-exception']);
    const errors = Object.fromEntries(doc.errors.map((e: { file: string; message: string; line?: number }) => [e.file, e]));
    expect(Object.keys(errors).sort()).toEqual(['src/broken.js', 'src/logo.js', 'src/vendor.js']);
    expect(errors['src/broken.js'].line).toBe(3);
    expect(errors['src/broken.js'].message).toMatch(/Unexpected token/);
    expect(errors['src/logo.js'].message).toMatch(/binary/i);
    expect(errors['src/vendor.js'].message).toMatch(/bundle/i);
    expect(doc.summary.filesScanned).toBe(6);
    expect(fs.existsSync(path.join(dir, 'EXECUTED'))).toBe(false);
  });

  it('exits 0 when the remaining files are clean, even with errors', () => {
    fs.renameSync(path.join(dir, 'src', 'orders.js'), path.join(dir, 'orders.js.bak'));
    try {
      const r = runCli(['analyze', 'src', '--format', 'json'], dir);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).errors).toHaveLength(3);
    } finally {
      fs.renameSync(path.join(dir, 'orders.js.bak'), path.join(dir, 'src', 'orders.js'));
    }
  });

  it('exits 2 when nothing could be analysed', () => {
    const r = runCli(['analyze', 'src/broken.js', '--format', 'json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/none of the files could be analysed/);
  });
});
