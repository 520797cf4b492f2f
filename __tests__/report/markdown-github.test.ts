import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { AnalysisResult } from '../../src/analyzer';
import type { Finding } from '../../src/core/types';
import { formatGithub } from '../../src/report/github';
import { formatMarkdown } from '../../src/report/markdown';
import { runCli, tempDir, writeFiles } from '../gate/helpers';

const APP = `const express = require('express');
const app = express();
app.get('/a', async (req, res) => {
  try {
    await work();
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
});
app.get('/b', (req, res) => {
  res.json({ error: 'Not found' });
});
`;

function finding(over: Partial<Finding>): Finding {
  const base = { ruleId: 'leaked-exception', severity: 'error', file: 'src/app.js', line: 3, column: 5, endLine: 3, endColumn: 40, message: 'm', framework: 'express', fixable: true } as const;
  const f = { ...base, ...over } as Finding;
  f.range = { start: 0, end: 1, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn };
  return f;
}
const result = (findings: Finding[], errors: AnalysisResult['errors'] = []): AnalysisResult => ({ findings, errors, filesScanned: 3, durationMs: 12 });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('--format markdown', () => {
  test('a headline, a table per rule, then the findings grouped by file', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'src/app.js': APP, 'src/other.js': APP });
    vi.stubEnv('GITHUB_SHA', '');
    const r = await runCli(['analyze', '--format', 'markdown'], dir);
    expect(r.code).toBe(1);
    const md = r.stdout;
    expect(md.startsWith('## err-codemod: 4 findings (2 errors, 2 warnings)\n\n2 files analysed in ')).toBe(true);
    expect(md).toContain('| Rule | Severity | Findings | What |\n| --- | --- | ---: | --- |\n| `leaked-exception` | error | 2 | Exception details');
    expect(md).toContain('| `error-in-2xx` | warning | 2 |');
    expect(md).toContain('### `src/app.js`\n\n- 7:5 **error** `leaked-exception`: `err.message` is sent to the client\n- 11:3 **warning** `error-in-2xx`: ');
    expect(md.indexOf('### `src/app.js`')).toBeLessThan(md.indexOf('### `src/other.js`'));
    expect(r.stderr).toBe('');
  });

  test('says what the baseline and suppressions hide', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'src/app.js': APP });
    await runCli(['analyze', '--update-baseline'], dir);
    const r = await runCli(['analyze', '--baseline', '--format', 'markdown'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('## err-codemod: no findings\n\n1 file analysed in ' + r.stdout.match(/in (\d+) ms/)![1] + ' ms. Not reported: 2 in the baseline.\n');
  });

  test('escapes Markdown outside code spans, links lines on GitHub Actions, and caps long lists', () => {
    const f1 = finding({ message: 'Login tells <b>unknown</b> | `a|b` apart_from *x*' });
    const f2 = finding({ line: 9, endLine: 11 });
    const md = formatMarkdown(result([f1, f2]), { cwd: '/repo/api', links: { base: 'https://github.com/o/r/blob/abc', root: '/repo' }, maxFindings: 1 });
    expect(md).toContain('- [3:5](https://github.com/o/r/blob/abc/api/src/app.js#L3) **error** `leaked-exception`: Login tells &lt;b&gt;unknown&lt;/b&gt; \\| `a|b` apart\\_from \\*x\\*');
    expect(md).toContain('_… and 1 more finding not listed here._');
    const linked = formatMarkdown(result([f2]), { cwd: '/repo', links: { base: 'https://x/blob/s', root: '/repo' } });
    expect(linked).toContain('[9:5](https://x/blob/s/src/app.js#L9-L11)');
  });

  test('lists files that could not be analysed', () => {
    const md = formatMarkdown(result([], [{ file: 'broken.js', line: 3, message: 'Unexpected token' }]), { cwd: '/r', links: null });
    expect(md).toContain('<details><summary>1 file not analysed</summary>\n\n- `broken.js:3`: Unexpected token\n\n</details>');
  });
});

describe('--format github', () => {
  test('one workflow command per finding, and nothing else on stdout', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'src/app.js': APP });
    vi.stubEnv('GITHUB_WORKSPACE', '');
    const r = await runCli(['analyze', '--format', 'github'], dir);
    expect(r.code).toBe(1);
    const json = JSON.parse((await runCli(['analyze', '--format', 'json'], dir)).stdout) as { findings: Finding[] };
    expect(json.findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`)).toEqual(['leaked-exception@7:5', 'error-in-2xx@11:3']);
    expect(r.stdout).toBe(
      json.findings
        .map((f) => `::${f.severity} file=src/app.js,line=${f.line},endLine=${f.endLine},col=${f.column},endColumn=${f.endColumn},title=err-codemod ${f.ruleId}::${f.message}\n`)
        .join(''),
    );
    expect(r.stdout.split('\n')[0]).toMatch(/^::error file=src\/app\.js,line=7,endLine=7,col=5,endColumn=\d+,title=err-codemod leaked-exception::`err\.message`/);
  });

  test('paths are relative to the workspace; property values and messages are escaped', () => {
    const f = finding({ file: 'src/a,b:c.js', message: '50% of\nthe text', line: 4, endLine: 6 });
    const out = formatGithub(result([f], [{ file: 'x.js', message: 'Unexpected token' }]), { cwd: '/ws/api', workspace: '/ws' });
    expect(out).toBe(
      '::error file=api/src/a%2Cb%3Ac.js,line=4,endLine=6,col=5,title=err-codemod leaked-exception::50%25 of%0Athe text\n' +
        '::warning file=api/x.js,title=err-codemod%3A file not analysed::Unexpected token\n',
    );
    expect(formatGithub(result([finding({})]), { cwd: path.resolve('/elsewhere'), workspace: '/ws' })).toContain('file=src/app.js,');
  });
});
