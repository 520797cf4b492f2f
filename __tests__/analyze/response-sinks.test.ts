import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

// A home-made middleware adds res.fail(status, body); only the config can tell the analyzer it sends a response.
const ROUTE = `const express = require('express');
const router = express.Router();

router.get('/invoices/:id', async (req, res) => {
  try {
    res.json(await Invoice.findById(req.params.id));
  } catch (err) {
    res.fail(500, { error: err.message });
  }
});

module.exports = router;
`;

describe('config responseSinks', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'err-codemod-sinks-'));
    fs.writeFileSync(path.join(dir, 'invoices.js'), ROUTE);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const findings = (args: string[] = []) => JSON.parse(runCli(['analyze', '.', '--format', 'json', ...args], dir).stdout).findings;

  it('reports nothing for an unknown method without the config', () => {
    expect(findings()).toEqual([]);
  });

  it('reads a configured sink like res.send(status, body), with one job and with two', () => {
    fs.writeFileSync(path.join(dir, 'err-codemod.config.json'), JSON.stringify({ responseSinks: ['fail'] }));
    try {
      for (const jobs of ['1', '2']) {
        expect(findings(['--jobs', jobs]).map((f: { line: number; ruleId: string; message: string }) => `${f.line}:${f.ruleId}:${f.message}`)).toEqual([
          '8:leaked-exception:`err.message` is sent to the client',
        ]);
      }
    } finally {
      fs.rmSync(path.join(dir, 'err-codemod.config.json'));
    }
  });
});
