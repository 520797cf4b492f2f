import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type * as sarif from 'sarif';
import { beforeAll, describe, expect, test } from 'vitest';
import { insertLines, runCli, tempDir } from '../gate/helpers';

const ROOT = path.resolve(__dirname, '../..');
const LEGACY = path.join(ROOT, 'examples/legacy-api');
const MULTITOOL = path.join(ROOT, 'node_modules/.bin/sarif-multitool');

interface JsonDoc {
  findings: { ruleId: string; severity: string; file: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
}

/** Runs the SARIF multitool's validator (OASIS schema + SARIF rules) on `files`; returns its results per file. */
function validate(files: string[]): Map<string, sarif.Result[]> {
  const out = path.join(tempDir('err-codemod-sarif-'), 'validation.sarif');
  execFileSync(MULTITOOL, ['validate', ...files, '--output', out, '--log', 'ForceOverwrite'], { stdio: 'pipe', timeout: 60_000 });
  const log = JSON.parse(fs.readFileSync(out, 'utf8')) as sarif.Log;
  const byFile = new Map<string, sarif.Result[]>(files.map((f) => [f, []]));
  for (const r of log.runs[0]?.results ?? []) {
    const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
    const file = files.find((f) => uri === new URL(`file://${f}`).href);
    if (file) byFile.get(file)!.push(r);
  }
  return byFile;
}

const describeResult = (r: sarif.Result) => `${r.level ?? 'warning'} ${r.ruleId}: ${r.message.text ?? r.message.id} ${(r.message.arguments ?? []).join(' | ')}`;

describe('--format sarif', () => {
  let log: sarif.Log;
  let file: string;
  let json: JsonDoc;

  beforeAll(async () => {
    const run = await runCli(['analyze', 'examples/legacy-api', '--format', 'sarif'], ROOT);
    expect(run.code).toBe(1);
    file = path.join(tempDir('err-codemod-sarif-'), 'legacy-api.sarif');
    fs.writeFileSync(file, run.stdout);
    log = JSON.parse(run.stdout) as sarif.Log;
    json = JSON.parse((await runCli(['analyze', 'examples/legacy-api', '--format', 'json'], ROOT)).stdout) as JsonDoc;
  });

  test('the SARIF of examples/legacy-api passes the OASIS schema and the SARIF validator', () => {
    // A copy broken on purpose, validated in the same run, shows the validator does report problems.
    const broken = JSON.parse(fs.readFileSync(file, 'utf8')) as sarif.Log;
    broken.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    delete (broken.runs[0]!.results![1] as Partial<sarif.Result>).message;
    const canary = file.replace(/\.sarif$/, '.broken.sarif');
    fs.writeFileSync(canary, JSON.stringify(broken, null, 2));

    const results = validate([file, canary]);
    expect(results.get(canary)!.filter((r) => r.level === 'error').length).toBeGreaterThanOrEqual(2);
    expect(results.get(file)!.map(describeResult)).toEqual([]);
  });

  test('tool.driver.rules carries the rule metadata', () => {
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(['leaked-exception', 'leaked-downstream', 'error-in-2xx', 'bare-500', 'client-error-as-500', 'auth-status-mismatch', 'account-enumeration']);
    const leaked = rules[0]!;
    expect(leaked.shortDescription?.text).toMatch(/Exception details/);
    expect(leaked.fullDescription?.text).toMatch(/server log/);
    expect(leaked.help?.text).toContain('Bad:\ncatch (err) {\n  res.status(500).json({ error: err.message });');
    expect(leaked.help?.markdown).toContain("**Good**\n\n```js\ncatch (err) {\n  next(new InternalError(");
    expect(leaked.defaultConfiguration?.level).toBe('error');
    expect(leaked.properties?.tags).toEqual(expect.arrayContaining(['security', 'CWE-209', 'CWE-497']));
    expect(leaked.properties?.['security-severity']).toBe('5.4');
    const bare = rules.find((r) => r.id === 'bare-500')!;
    expect(bare.defaultConfiguration?.level).toBe('warning');
    expect(bare.properties?.tags).not.toContain('security');
  });

  test('results are the findings, with regions, rule indexes and fingerprints', () => {
    const run = log.runs[0]!;
    const results = run.results!;
    expect(results).toHaveLength(json.findings.length);
    results.forEach((r, i) => {
      const f = json.findings[i]!;
      expect(r.ruleId).toBe(f.ruleId);
      expect(run.tool.driver.rules![r.ruleIndex!]!.id).toBe(f.ruleId);
      expect(r.level).toBe(f.severity);
      expect(r.message.text).toBe(f.message);
      const loc = r.locations![0]!.physicalLocation!;
      expect(loc.artifactLocation!.uri).toBe(f.file);
      expect(loc.region).toEqual({ startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
      expect(r.partialFingerprints?.['errCodemod/v1']).toMatch(/^[0-9a-f]{32}$/);
    });
    expect(new Set(results.map((r) => r.partialFingerprints!['errCodemod/v1'])).size).toBe(results.length);
    expect(run.originalUriBaseIds?.['%SRCROOT%']?.uri).toBe(`file://${ROOT}/`);
  });

  test('partialFingerprints stay the same when unrelated lines move the findings', async () => {
    const dir = tempDir();
    fs.cpSync(LEGACY, dir, { recursive: true });
    const sarifOf = async () => (JSON.parse((await runCli(['analyze', '--format', 'sarif'], dir)).stdout) as sarif.Log).runs[0]!.results!;
    const before = await sarifOf();
    for (const f of ['app.js', 'routes/payments.js', 'controllers/ordersController.js']) insertLines(path.join(dir, f), 2, ['// moved', 'const unrelated = 1;', '']);
    const after = await sarifOf();
    const key = (r: sarif.Result) => `${r.locations![0]!.physicalLocation!.artifactLocation!.uri} ${r.partialFingerprints!['errCodemod/v1']}`;
    expect(after.map(key).sort()).toEqual(before.map(key).sort());
    const lines = (rs: sarif.Result[]) => rs.filter((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri === 'app.js').map((r) => r.locations![0]!.physicalLocation!.region!.startLine!);
    expect(lines(after)).toEqual(lines(before).map((l) => l + 3));
  });

  test('suppressed and baselined findings are left out, like in the JSON report', async () => {
    const dir = tempDir();
    fs.cpSync(LEGACY, dir, { recursive: true });
    expect((await runCli(['analyze', '--update-baseline'], dir)).code).toBe(0);
    const r = await runCli(['analyze', '--baseline', '--format', 'sarif'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as sarif.Log;
    expect(doc.runs[0]!.results).toEqual([]);
    expect(doc.runs[0]!.tool.driver.rules).toHaveLength(7);
  });

  test('files that cannot be parsed become tool execution notifications', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'ok.js'), "const app = require('express')();\napp.get('/', (req, res) => { try { x(); } catch (err) { res.status(500).send(err.message); } });\n");
    fs.writeFileSync(path.join(dir, 'broken.js'), "const app = require('express')();\napp.get('/', (req, res) => { res.send(\n");
    const r = await runCli(['analyze', '--format', 'sarif'], dir);
    const inv = (JSON.parse(r.stdout) as sarif.Log).runs[0]!.invocations![0]!;
    expect(inv.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'warning', locations: [expect.objectContaining({ physicalLocation: expect.objectContaining({ artifactLocation: { uri: 'broken.js', uriBaseId: '%SRCROOT%' } }) })] }),
    ]);
  });
});
