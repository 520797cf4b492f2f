import fs from 'node:fs';
import path from 'node:path';
import type { AstIndex, AstNode } from './ast';

interface PackageJson {
  type?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const packageCache = new Map<string, { file: string; json: PackageJson } | null>();

function readPackage(dir: string): { file: string; json: PackageJson } | null {
  if (packageCache.has(dir)) return packageCache.get(dir)!;
  const file = path.join(dir, 'package.json');
  let result: { file: string; json: PackageJson } | null = null;
  try {
    if (fs.existsSync(file)) result = { file, json: JSON.parse(fs.readFileSync(file, 'utf8')) as PackageJson };
  } catch {
    result = null;
  }
  packageCache.set(dir, result);
  return result;
}

/** Forget cached package.json files (tests write new ones). */
export function clearProjectCache(): void {
  packageCache.clear();
}

/** package.json files from the file's directory upwards, nearest first. */
function* packagesAbove(file: string): Generator<{ file: string; json: PackageJson }> {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    const pkg = readPackage(dir);
    if (pkg) yield pkg;
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

export function nearestPackageDir(file: string): string | null {
  for (const pkg of packagesAbove(file)) return path.dirname(pkg.file);
  return null;
}

/** Major version a dependency range allows: `^4.17.1` gives 4, `npm:express@^5` gives 5; null when unclear. */
export function majorOfRange(range: string): number | null {
  let r = range.trim();
  const alias = /^npm:[^@]+@(.+)$/.exec(r);
  if (alias) r = alias[1]!;
  if (r === 'latest') return 5;
  const m = /^[\^~>=v\s]*(\d+)/.exec(r);
  return m ? Number(m[1]) : null;
}

function installedMajor(dir: string): number | null {
  try {
    const file = require.resolve('express/package.json', { paths: [dir] });
    const version = (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version;
    return version ? majorOfRange(version) : null;
  } catch {
    return null;
  }
}

/**
 * The Express major version a file runs with: from the nearest package.json that depends on express, else the
 * installed copy; 4 when nothing says (the conservative answer: `next()` works everywhere in 4 and 5).
 */
export function expressMajorFor(file: string): number {
  for (const pkg of packagesAbove(file)) {
    const deps = { ...pkg.json.peerDependencies, ...pkg.json.devDependencies, ...pkg.json.dependencies };
    const range = deps.express;
    if (range === undefined) continue;
    return majorOfRange(range) ?? installedMajor(path.dirname(pkg.file)) ?? 4;
  }
  return 4;
}

export type ModuleStyle = 'esm' | 'cjs';

function packageType(file: string): ModuleStyle {
  for (const pkg of packagesAbove(file)) return pkg.json.type === 'module' ? 'esm' : 'cjs';
  return 'cjs';
}

/** How the file imports: from its extension, its own syntax, then the package's "type". */
export function moduleStyleOf(file: string, index: AstIndex): ModuleStyle {
  if (/\.(mjs|mts)$/i.test(file)) return 'esm';
  if (/\.(cjs|cts)$/i.test(file)) return 'cjs';
  let esm = false;
  let cjs = false;
  for (const stmt of index.program.body as AstNode[]) {
    if (stmt.type === 'ImportDeclaration' && stmt.importKind !== 'type') esm = true;
    if (/^Export(Named|Default|All)Declaration$/.test(stmt.type)) esm = true;
    if (stmt.type === 'TSImportEqualsDeclaration' || stmt.type === 'TSExportAssignment') cjs = true;
  }
  if (esm) return 'esm';
  for (const n of index.all) {
    if (n.type === 'CallExpression' && (n.callee as AstNode).type === 'Identifier' && (n.callee as AstNode).name === 'require') {
      cjs = true;
      break;
    }
    if (n.type === 'MemberExpression' && (n.object as AstNode).type === 'Identifier' && (n.object as AstNode).name === 'module' &&
      (n.property as AstNode).type === 'Identifier' && (n.property as AstNode).name === 'exports') {
      cjs = true;
      break;
    }
  }
  if (cjs) return 'cjs';
  if (/\.tsx?$/i.test(file)) return 'esm';
  return packageType(file);
}

const MODULE_EXTS = ['.ts', '.js', '.mts', '.mjs', '.cts', '.cjs', '.tsx', '.jsx'];

export interface ErrorsModule {
  /** Absolute path as configured (a directory, a file, or a path without extension). */
  configured: string;
  /** The module file when it exists on disk. */
  file: string | null;
  /** The directory whose `index` is the module, when it is one. */
  dir: string | null;
}

/** Resolves `errorsModule` (`./src/errors`, `./src/errors/index.js`, `lib/errors.ts`...) against `base`. */
export function resolveErrorsModule(spec: string, base: string): ErrorsModule {
  const abs = path.resolve(base, spec);
  const isDir = (p: string) => fs.existsSync(p) && fs.statSync(p).isDirectory();
  const isFile = (p: string) => fs.existsSync(p) && fs.statSync(p).isFile();
  if (isDir(abs)) {
    for (const ext of MODULE_EXTS) if (isFile(path.join(abs, `index${ext}`))) return { configured: abs, file: path.join(abs, `index${ext}`), dir: abs };
    return { configured: abs, file: null, dir: abs };
  }
  if (isFile(abs)) return { configured: abs, file: abs, dir: /^index\.[cm]?[jt]sx?$/.test(path.basename(abs)) ? path.dirname(abs) : null };
  const ext = path.extname(abs);
  if (/^\.[cm]?jsx?$/.test(ext)) {
    // `./errors/index.js` written for ESM resolution of a TypeScript source
    const ts = abs.slice(0, -ext.length) + ext.replace('js', 'ts');
    if (isFile(ts)) return { configured: abs, file: ts, dir: /^index\./.test(path.basename(ts)) ? path.dirname(ts) : null };
  }
  if (!ext) for (const e of MODULE_EXTS) if (isFile(abs + e)) return { configured: abs, file: abs + e, dir: null };
  const looksLikeIndex = /^index\.[cm]?[jt]sx?$/.test(path.basename(abs));
  return { configured: abs, file: /\.[cm]?[jt]sx?$/.test(ext) ? abs : null, dir: looksLikeIndex ? path.dirname(abs) : ext ? null : abs };
}

/** Whether `file` is part of the generated module (never rewritten). */
export function isInsideErrorsModule(file: string, mod: ErrorsModule): boolean {
  const f = path.resolve(file);
  if (mod.file && f === mod.file) return true;
  if (mod.dir && (f.startsWith(mod.dir + path.sep) || f === mod.dir)) return true;
  return false;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function relativeSpec(fromFile: string, target: string): string {
  const rel = toPosix(path.relative(path.dirname(fromFile), target));
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/**
 * The specifier `fromFile` imports the module with: extensionless (`../errors`) for require() and for TypeScript
 * files that import without extensions, the full file (`../errors/index.js`) for native ES modules.
 */
export function moduleSpecifier(fromFile: string, mod: ErrorsModule, explicit: boolean): string {
  // index.mjs / index.cjs are never found without their extension
  if (mod.file && /\.(mjs|cjs|mts|cts)$/.test(mod.file)) explicit = true;
  if (!explicit) {
    if (mod.dir) return relativeSpec(fromFile, mod.dir);
    const target = mod.file ?? mod.configured;
    return relativeSpec(fromFile, target.replace(/\.[cm]?[jt]sx?$/, ''));
  }
  let target = mod.file ?? (mod.dir ? path.join(mod.dir, `index${path.extname(fromFile).replace('ts', 'js') || '.js'}`) : mod.configured);
  if (!/\.[cm]?[jt]sx?$/.test(target)) target += '.js';
  return relativeSpec(fromFile, target.replace(/\.([cm]?)tsx?$/, '.$1js'));
}

/** Whether an import of `fromFile` should name the file with its extension (native ESM, or the file already does). */
export function wantsExplicitExtension(fromFile: string, style: ModuleStyle, index: AstIndex): boolean {
  if (style === 'cjs') return false;
  const relImports: string[] = [];
  for (const stmt of index.program.body as AstNode[]) {
    if ((stmt.type === 'ImportDeclaration' || stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportAllDeclaration') && stmt.source) {
      const v = (stmt.source as AstNode).value as string;
      if (v.startsWith('.')) relImports.push(v);
    }
  }
  if (relImports.length) return relImports.some((s) => /\.[cm]?[jt]sx?$/.test(s));
  // No relative import to copy: TypeScript sources are usually bundled or compiled with extensionless paths.
  return !/\.tsx?$/i.test(fromFile);
}

/** Whether a relative specifier written in `fromFile` denotes the module. */
export function specifierDenotes(fromFile: string, spec: string, mod: ErrorsModule): boolean {
  if (!spec.startsWith('.')) return false;
  const abs = path.resolve(path.dirname(fromFile), spec);
  const strip = (p: string) => p.replace(/\.[cm]?[jt]sx?$/, '').replace(/[\\/]index$/, '');
  const targets = [mod.configured, mod.file, mod.dir].filter((x): x is string => !!x).map(strip);
  return targets.includes(strip(abs));
}
