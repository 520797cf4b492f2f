import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSourceFiles } from '../../src/discovery/find-files';

describe('file discovery', () => {
  let dir: string;
  const write = (rel: string, text = 'export {};\n') => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  const rel = (files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/'));

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'err-codemod-discovery-'));
    fs.mkdirSync(path.join(dir, '.git'));
    write('.gitignore', 'generated/\n*.local.js\n');
    write('src/app.ts');
    write('src/routes/users.js');
    write('src/routes/legacy.cjs');
    write('src/routes/esm.mjs');
    write('src/views/page.tsx');
    write('src/views/widget.jsx');
    write('src/types/express.d.ts');
    write('src/config.local.js');
    write('src/api/.gitignore', 'scratch.ts\n');
    write('src/api/scratch.ts');
    write('src/api/orders.mts');
    write('src/api/orders.cts');
    write('src/assets/app.min.js');
    write('src/styles.css', 'body{}');
    write('generated/client.ts');
    write('node_modules/express/index.js');
    write('dist/app.js');
    write('coverage/lcov-report/prettify.js');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds every JS/TS flavour and skips dependencies, build output, declarations, bundles and ignored files', async () => {
    const { files } = await findSourceFiles(['.'], { cwd: dir });
    expect(rel(files)).toEqual([
      'src/api/orders.cts',
      'src/api/orders.mts',
      'src/app.ts',
      'src/routes/esm.mjs',
      'src/routes/legacy.cjs',
      'src/routes/users.js',
      'src/views/page.tsx',
      'src/views/widget.jsx',
    ]);
  });

  it('applies --include and --exclude globs', async () => {
    const { files } = await findSourceFiles(['src'], { cwd: dir, include: ['**/*.{js,cjs,mjs}'], exclude: ['**/legacy.*'] });
    expect(rel(files)).toEqual(['src/routes/esm.mjs', 'src/routes/users.js']);
  });

  it('applies the .gitignore files above a folder named on the command line, and negations in them', async () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'err-codemod-discovery-'));
    try {
      const put = (p: string, text = 'export {};\n') => {
        fs.mkdirSync(path.dirname(path.join(repo, p)), { recursive: true });
        fs.writeFileSync(path.join(repo, p), text);
      };
      fs.mkdirSync(path.join(repo, '.git'));
      put('.gitignore', '# build scratch\n*.local.js\n!keep.local.js\n');
      put('services/api/.gitignore', '# nothing but comments here\n');
      put('services/api/routes.js');
      put('services/api/debug.local.js');
      put('services/api/keep.local.js');
      put('services/web/.gitignore', 'fixtures/\n');
      put('services/web/fixtures/sample.js');
      put('services/web/page.js');
      const found = await findSourceFiles(['services/api', 'services/web'], { cwd: repo });
      expect(found.files.map((f) => path.relative(repo, f).split(path.sep).join('/'))).toEqual([
        'services/api/keep.local.js',
        'services/api/routes.js',
        'services/web/page.js',
      ]);
      const unfiltered = await findSourceFiles(['services'], { cwd: repo, gitignore: false });
      expect(unfiltered.files).toHaveLength(5);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it('analyses a file named explicitly and reports paths that do not exist', async () => {
    const { files, missing } = await findSourceFiles(['src/app.ts', 'src/nope'], { cwd: dir });
    expect(rel(files)).toEqual(['src/app.ts']);
    expect(missing).toEqual(['src/nope']);
  });
});
