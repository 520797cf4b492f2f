import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Framework, Lang, ModuleKind } from './generate';

/** A usage or configuration problem: the command exits with 2 and writes nothing. */
export class InitError extends Error {
  readonly exitCode = 2;
}

export interface ProjectInfo {
  hasPackageJson: boolean;
  /** Frameworks found in the dependencies, most specific first. */
  frameworks: Framework[];
  lang: Lang;
  /** The package's "type": module -> esm, anything else -> cjs. */
  packageModule: ModuleKind;
}

// Checked in this order: NestJS and Next.js bring Express or Fastify along, so they win over them.
const FRAMEWORK_PACKAGES: ReadonlyArray<[Framework, string[]]> = [
  ['nestjs', ['@nestjs/core', '@nestjs/common']],
  ['next', ['next']],
  ['fastify', ['fastify']],
  ['koa', ['koa']],
  ['express', ['express']],
];

function readJson(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InitError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function dependencyNames(pkg: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = pkg[field];
    if (deps !== null && typeof deps === 'object') for (const name of Object.keys(deps)) names.add(name);
  }
  return names;
}

export function detectProject(cwd: string): ProjectInfo {
  const pkgFile = path.join(cwd, 'package.json');
  const hasPackageJson = fs.existsSync(pkgFile);
  const raw = hasPackageJson ? readJson(pkgFile) : {};
  const pkg = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const deps = dependencyNames(pkg);
  const frameworks = FRAMEWORK_PACKAGES.filter(([, names]) => names.some((n) => deps.has(n))).map(([f]) => f);
  const lang: Lang = fs.existsSync(path.join(cwd, 'tsconfig.json')) || deps.has('typescript') ? 'ts' : 'js';
  return { hasPackageJson, frameworks, lang, packageModule: pkg['type'] === 'module' ? 'esm' : 'cjs' };
}

/** The framework to generate for when none was given: NestJS/Next.js first, else exactly one server framework. */
export function chooseFramework(info: ProjectInfo): Framework {
  const first = info.frameworks[0];
  if (first === undefined) {
    throw new InitError(
      info.hasPackageJson
        ? 'no supported framework (express, koa, fastify, @nestjs/core, next) in package.json; choose one with --framework'
        : 'no package.json here; run init in the project root or choose a framework with --framework',
    );
  }
  if (first === 'nestjs' || first === 'next' || info.frameworks.length === 1) return first;
  throw new InitError(`package.json has several frameworks (${info.frameworks.join(', ')}); choose one with --framework`);
}
