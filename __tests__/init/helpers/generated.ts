// Writes the generated error module into a throw-away project with `runInit` and loads it the way a user's
// runtime would: TypeScript through vitest's transform, CommonJS with Node's require, ESM with Node's import().
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { runInit, type Framework, type InitResult } from '../../../src/init';

export const REPO = path.join(__dirname, '..', '..', '..');

/** ts: TypeScript (CommonJS project); cjs / esm: JavaScript in a "commonjs" / "module" package. */
export type OutputKind = 'ts' | 'cjs' | 'esm';
export const OUTPUT_KINDS: OutputKind[] = ['ts', 'cjs', 'esm'];

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyFunction = (...args: any[]) => any;
type ErrorClass = new (message?: string, options?: Record<string, unknown>) => Error & Record<string, unknown>;

/** The generated index, as the tests use it. */
export interface Generated {
  HttpError: new (status: number, message?: string, options?: Record<string, unknown>) => Error & Record<string, unknown>;
  BadRequestError: ErrorClass;
  ValidationError: ErrorClass;
  UnauthenticatedError: ErrorClass;
  ForbiddenError: ErrorClass;
  NotFoundError: ErrorClass;
  ConflictError: ErrorClass;
  RateLimitedError: ErrorClass;
  InternalError: ErrorClass;
  UpstreamError: ErrorClass;
  ServiceUnavailableError: ErrorClass;
  UpstreamTimeoutError: ErrorClass;
  toProblem: (error: unknown, options: Record<string, unknown>) => {
    status: number;
    headers: Record<string, string>;
    body: Record<string, unknown>;
  };
  isSafeRequestId: (value: unknown) => boolean;
  errorHandler: AnyFunction;
  notFoundHandler: AnyFunction;
  errorMiddleware: AnyFunction;
  ProblemDetailsFilter: new (options?: object) => any;
  withErrorHandler: AnyFunction;
  isNextControlFlowError: (error: unknown) => boolean;
}

const tempDirs: string[] = [];

/** A throw-away project dir whose node_modules is the repo's (so generated code finds the frameworks). */
export function makeProject(pkg: Record<string, unknown>, files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'err-codemod-init-'));
  tempDirs.push(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', ...pkg }, null, 2));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

export function removeProjects(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes the output for `framework` in `kind` into a new project. */
export function generate(framework: Framework, kind: OutputKind): { dir: string; result: InitResult; index: string } {
  const dir = makeProject({ type: kind === 'esm' ? 'module' : 'commonjs' });
  const result = runInit({
    cwd: dir,
    framework,
    lang: kind === 'ts' ? 'ts' : 'js',
    module: kind === 'esm' ? 'esm' : 'cjs',
  });
  const index = path.join(dir, 'src', 'errors', kind === 'ts' ? 'index.ts' : 'index.js');
  return { dir, result, index };
}

/**
 * JavaScript goes through Node's own loaders, out of reach of vitest's transform: require() for CommonJS, and
 * require(esm) for ES modules (Node >= 20.19), which runs Node's ESM loader with its strict resolution.
 * TypeScript is imported through vitest's transform, as a TS-aware runtime would.
 */
export async function load(file: string, kind: OutputKind): Promise<Generated> {
  if (kind !== 'ts') return createRequire(__filename)(file) as Generated;
  return (await import(file)) as Generated;
}

/** Generates and loads the output for `framework` in `kind`. */
export async function generated(framework: Framework, kind: OutputKind): Promise<Generated> {
  const { index } = generate(framework, kind);
  return load(index, kind);
}
