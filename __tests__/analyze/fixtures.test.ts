import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../../src/core/analyze-file';
import { expectedFindings, listFixtures } from '../helpers/expectations';

const root = path.join(__dirname, '..', '..', '__testfixtures__', 'analyze');
const fixtures = listFixtures(root);

describe('analyzer fixtures: findings match the `// expect:` annotations exactly', () => {
  it('has fixtures for every rule', () => {
    const all = fixtures.flatMap((f) => expectedFindings(fs.readFileSync(f, 'utf8')).map((e) => e.split(':')[1]));
    for (const rule of ['leaked-exception', 'leaked-downstream', 'error-in-2xx', 'bare-500', 'client-error-as-500', 'auth-status-mismatch', 'account-enumeration']) {
      expect(all, rule).toContain(rule);
    }
  });

  it.each(fixtures.map((f) => [path.relative(root, f), f]))('%s', (_name, file) => {
    const source = fs.readFileSync(file, 'utf8');
    const actual = analyzeSource(source, file)
      .map((f) => `${f.line}:${f.ruleId}`)
      .sort();
    expect(actual).toEqual(expectedFindings(source));
  });
});
