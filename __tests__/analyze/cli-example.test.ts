import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli';

interface Expected {
  file: string;
  line: number;
  ruleId: string;
}

const expected = JSON.parse(fs.readFileSync(path.join(REPO, '__testfixtures__', 'legacy-api.expected.json'), 'utf8')) as Expected[];
const RULE_SEVERITY: Record<string, string> = {
  'leaked-exception': 'error',
  'leaked-downstream': 'error',
  'error-in-2xx': 'warning',
  'bare-500': 'warning',
  'client-error-as-500': 'warning',
  'auth-status-mismatch': 'warning',
  'account-enumeration': 'warning',
};

describe('err-codemod analyze examples/legacy-api', () => {
  const json = runCli(['analyze', 'examples/legacy-api', '--format', 'json']);
  const doc = JSON.parse(json.stdout);

  it('exits 1 because the example leaks exception and downstream details', () => {
    expect(json.code).toBe(1);
  });

  it('prints the contract JSON document', () => {
    expect(Object.keys(doc)).toEqual(['tool', 'findings', 'errors', 'summary']);
    expect(doc.tool).toEqual({ name: 'err-codemod', version: '0.1.0' });
    expect(doc.errors).toEqual([]);
    expect(doc.summary.findings).toBe(doc.findings.length);
    expect(doc.summary.filesScanned).toBeGreaterThanOrEqual(20);
    expect(typeof doc.summary.durationMs).toBe('number');
    for (const f of doc.findings) {
      expect(Object.keys(f)).toEqual(['ruleId', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'framework', 'fixable']);
      expect(f.file).toMatch(/^examples\/legacy-api\/[\w/.-]+\.js$/);
      expect(f.severity).toBe(RULE_SEVERITY[f.ruleId]);
      expect(f.framework).toBe('express');
      expect(f.line).toBeLessThanOrEqual(f.endLine);
      expect(f.column).toBeGreaterThanOrEqual(1);
    }
    const byRule: Record<string, number> = {};
    for (const f of doc.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    expect(doc.summary.byRule).toEqual(byRule);
  });

  it('finds exactly the anti-patterns planted in the example, at the line of the response call', () => {
    const actual = doc.findings.map((f: Expected) => `${f.file.replace('examples/legacy-api/', '')}:${f.line}:${f.ruleId}`).sort();
    const wanted = expected.map((f) => `${f.file}:${f.line}:${f.ruleId}`).sort();
    expect(actual).toEqual(wanted);
  });

  it('points at the response call: the range starts where `res.` starts', () => {
    const mw = doc.findings.find((f: { file: string }) => f.file.endsWith('utils/sendError.js'));
    const source = fs.readFileSync(path.join(REPO, mw.file), 'utf8').split('\n');
    expect(source[mw.line - 1]!.slice(mw.column - 1)).toMatch(/^res\.status\(/);
    expect(mw.message).toContain('err.message');
  });

  it('prints a stylish report with code frames and a summary by default', () => {
    const r = runCli(['analyze', 'examples/legacy-api']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('examples/legacy-api/routes/payments.js');
    expect(r.stdout).toMatch(/error\s+`err\.response\.data` \(the downstream response body\) is sent to the client/);
    expect(r.stdout).toContain('> 31 |       return res.status(err.response.status).json(err.response.data);');
    expect(r.stdout).toMatch(/✖ \d+ findings \(\d+ errors, \d+ warnings\)/);
  });

  it('gates on --fail-on: warnings only fail with --fail-on warning, nothing with none', () => {
    const leaksOff = path.join(REPO, '__testfixtures__', 'analyze', 'express', 'comments-bare-500.js');
    expect(runCli(['analyze', leaksOff, '--format', 'json']).code).toBe(0);
    expect(runCli(['analyze', leaksOff, '--format', 'json', '--fail-on', 'warning']).code).toBe(1);
    expect(runCli(['analyze', 'examples/legacy-api', '--format', 'json', '--fail-on', 'none']).code).toBe(0);
  });

  it('exits 2 on usage errors', () => {
    expect(runCli(['analyze', 'no/such/dir']).code).toBe(2);
    expect(runCli(['analyze', '--format', 'xml', 'examples']).code).toBe(2);
    expect(runCli(['analyze', '--fail-on', 'sometimes', 'examples']).code).toBe(2);
  });

  it('explains a rule', () => {
    const r = runCli(['rules', 'leaked-exception']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CWE-209');
    expect(runCli(['rules']).stdout.split('\n').filter(Boolean)).toHaveLength(7);
    expect(runCli(['rules', 'nope']).code).toBe(2);
  });
});
