import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../../src/core/analyze-file';
import { parseSource } from '../../src/parse/parse-source';
import { TRANSFORM_NAMES, type TransformName } from '../../src/apply/transform';
import { FIXABLE_RULES } from '../../src/apply/rewrite';
import { REPO, fixtureCases, runTransform } from './helpers';

const read = (f: string) => fs.readFileSync(f, 'utf8');

describe('every transform has its module and realistic fixtures', () => {
  it.each(TRANSFORM_NAMES.map((t) => [t]))('%s', (name) => {
    expect(fs.existsSync(path.join(REPO, 'transforms', `${name}.js`))).toBe(true);
    const cases = fixtureCases(name as TransformName);
    const files = cases.map((c) => c.name);
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const c of cases) expect(fs.existsSync(c.output), `${c.name} has an output`).toBe(true);
    // Express 4 and 5, TypeScript and JavaScript, ES modules and CommonJS
    expect(files.some((f) => f.startsWith('express5/'))).toBe(true);
    expect(files.some((f) => !f.startsWith('express5/'))).toBe(true);
    expect(files.some((f) => /\.ts$/.test(f))).toBe(true);
    expect(files.some((f) => /\.js$/.test(f))).toBe(true);
    const sources = cases.map((c) => read(c.input));
    expect(sources.some((s) => /^import /m.test(s))).toBe(true);
    expect(sources.some((s) => /\brequire\(/.test(s))).toBe(true);
  });

  it('covers each fixable rule', () => {
    for (const rule of FIXABLE_RULES) expect(TRANSFORM_NAMES).toContain(rule);
  });
});

describe.each(TRANSFORM_NAMES.map((t) => [t]))('%s fixtures', (name) => {
  const transform = name as TransformName;
  const cases = fixtureCases(transform);

  it.each(cases.map((c) => [c.name, c]))('%s', (_label, c) => {
    const input = read(c.input);
    const expected = read(c.output);
    const first = runTransform(transform, input, c.virtual, c.errorsModule);
    expect(first.output).toBe(expected);

    // Idempotent: the transform applied to its own output changes nothing.
    const second = runTransform(transform, expected, c.virtual, c.errorsModule);
    expect(second.output).toBe(expected);

    // Never leaves a file that does not parse.
    expect(() => parseSource(expected, c.virtual)).not.toThrow();

    if (transform === 'register-error-handler') return;
    // What is left of the rule is exactly what the transform reports for manual review.
    const left = analyzeSource(expected, c.virtual).filter((f) => f.ruleId === transform);
    expect(second.reports.length).toBe(left.length);
    if (expected === input) expect(first.reports.length, 'an unchanged case explains why').toBeGreaterThan(0);
    else expect(left.length).toBeLessThan(analyzeSource(input, c.virtual).filter((f) => f.ruleId === transform).length);
  });
});
