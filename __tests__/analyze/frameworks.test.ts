import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../../src/core/analyze-file';
import { mayHoldSite } from '../../src/core/prefilter';
import { listFixtures } from '../helpers/expectations';

const root = path.join(__dirname, '..', '..', '__testfixtures__', 'analyze');
const FRAMEWORK_DIRS = ['koa', 'fastify', 'nestjs', 'next', 'hapi'];

/** A fixture that mixes frameworks says which ones: `// frameworks: express, koa`. */
function declaredFrameworks(source: string): string[] | null {
  const m = /^\/\/\s*frameworks:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)\s*$/m.exec(source);
  return m ? m[1]!.split(',').map((s) => s.trim()).sort() : null;
}

describe('framework models: findings name their framework', () => {
  for (const dir of FRAMEWORK_DIRS) {
    const fixtures = listFixtures(path.join(root, dir));

    it(`${dir}: has fixtures`, () => {
      expect(fixtures.length).toBeGreaterThanOrEqual(5);
    });

    it.each(fixtures.map((f) => [path.relative(root, f), f]))('%s', (_name, file) => {
      const source = fs.readFileSync(file, 'utf8');
      // the cheap pre-filter must let every file with a site through
      expect(mayHoldSite(source)).toBe(true);
      const frameworks = [...new Set(analyzeSource(source, file).map((f) => f.framework))].sort();
      const declared = declaredFrameworks(source);
      if (declared) expect(frameworks).toEqual(declared);
      else for (const fw of frameworks) expect(fw).toBe(dir);
    });
  }
});
