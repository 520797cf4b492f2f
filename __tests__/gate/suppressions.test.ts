import { describe, expect, test } from 'vitest';
import { runCli, tempDir, writeFiles } from './helpers';

const HEAD = "const express = require('express');\nconst app = express();\n";
const route = (name: string, body: string) => `app.get('/${name}', async (req, res) => {\n  try {\n    await work();\n  } catch (err) {\n${body}\n  }\n});\n`;

interface JsonDoc {
  findings: { ruleId: string; line: number }[];
}

async function analyze(source: string) {
  const dir = tempDir();
  writeFiles(dir, { 'app.js': source });
  const r = await runCli(['analyze', '--format', 'json'], dir);
  return { ...r, lines: (JSON.parse(r.stdout) as JsonDoc).findings.map((f) => `${f.line} ${f.ruleId}`) };
}

describe('inline suppressions', () => {
  test('disable-next-line and disable-line suppress one rule on one line, and only with a reason', async () => {
    const r = await analyze(
      HEAD +
        route('a', '    // err-codemod-disable-next-line leaked-exception -- generic DB messages\n    res.status(500).json({ error: err.message });') +
        route('b', '    res.status(500).json({ error: err.message }); // err-codemod-disable-line leaked-exception -- fixed text') +
        route('c', '    // err-codemod-disable-next-line leaked-exception\n    res.status(500).json({ error: err.message });') +
        route('d', '    // err-codemod-disable-next-line bare-500 -- wrong rule\n    res.status(500).json({ error: err.message });'),
    );
    expect(r.code).toBe(1);
    // Only the directive without a reason (route c) and the one for another rule (route d) leave their leak.
    expect(r.lines).toEqual(['23 leaked-exception', '31 leaked-exception']);
    expect(r.stderr).toContain('app.js:22:5  err-codemod-disable-next-line leaked-exception has no reason, so it suppresses nothing');
    expect(r.stderr).toContain('app.js:30:5  unused err-codemod-disable-next-line: no bare-500 finding on the next line');
    expect(r.stderr).toContain('not reported: 2 suppressed inline');
  });

  test('a disable block runs to the matching enable, or to the end of the file', async () => {
    const leak = '    res.status(500).json({ error: err.message });';
    const r = await analyze(
      HEAD +
        '/* err-codemod-disable leaked-exception -- legacy v1 API, replaced in #42 */\n' +
        route('a', leak) +
        route('b', leak) +
        '/* err-codemod-enable */\n' +
        route('c', leak) +
        '/* err-codemod-disable leaked-exception, error-in-2xx -- v0 endpoints */\n' +
        route('d', leak),
    );
    expect(r.lines).toEqual(['23 leaked-exception']);
    // The second block suppressed a leak but no error-in-2xx: that half is unused.
    expect(r.stderr).toContain('app.js:26:1  unused err-codemod-disable: no error-in-2xx finding in this block');
    expect(r.stderr).not.toContain('app.js:3:1  unused');
  });

  test('malformed directives are reported and suppress nothing; text in strings is not a directive', async () => {
    const r = await analyze(
      HEAD +
        route('a', '    // err-codemod-disable-next-line -- no rule named\n    res.status(500).json({ error: err.message });') +
        route('b', '    // err-codemod-disable-next-line leaked-exceptions -- typo\n    res.status(500).json({ error: err.message });') +
        route('c', '    const note = "// err-codemod-disable-next-line leaked-exception -- in a string";\n    res.status(500).json({ error: err.message, note });'),
    );
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(3);
    expect(r.stderr).toContain('err-codemod-disable-next-line names no rule');
    expect(r.stderr).toContain('unknown rule "leaked-exceptions"');
  });

  test('suppressed findings do not count towards the exit code or the JSON summary', async () => {
    const r = await analyze(HEAD + route('a', '    // err-codemod-disable-next-line leaked-exception -- vetted\n    res.status(500).json({ error: err.message });'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.findings).toBe(0);
  });
});
