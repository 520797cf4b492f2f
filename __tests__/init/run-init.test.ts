// `err-codemod init`: detection, the files and config it writes, what it refuses to overwrite, the command.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { initCommand } from '../../src/commands/init';
import { CONFIG_FILE, FRAMEWORKS, InitConflictError, InitError, runInit, type InitOptions } from '../../src/init';
import { withHeader } from '../../src/init/generate';
import { makeProject, removeProjects } from './helpers/generated';

const TEMPLATES = path.join(__dirname, '..', '..', 'src', 'init', 'templates');

afterAll(() => removeProjects());

const readConfig = (dir: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(dir, CONFIG_FILE), 'utf8')) as Record<string, unknown>;
const list = (dir: string): string[] => fs.readdirSync(dir).sort();
const actions = (result: { files: Array<{ path: string; action: string }> }): Record<string, string> =>
  Object.fromEntries(result.files.map((f) => [f.path, f.action]));

describe('detection', () => {
  test('an Express TypeScript project gets TypeScript CommonJS in src/errors', () => {
    const dir = makeProject({ dependencies: { express: '^4.21.0' }, devDependencies: { typescript: '^5' } }, { 'tsconfig.json': '{}' });
    const result = runInit({ cwd: dir });
    expect(result).toMatchObject({ framework: 'express', lang: 'ts', module: 'cjs', outDir: 'src/errors', errorsModule: './src/errors' });
    expect(list(path.join(dir, 'src', 'errors'))).toEqual(
      ['errors.ts', 'express.ts', 'handler.ts', 'index.ts', 'problem.ts', 'redact.ts', 'request-id.ts', 'status.ts'],
    );
    expect(Object.values(actions(result))).toEqual(Array(8).fill('created'));
    expect(readConfig(dir)).toEqual({ errorsModule: './src/errors', framework: 'express' });
    expect(result.instructions).toContain("import { errorHandler, notFoundHandler } from './src/errors';");
    expect(result.instructions).toContain('app.use(errorHandler());');
  });

  test('a "type": "module" project without tsconfig gets ESM JavaScript with explicit .js specifiers', () => {
    const dir = makeProject({ type: 'module', dependencies: { koa: '^2' } });
    const result = runInit({ cwd: dir });
    expect(result).toMatchObject({ framework: 'koa', lang: 'js', module: 'esm', errorsModule: './src/errors/index.js' });
    const index = fs.readFileSync(path.join(dir, 'src', 'errors', 'index.js'), 'utf8');
    expect(index).toContain("export * from './koa.js';");
    expect(result.instructions).toContain("import { errorMiddleware } from './src/errors/index.js';");
  });

  test('a CommonJS JavaScript project gets require() instructions', () => {
    const dir = makeProject({ dependencies: { fastify: '^5' } });
    const result = runInit({ cwd: dir });
    expect(result).toMatchObject({ framework: 'fastify', lang: 'js', module: 'cjs' });
    expect(result.instructions).toContain("const { errorHandler, notFoundHandler } = require('./src/errors');");
    expect(result.instructions).toContain('app.setNotFoundHandler(notFoundHandler());');
  });

  test.each([
    [{ '@nestjs/core': '^11', '@nestjs/platform-express': '^11', express: '^5' }, 'nestjs', 'app.useGlobalFilters(new ProblemDetailsFilter());'],
    [{ next: '^15', react: '^19', express: '^4' }, 'next', 'export const GET = withErrorHandler('],
    [{ '@nestjs/common': '^11', fastify: '^5' }, 'nestjs', 'ProblemDetailsFilter'],
  ])('%o is %s', (deps, framework, snippet) => {
    const dir = makeProject({ dependencies: deps });
    const result = runInit({ cwd: dir });
    expect(result.framework).toBe(framework);
    expect(result.instructions).toContain(snippet);
  });

  test('--framework, --lang, --module and --out override detection', () => {
    const dir = makeProject({ type: 'module', dependencies: { express: '^4' } });
    const result = runInit({ cwd: dir, framework: 'next', lang: 'ts', module: 'esm', out: 'lib/http-errors' });
    expect(result).toMatchObject({ framework: 'next', lang: 'ts', module: 'esm', outDir: 'lib/http-errors' });
    expect(readConfig(dir)).toEqual({ errorsModule: './lib/http-errors/index.js', framework: 'next' });
    expect(fs.readFileSync(path.join(dir, 'lib', 'http-errors', 'index.ts'), 'utf8')).toContain("from './next.js';");
  });

  test.each<[string, Record<string, unknown>, Omit<InitOptions, 'cwd'>, RegExp]>([
    ['several frameworks', { dependencies: { express: '^4', koa: '^2' } }, {}, /several frameworks \(koa, express\); choose one with --framework/],
    ['no framework', { dependencies: { lodash: '^4' } }, {}, /no supported framework/],
    ['a bad --framework', { dependencies: { express: '^4' } }, { framework: 'hapi' }, /--framework must be one of express, koa, fastify, nestjs, next/],
    ['a bad --lang', { dependencies: { express: '^4' } }, { lang: 'coffee' }, /--lang must be one of ts, js/],
    ['a bad --module', { dependencies: { express: '^4' } }, { module: 'amd' }, /--module must be one of esm, cjs/],
  ])('%s is a usage error (exit 2) and writes nothing', (_name, pkg, options, message) => {
    const dir = makeProject(pkg);
    const before = list(dir);
    expect(() => runInit({ cwd: dir, ...options })).toThrow(message);
    expect(list(dir)).toEqual(before);
  });

  test('no package.json needs --framework', () => {
    const dir = makeProject({});
    fs.rmSync(path.join(dir, 'package.json'));
    expect(() => runInit({ cwd: dir })).toThrow(/no package.json here/);
    expect(runInit({ cwd: dir, framework: 'koa' }).framework).toBe('koa');
  });
});

describe('outputs', () => {
  test.each(FRAMEWORKS)('%s TypeScript output is the templates as they are, re-exported from index.ts', (framework) => {
    const dir = makeProject({});
    runInit({ cwd: dir, framework, lang: 'ts', module: 'cjs' });
    const out = path.join(dir, 'src', 'errors');
    for (const file of list(out).filter((f) => f !== 'index.ts')) {
      const generated = fs.readFileSync(path.join(out, file), 'utf8');
      const body = generated.split('\n').slice(3).join('\n');
      expect(body).toBe(fs.readFileSync(path.join(TEMPLATES, file), 'utf8'));
    }
    const index = fs.readFileSync(path.join(out, 'index.ts'), 'utf8');
    expect(index).toContain(`export * from './${framework}';`);
  });

  test.each(FRAMEWORKS)('%s JavaScript output imports nothing but node: built-ins, the framework and its own files', (framework) => {
    const allowed: Record<string, string[]> = { nestjs: ['@nestjs/common'] };
    for (const module of ['cjs', 'esm'] as const) {
      const dir = makeProject({ type: module === 'esm' ? 'module' : 'commonjs' });
      runInit({ cwd: dir, framework, lang: 'js', module });
      const out = path.join(dir, 'src', 'errors');
      for (const file of list(out)) {
        const code = fs.readFileSync(path.join(out, file), 'utf8');
        const specifiers = [...code.matchAll(/(?:\bfrom\s+|\brequire\()(['"])([^'"]+)\1/g)].map((m) => m[2]!);
        for (const s of specifiers) {
          const ok = s.startsWith('./') || s.startsWith('node:') || (allowed[framework] ?? []).includes(s);
          expect(ok, `${file} imports ${s}`).toBe(true);
          if (module === 'esm' && s.startsWith('./')) expect(s).toMatch(/\.js$/);
        }
      }
    }
  });

  test('a module format other than the package type gets .mjs / .cjs / .mts files that load', () => {
    const cjsPackage = makeProject({ type: 'commonjs' });
    const mjs = runInit({ cwd: cjsPackage, framework: 'express', lang: 'js', module: 'esm' });
    expect(mjs.errorsModule).toBe('./src/errors/index.mjs');
    expect(fs.readFileSync(path.join(cjsPackage, 'src', 'errors', 'index.mjs'), 'utf8')).toContain("from './express.mjs';");
    const esmPackage = makeProject({ type: 'module' });
    const cjs = runInit({ cwd: esmPackage, framework: 'koa', lang: 'js', module: 'cjs' });
    expect(cjs.errorsModule).toBe('./src/errors/index.cjs');
    expect(fs.readFileSync(path.join(esmPackage, 'src', 'errors', 'index.cjs'), 'utf8')).toContain('require("./koa.cjs")');
    const load = createRequire(__filename);
    for (const file of [path.join(cjsPackage, 'src', 'errors', 'index.mjs'), path.join(esmPackage, 'src', 'errors', 'index.cjs')]) {
      const m = load(file) as { NotFoundError: new (message: string) => { status: number } };
      expect(new m.NotFoundError('x').status).toBe(404);
    }
    const mts = makeProject({ type: 'commonjs' });
    runInit({ cwd: mts, framework: 'fastify', lang: 'ts', module: 'esm' });
    expect(fs.readFileSync(path.join(mts, 'src', 'errors', 'index.mts'), 'utf8')).toContain("from './fastify.mjs';");
  });
});

describe('re-running', () => {
  const project = (): string => makeProject({ dependencies: { express: '^4' } }, { 'tsconfig.json': '{}' });

  test('a second run changes nothing', () => {
    const dir = project();
    runInit({ cwd: dir });
    const again = runInit({ cwd: dir });
    expect(new Set(Object.values(actions(again)))).toEqual(new Set(['unchanged']));
    expect(again.configAction).toBe('unchanged');
  });

  test('a changed file blocks the run (exit 2, nothing written) until --force', () => {
    const dir = project();
    runInit({ cwd: dir });
    const file = path.join(dir, 'src', 'errors', 'errors.ts');
    const edited = `${fs.readFileSync(file, 'utf8')}\nexport class TeapotError extends HttpError {}\n`;
    fs.writeFileSync(file, edited);
    let error: unknown;
    try {
      runInit({ cwd: dir, framework: 'koa' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InitConflictError);
    expect((error as InitConflictError).files).toEqual(['src/errors/errors.ts']);
    expect((error as InitError).exitCode).toBe(2);
    expect(fs.readFileSync(file, 'utf8')).toBe(edited);
    expect(readConfig(dir)['framework']).toBe('express');
    expect(fs.existsSync(path.join(dir, 'src', 'errors', 'koa.ts'))).toBe(false);

    const forced = runInit({ cwd: dir, framework: 'koa', force: true });
    expect(actions(forced)['src/errors/errors.ts']).toBe('overwritten');
    expect(actions(forced)['src/errors/koa.ts']).toBe('created');
    expect(actions(forced)['src/errors/express.ts']).toBe('removed');
    expect(readConfig(dir)['framework']).toBe('koa');
  });

  test("a file of the user's own with a generated name is never overwritten without --force", () => {
    const dir = project();
    fs.mkdirSync(path.join(dir, 'src', 'errors'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'errors', 'index.ts'), 'export const mine = 1;\n');
    expect(() => runInit({ cwd: dir })).toThrow(/src\/errors\/index\.ts; rerun with --force/);
  });

  test('unchanged files of an earlier version are regenerated; changed stale ones are kept', () => {
    const dir = project();
    runInit({ cwd: dir });
    const status = path.join(dir, 'src', 'errors', 'status.ts');
    // An older generation: other content, but a hash that matches it.
    fs.writeFileSync(status, withHeader('export const OLD = 1;\n', 'older'));
    const express = path.join(dir, 'src', 'errors', 'express.ts');
    fs.appendFileSync(express, '// my tweak\n');
    const result = runInit({ cwd: dir, lang: 'js', force: false, framework: 'express', out: 'src/errors' });
    expect(actions(result)['src/errors/status.js']).toBe('created');
    expect(actions(result)['src/errors/status.ts']).toBe('removed');
    expect(result.kept).toEqual(['src/errors/express.ts']);
    expect(fs.existsSync(express)).toBe(true);

    // Back to TypeScript: the changed express.ts is in the way again.
    expect(() => runInit({ cwd: dir, lang: 'ts' })).toThrow(InitConflictError);
    fs.rmSync(express);
    const again = runInit({ cwd: dir, lang: 'ts' });
    expect(actions(again)['src/errors/status.ts']).toBe('created');
    expect(actions(again)['src/errors/status.js']).toBe('removed');
  });

  test('other keys of err-codemod.config.json are kept; an unreadable one stops the run', () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, CONFIG_FILE), JSON.stringify({ failOn: 'warning', errorsModule: './old' }));
    runInit({ cwd: dir });
    expect(readConfig(dir)).toEqual({ failOn: 'warning', errorsModule: './src/errors', framework: 'express' });
    fs.writeFileSync(path.join(dir, CONFIG_FILE), '{ nope');
    fs.rmSync(path.join(dir, 'src'), { recursive: true });
    expect(() => runInit({ cwd: dir })).toThrow(/err-codemod.config.json is not valid JSON/);
    expect(fs.existsSync(path.join(dir, 'src'))).toBe(false);
  });
});

describe('the init command', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  async function run(args: string[]): Promise<{ code: number | string | undefined; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
    await initCommand().exitOverride().parseAsync(args, { from: 'user' });
    const code = process.exitCode;
    vi.restoreAllMocks();
    return { code, stdout, stderr };
  }

  test('writes the files, prints what it did and how to register the handler, exit 0', async () => {
    const dir = makeProject({ dependencies: { '@nestjs/core': '^11' } }, { 'tsconfig.json': '{}' });
    const { code, stdout } = await run(['--cwd', dir]);
    expect(code).toBe(0);
    expect(stdout).toContain('err-codemod init: nestjs, TypeScript (CommonJS) in src/errors');
    expect(stdout).toContain('created     src/errors/nestjs.ts');
    expect(stdout).toContain('app.useGlobalFilters(new ProblemDetailsFilter());');
    expect(readConfig(dir)).toEqual({ errorsModule: './src/errors', framework: 'nestjs' });
  });

  test('conflicts and bad values exit 2 with a message on stderr', async () => {
    const dir = makeProject({ dependencies: { express: '^4' } });
    await run(['--cwd', dir]);
    fs.appendFileSync(path.join(dir, 'src', 'errors', 'index.js'), '// mine\n');
    const conflict = await run(['--cwd', dir, '--module', 'cjs']);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toContain('src/errors/index.js; rerun with --force');
    const forced = await run(['--cwd', dir, '--force']);
    expect(forced.code).toBe(0);
    const bad = await run(['--cwd', dir, '--lang', 'rust']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang must be one of ts, js');
  });
});
