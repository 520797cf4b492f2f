import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config';
import { runCli, tempDir, writeFiles } from './helpers';

const APP = `const express = require('express');
const app = express();
function safeMessage(err) {
  return err.message.slice(0, 200);
}
app.get('/a', async (req, res) => {
  try {
    await work();
  } catch (err) {
    res.status(500).json({ error: safeMessage(err) });
  }
});
app.get('/b', (req, res) => {
  res.json({ error: 'Not found' });
});
`;

interface JsonDoc {
  findings: { ruleId: string; severity: string; file: string }[];
}

async function withConfig(config: unknown, files: Record<string, string> = {}, args: string[] = []) {
  const dir = tempDir();
  writeFiles(dir, { 'app.js': APP, ...files });
  if (config !== undefined) writeFiles(dir, { 'err-codemod.config.json': typeof config === 'string' ? config : JSON.stringify(config) });
  return { dir, ...(await runCli(['analyze', '--format', 'json', ...args], dir)) };
}
const rules = (stdout: string) => (JSON.parse(stdout) as JsonDoc).findings.map((f) => `${f.ruleId}:${f.severity}`);

describe('err-codemod.config.json', () => {
  test('without config: the defaults', async () => {
    const r = await withConfig(undefined);
    expect(r.code).toBe(1);
    expect(rules(r.stdout)).toEqual(['leaked-exception:error', 'error-in-2xx:warning']);
  });

  test('rule severities, "off", and sanitizers change what is reported and the exit code', async () => {
    const r = await withConfig({ rules: { 'error-in-2xx': 'error' }, sanitizers: ['safeMessage'] });
    expect(rules(r.stdout)).toEqual(['error-in-2xx:error']);
    expect(r.code).toBe(1);
    const off = await withConfig({ rules: { 'leaked-exception': 'warning', 'error-in-2xx': 'off' } });
    expect(rules(off.stdout)).toEqual(['leaked-exception:warning']);
    expect(off.code).toBe(0);
  });

  test('include and exclude select files', async () => {
    const leak = APP.replace('{ error: safeMessage(err) }', '{ error: err.stack }');
    const r = await withConfig({ exclude: ['legacy/**'], rules: { 'error-in-2xx': 'off' }, sanitizers: ['safeMessage'] }, { 'legacy/old.js': leak, 'src/new.js': leak });
    expect((JSON.parse(r.stdout) as JsonDoc).findings.map((f) => f.file)).toEqual(['src/new.js']);
  });

  test('the "errCodemod" key of package.json is read when there is no config file', async () => {
    const r = await withConfig(undefined, { 'package.json': JSON.stringify({ name: 'x', errCodemod: { rules: { 'leaked-exception': 'off' } } }) });
    expect(rules(r.stdout)).toEqual(['error-in-2xx:warning']);
    const bad = await withConfig(undefined, { 'package.json': JSON.stringify({ name: 'x', errCodemod: { rules: { 'leaked-exception': 'never' } } }) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('package.json#errCodemod: "rules.leaked-exception" must be "error", "warning" or "off"');
  });

  test.each([
    [{ rules: { 'leaked-exceptions': 'error' } }, '"rules.leaked-exceptions" is not a rule'],
    [{ rules: { 'bare-500': 'warn' } }, '"rules.bare-500" must be "error", "warning" or "off"'],
    [{ sanitizers: 'safeMessage' }, '"sanitizers" must be an array of strings'],
    [{ sanitizers: ['safe message()'] }, '"sanitizers" must hold function names'],
    [{ responseSinks: ['res.sendError'] }, '"responseSinks" must hold method names'],
    [{ responseSinks: [1] }, '"responseSinks" must be an array of strings'],
    [{ include: 'src/**' }, '"include" must be an array of strings'],
    [{ framework: 'rails' }, '"framework" must be one of express, koa, fastify, nestjs, next'],
    [{ errorsModule: 42 }, '"errorsModule" must be a non-empty string'],
    [{ rulez: {} }, 'unknown key "rulez"'],
    [[], 'the config must be a JSON object'],
    ['{ "rules": ', 'err-codemod.config.json is not valid JSON'],
  ])('invalid config %j: exit 2 naming the key', async (config, message) => {
    const r = await withConfig(config);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  test('valid keys are passed through (responseSinks, errorsModule, framework)', () => {
    const dir = tempDir();
    writeFiles(dir, { 'err-codemod.config.json': JSON.stringify({ responseSinks: ['sendError'], errorsModule: 'src/errors', framework: 'express' }) });
    expect(loadConfig(dir)).toMatchObject({ responseSinks: ['sendError'], errorsModule: 'src/errors', framework: 'express' });
  });
});
