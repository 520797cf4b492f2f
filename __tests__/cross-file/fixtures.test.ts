import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePaths } from '../../src/analyzer';
import { expectedFindings, listFixtures } from '../helpers/expectations';

const root = path.join(__dirname, '..', '..', '__testfixtures__', 'cross-file');
const projects = fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

/** `file:line:rule` for every `// expect:` annotation of a project. */
function annotations(dir: string): string[] {
  return listFixtures(dir)
    .flatMap((file) => expectedFindings(fs.readFileSync(file, 'utf8')).map((e) => `${path.relative(dir, file).split(path.sep).join('/')}:${e}`))
    .sort();
}

async function findings(dir: string, options: { jobs: number; crossFile?: boolean }) {
  const result = await analyzePaths(['.'], { cwd: dir, ...options });
  expect(result.errors).toEqual([]);
  return result;
}

const keys = (r: Awaited<ReturnType<typeof findings>>) => r.findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`).sort();

describe('cross-file fixtures: findings across modules match the `// expect:` annotations exactly', () => {
  it('covers every project kind', () => {
    expect(projects).toEqual(expect.arrayContaining(['value-helpers-cjs', 'value-helpers-esm-ts', 'response-helpers', 'downstream-services', 'path-alias', 'import-cycle', 'koa-helpers', 'nestjs-injected']));
  });

  it.each(projects)('%s (--jobs 1 and --jobs 2 agree)', async (name) => {
    const dir = path.join(root, name);
    const one = await findings(dir, { jobs: 1 });
    expect(keys(one)).toEqual(annotations(dir));
    const two = await findings(dir, { jobs: 2 });
    expect(two.findings).toEqual(one.findings);
  });

  it.each(projects)('%s: without cross-file analysis, the findings through other modules are missed', async (name) => {
    const dir = path.join(root, name);
    const single = keys(await findings(dir, { jobs: 1, crossFile: false }));
    const expected = annotations(dir);
    // single-file findings are a strict subset: what is added is exactly what goes through another module
    expect(expected).toEqual(expect.arrayContaining(single));
    expect(single.length).toBeLessThan(expected.length);
  });
});
