import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { TRANSFORM_NAMES } from '../../src/apply/transform';
import { REPO, fixtureCases, runTransform, tempDir } from './helpers';

// transforms/*.js are plain CommonJS modules over the built package (dist/), for `npx jscodeshift -t`.
const built = fs.existsSync(path.join(REPO, 'dist', 'apply', 'transform.js'));
const root = tempDir('jscodeshift');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe.skipIf(!built)('transforms/*.js under jscodeshift', () => {
  it.each(TRANSFORM_NAMES.map((t) => [t]))('%s is a jscodeshift transform that gives the fixtures\' output', (name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(REPO, 'transforms', `${name}.js`));
    expect(typeof mod).toBe('function');
    expect(mod.parser).toBe('tsx');
    const c = fixtureCases(name)[0]!;
    const out = runTransform(mod, fs.readFileSync(c.input, 'utf8'), c.virtual, c.errorsModule);
    expect(out.output).toBe(fs.readFileSync(c.output, 'utf8'));
  });

  it('runs with plain `jscodeshift -t transforms/leaked-exception.js --parser=tsx`', () => {
    const c = fixtureCases('leaked-exception').find((x) => x.name === 'catch-async-route.input.js')!;
    const file = path.join(root, 'src', 'routes', 'invoices.js');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.copyFileSync(path.join(path.dirname(c.input), 'package.json'), path.join(root, 'package.json'));
    fs.writeFileSync(path.join(root, 'err-codemod.config.json'), JSON.stringify({ errorsModule: './src/errors', framework: 'express' }));
    fs.copyFileSync(c.input, file);
    const bin = path.join(REPO, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
    const r = spawnSync(process.execPath, [bin, '-t', path.join(REPO, 'transforms', 'leaked-exception.js'), '--parser=tsx', '--run-in-band', '--silent', file], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(fs.readFileSync(c.output, 'utf8'));
  }, 60_000);
});
