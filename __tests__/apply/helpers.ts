import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import jscodeshift, { type API } from 'jscodeshift';
import { createTransform, type TransformName } from '../../src/apply/transform';
import { parserFor } from '../../src/apply/rewrite';

export const REPO = path.join(__dirname, '..', '..');
export const FIXTURES = path.join(REPO, '__testfixtures__');

export interface FixtureCase {
  /** `express5/async-route.input.js` */
  name: string;
  input: string;
  output: string;
  /** Where the case pretends to live: routes in `<folder>/src/routes/`, app entries in `<folder>/`. */
  virtual: string;
  /** The generated module the case imports: `<folder>/src/errors`. */
  errorsModule: string;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export function fixtureCases(transform: TransformName): FixtureCase[] {
  const root = path.join(FIXTURES, transform);
  if (!fs.existsSync(root)) return [];
  return walk(root)
    .filter((f) => /\.input\.[cm]?[jt]sx?$/.test(f))
    .sort()
    .map((input) => {
      const [, stem, ext] = /^(.*)\.input(\.[cm]?[jt]sx?)$/.exec(path.basename(input))!;
      const dir = path.dirname(input);
      const virtual = transform === 'register-error-handler' ? path.join(dir, `${stem}${ext}`) : path.join(dir, 'src', 'routes', `${stem}${ext}`);
      return { name: path.relative(root, input), input, output: input.replace('.input.', '.output.'), virtual, errorsModule: path.join(dir, 'src', 'errors') };
    });
}

export interface TransformRun {
  output: string;
  reports: string[];
}

/** Runs a transform the way jscodeshift does: `(file, api, options)`, with the parser chosen for the file. */
export function runTransform(
  transform: TransformName | ((file: { path: string; source: string }, api: API, options: Record<string, unknown>) => string | null | undefined),
  source: string,
  virtual: string,
  errorsModule: string,
): TransformRun {
  const fn = typeof transform === 'string' ? createTransform(transform) : transform;
  const reports: string[] = [];
  const j = jscodeshift.withParser(parserFor(virtual));
  const api = { jscodeshift: j, j, stats: () => {}, report: (msg: string) => reports.push(msg) } as unknown as API;
  const output = fn({ path: virtual, source }, api, { errorsModule }) as string;
  return { output: output ?? source, reports };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `err-codemod-${prefix}-`));
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

export function hasGit(): boolean {
  return spawnSync('git', ['--version']).status === 0;
}

/** Every file under `root` (node_modules and .git aside) with its content. */
export function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else out.set(path.relative(root, p), fs.readFileSync(p, 'utf8'));
    }
  };
  visit(root);
  return out;
}

/** Collects what runApply writes to stdout/stderr. */
export function capture(): { out: string[]; err: string[]; stdout: (t: string) => void; stderr: (t: string) => void } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
}
