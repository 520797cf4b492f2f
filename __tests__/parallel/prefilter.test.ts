import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyzer';
import { buildPrefilter, mayHoldSite } from '../../src/core/prefilter';
import { FRAMEWORKS } from '../../src/frameworks';
import { repoRoot, sourceFiles } from './support';

const fixtureRoot = path.join(repoRoot, '__testfixtures__');
const corpus = [...sourceFiles(fixtureRoot), ...sourceFiles(path.join(repoRoot, 'examples'))];
const rel = (f: string) => path.relative(repoRoot, f);

describe('pre-filter: drops nothing the full analysis finds', () => {
  it('has a corpus to check', () => {
    expect(corpus.length).toBeGreaterThan(20);
  });

  it.each(corpus.map((f) => [rel(f), f]))('%s', (_name, file) => {
    const full = analyzeFile(file, { cwd: repoRoot, prefilter: false });
    const filtered = analyzeFile(file, { cwd: repoRoot });
    expect(filtered.findings).toEqual(full.findings);
    const text = fs.readFileSync(file, 'utf8');
    if (full.findings.length) expect(mayHoldSite(text)).toBe(true);
    // A file the filter skips is never parsed: the only difference allowed is a parse error it did not look for.
    if (filtered.error || !full.error) expect(filtered.error).toEqual(full.error);
    else expect(mayHoldSite(text)).toBe(false);
  });
});

describe('pre-filter fixtures', () => {
  const edges = sourceFiles(path.join(fixtureRoot, 'prefilter', 'hint-edge'));
  const skipped = sourceFiles(path.join(fixtureRoot, 'prefilter', 'no-site'));

  it.each(edges.map((f) => [path.basename(f), f]))('keeps %s, where the full analysis finds a site', (_name, file) => {
    expect(analyzeFile(file, { cwd: repoRoot, prefilter: false }).findings.length).toBeGreaterThan(0);
    expect(mayHoldSite(fs.readFileSync(file, 'utf8'))).toBe(true);
  });

  it.each(skipped.map((f) => [path.basename(f), f]))('skips %s, which has no response call', (_name, file) => {
    expect(mayHoldSite(fs.readFileSync(file, 'utf8'))).toBe(false);
  });
});

describe('buildPrefilter', () => {
  it('is built from the framework models, so a new model extends it through its hint', () => {
    const text = 'export default async (ctx) => { ctx.throwProblem(500, err.message); }';
    expect(buildPrefilter(FRAMEWORKS)(text)).toBe(false);
    expect(buildPrefilter([...FRAMEWORKS, { hint: /\.\s*throwProblem\s*\(/ }])(text)).toBe(true);
  });

  it('accepts type arguments, optional calls and comments between a method name and its call', () => {
    const filter = buildPrefilter([{ hint: /\.\s*(json|send)\s*\(/ }]);
    expect(filter('res.json<Body>(x)')).toBe(true);
    expect(filter('res.json?.(x)')).toBe(true);
    expect(filter('res.send /* raw */ (x)')).toBe(true);
    expect(filter('res.send // raw\n(x)')).toBe(true);
    expect(filter('const json = JSON.parse(text)')).toBe(false);
  });

  it('ignores stateful flags and keeps hints with other flags apart', () => {
    const filter = buildPrefilter([{ hint: /\.json\(/g }, { hint: /reply\.SEND\(/i }]);
    // a global regex would remember lastIndex between files
    expect(filter('res.json(a)')).toBe(true);
    expect(filter('res.json(a)')).toBe(true);
    expect(filter('reply.send(a)')).toBe(true);
    expect(filter('res.JSON(a)')).toBe(false);
  });

  it('tests hints that cannot share a regex one by one', () => {
    const filter = buildPrefilter([{ hint: /(?<m>json)\(\k<m>/ }, { hint: /(?<m>send)\(/ }]);
    expect(filter('json(json')).toBe(true);
    expect(filter('send(')).toBe(true);
    expect(filter('json(send')).toBe(false);
  });

  it('lets nothing through without models', () => {
    expect(buildPrefilter([])('res.json(x)')).toBe(false);
  });
});
