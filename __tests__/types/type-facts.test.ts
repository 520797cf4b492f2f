import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/parse/parse-source';
import { programOptions, sharingKey } from '../../src/types/program-options';
import { collectTypeFacts, type TypeFactsResult } from '../../src/types/type-facts';
import { sourceFiles } from '../parallel/support';
import { actualBindings, expectedBindings, removeTempProjects, TYPE_FIXTURES, writeTempProject } from './support';

const CASES = [
  'odd-response-name',
  'axios-generic-name',
  'fastify-reply',
  'dom-response',
  'monorepo',
  'unresolved-imports',
  'solution-style',
];
const REPO = path.resolve(__dirname, '..', '..');

// One run over every fixture, as the analyzer does it on a tree: fixtures with equivalent options share a program.
let all: TypeFactsResult;
beforeAll(() => {
  all = collectTypeFacts(sourceFiles(TYPE_FIXTURES), { cwd: TYPE_FIXTURES });
});
afterAll(removeTempProjects);

describe('collectTypeFacts on the fixture projects', () => {
  it('has a fixture folder for every case', () => {
    expect(fs.readdirSync(TYPE_FIXTURES).sort()).toEqual([...CASES].sort());
  });

  describe.each(CASES)('%s', (name) => {
    const files = sourceFiles(path.join(TYPE_FIXTURES, name));

    it.each(files.map((f) => [path.relative(TYPE_FIXTURES, f), f]))('%s: exactly the annotated bindings', (_rel, file) => {
      const source = fs.readFileSync(file, 'utf8');
      expect(actualBindings(source, all.files.get(file))).toEqual(expectedBindings(source));
    });
  });

  it('gives the type as written, or the name of the inferred type', () => {
    const types = (file: string) => {
      const facts = all.files.get(path.join(TYPE_FIXTURES, file));
      return [...(facts?.responses ?? []), ...(facts?.errors ?? [])].map((b) => `${b.name}: ${b.type}`).sort();
    };
    expect(types('odd-response-name/src/routes/billing.ts')).toEqual(
      expect.arrayContaining(['http: express.Response', 'reply: Response', 'chain: Response', 'sink: Response']),
    );
    expect(types('axios-generic-name/src/controllers/quotes.ts')).toEqual(
      expect.arrayContaining(['upstream: AxiosError', 'wrapped: PricingUnavailable', 'expired: QuoteExpired']),
    );
    expect(types('monorepo/packages/worker/src/jobs.ts')).toEqual(expect.arrayContaining(['ctx: ParameterizedContext', 'c: Context']));
    expect(types('unresolved-imports/src/db-errors.ts')).toEqual(expect.arrayContaining(['known: Prisma.PrismaClientKnownRequestError']));
  });

  it('uses each file’s nearest tsconfig, and the referenced project of a solution-style one', () => {
    expect(all.projects).toEqual(
      [
        'axios-generic-name/tsconfig.json',
        'dom-response/tsconfig.json',
        'fastify-reply/tsconfig.json',
        'monorepo/packages/api/tsconfig.json',
        'monorepo/packages/worker/tsconfig.json',
        'odd-response-name/tsconfig.json',
        'solution-style/apps/api/tsconfig.app.json',
        'unresolved-imports/tsconfig.json',
      ].map((p) => path.join(TYPE_FIXTURES, p)),
    );
    expect(all.untyped).toEqual([]);
    expect(all.durationMs).toBeGreaterThan(0);
  });

  it('reports offsets equal to @babel/parser’s Identifier start, on the binding itself', () => {
    let checked = 0;
    // Every fixture is parsed: the analyzer's own tests read all of __testfixtures__.
    for (const file of sourceFiles(TYPE_FIXTURES)) {
      const source = fs.readFileSync(file, 'utf8');
      const bindings = bindingIdentifiers(parseSource(source, file));
      const facts = all.files.get(file);
      for (const b of [...(facts?.responses ?? []), ...(facts?.errors ?? [])]) {
        expect(bindings.get(b.start), `${path.relative(TYPE_FIXTURES, file)}: ${b.name} at ${b.start}`).toBe(b.name);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('collectTypeFacts options and edges', () => {
  it('throws, naming the path, when the tsconfig option points to a missing file', () => {
    const files = sourceFiles(path.join(TYPE_FIXTURES, 'fastify-reply'));
    const missing = path.join(TYPE_FIXTURES, 'fastify-reply', 'tsconfig.missing.json');
    expect(() => collectTypeFacts(files, { cwd: REPO, tsconfig: path.relative(REPO, missing) })).toThrow(`tsconfig not found: ${missing}`);
  });

  it('uses the tsconfig option for every file, a folder standing for its tsconfig.json', () => {
    const dir = path.join(TYPE_FIXTURES, 'monorepo', 'packages', 'api');
    const files = [path.join(dir, 'src', 'health.ts'), path.join(TYPE_FIXTURES, 'monorepo', 'packages', 'worker', 'src', 'jobs.ts')];
    const result = collectTypeFacts(files, { cwd: dir, tsconfig: '.' });
    expect(result.projects).toEqual([path.join(dir, 'tsconfig.json')]);
    expect([...result.files.keys()].sort()).toEqual(files);
    expect(result.files.get(files[1])?.responses.map((b) => b.name)).toEqual(['c', 'ctx', 'state']);
  });

  it('puts files without any tsconfig.json above them in untyped', () => {
    const root = writeTempProject('untyped', {
      'src/app.ts': "import express from 'express';\nexport function fail(res: express.Response) { res.sendStatus(500); }\n",
    });
    const file = path.join(root, 'src', 'app.ts');
    const result = collectTypeFacts([file], { cwd: root });
    expect(result).toMatchObject({ projects: [], untyped: [file] });
    expect(result.files.size).toBe(0);
  });

  it('counts a byte order mark, as @babel/parser does', () => {
    const code = '\uFEFFexport function fail(cause: Error, retry: number) {\n  try { throw cause; } catch (e) { return retry; }\n}\n';
    const root = writeTempProject('bom', {
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, lib: ['ES2022'], types: [] } }),
      'bom.ts': code,
    });
    const file = path.join(root, 'bom.ts');
    const [cause] = collectTypeFacts([file], { cwd: root }).files.get(file)?.errors ?? [];
    expect(cause).toMatchObject({ name: 'cause', type: 'Error', origin: null });
    expect(bindingIdentifiers(parseSource(code, file)).get(cause!.start)).toBe('cause');
  });
});

describe('collectTypeFacts with installed database and HTTP client types', () => {
  // Minimal declarations laid out as the real packages lay them out: what counts is the name and the declaring path.
  const root = writeTempProject('packages', {
    'tsconfig.json': JSON.stringify({
      compilerOptions: { strict: true, module: 'commonjs', esModuleInterop: true, typeRoots: [path.join(REPO, 'node_modules', '@types')] },
    }),
    'node_modules/typeorm/package.json': '{ "name": "typeorm", "types": "index.d.ts" }',
    'node_modules/typeorm/index.d.ts': "export { QueryFailedError } from './error/QueryFailedError';\n",
    'node_modules/typeorm/error/QueryFailedError.d.ts':
      'declare class TypeORMError extends Error {}\nexport declare class QueryFailedError<T extends Error = Error> extends TypeORMError {\n  readonly query: string;\n  readonly driverError: T;\n}\n',
    'node_modules/pg-protocol/package.json': '{ "name": "pg-protocol", "types": "dist/index.d.ts" }',
    'node_modules/pg-protocol/dist/index.d.ts': "export { DatabaseError } from './messages';\n",
    'node_modules/pg-protocol/dist/messages.d.ts': 'export declare class DatabaseError extends Error {\n  code: string | undefined;\n}\n',
    'node_modules/@types/pg/package.json': '{ "name": "@types/pg", "types": "index.d.ts" }',
    'node_modules/@types/pg/index.d.ts': "export { DatabaseError } from 'pg-protocol';\n",
    'node_modules/sequelize/package.json': '{ "name": "sequelize", "types": "types/index.d.ts" }',
    'node_modules/sequelize/types/index.d.ts': "export * from './errors';\n",
    'node_modules/sequelize/types/errors.d.ts':
      'export declare abstract class BaseError extends Error {}\nexport declare class DatabaseError extends BaseError {}\nexport declare class TimeoutError extends DatabaseError {}\nexport declare class OptimisticLockError extends BaseError {}\n',
    'node_modules/mongodb/package.json': '{ "name": "mongodb", "types": "mongodb.d.ts" }',
    'node_modules/mongodb/mongodb.d.ts':
      'export declare class MongoError extends Error {}\nexport declare class MongoServerError extends MongoError {}\nexport declare class MongoNetworkError extends MongoError {}\n',
    'node_modules/@prisma/client/package.json': '{ "name": "@prisma/client", "types": "index.d.ts" }',
    'node_modules/@prisma/client/runtime/library.d.ts': 'export declare class PrismaClientKnownRequestError extends Error {\n  code: string;\n}\n',
    'node_modules/@prisma/client/index.d.ts':
      "import * as runtime from './runtime/library';\nexport declare namespace Prisma {\n  export import PrismaClientKnownRequestError = runtime.PrismaClientKnownRequestError;\n}\n",
    'node_modules/got/package.json': '{ "name": "got", "types": "dist/source/index.d.ts" }',
    'node_modules/got/dist/source/index.d.ts': "export * from './core/errors';\n",
    'node_modules/got/dist/source/core/errors.d.ts': 'export declare class RequestError extends Error {}\nexport declare class HTTPError extends RequestError {}\n',
    'node_modules/next/package.json': '{ "name": "next", "types": "index.d.ts" }',
    'node_modules/next/index.d.ts':
      "import type { IncomingMessage, ServerResponse } from 'http';\nexport type NextApiRequest = IncomingMessage & { query: Record<string, string> };\nexport type NextApiResponse<Data = any> = ServerResponse & { status(code: number): NextApiResponse<Data>; json(body: Data): void };\n",
    'node_modules/@hapi/hapi/package.json': '{ "name": "@hapi/hapi", "types": "lib/index.d.ts" }',
    'node_modules/@hapi/hapi/lib/index.d.ts': 'export interface Request { path: string }\nexport interface ResponseToolkit { response(value?: unknown): unknown }\n',
    'src/handlers.ts': [
      "import { QueryFailedError } from 'typeorm';",
      "import { DatabaseError } from 'pg';",
      "import * as Sequelize from 'sequelize';",
      "import { MongoNetworkError, MongoServerError } from 'mongodb';",
      "import { Prisma } from '@prisma/client';",
      "import { HTTPError } from 'got';",
      "import type { NextApiRequest, NextApiResponse } from 'next';",
      "import type { Request, ResponseToolkit } from '@hapi/hapi';",
      '',
      'export function typeorm(e: QueryFailedError) { return e.query; } // type: error sql e',
      'export function pg(e: DatabaseError) { return e.code; } // type: error sql e',
      'export function sequelize(timeout: Sequelize.TimeoutError, lock: Sequelize.OptimisticLockError) { return [timeout, lock]; } // type: error sql timeout; error null lock',
      'export function mongo(server: MongoServerError, network: MongoNetworkError) { return [server, network]; } // type: error sql server; error sql network',
      'export function prisma(known: Prisma.PrismaClientKnownRequestError) { return known.code; } // type: error sql known',
      'export function got(e: HTTPError) { return e; } // type: error http e',
      'export function next(req: NextApiRequest, res: NextApiResponse<{ ok: boolean }>) { res.status(200).json({ ok: !!req.query }); } // type: response next res',
      "export function hapi(request: Request, h: ResponseToolkit) { return h.response(request.path); } // type: response hapi h",
      'export const Ctor = QueryFailedError;',
      '',
    ].join('\n'),
  });

  it('classifies by the declaring package, subclasses included, and not the constructor itself', () => {
    const file = path.join(root, 'src', 'handlers.ts');
    const source = fs.readFileSync(file, 'utf8');
    const result = collectTypeFacts([file], { cwd: root });
    expect(actualBindings(source, result.files.get(file))).toEqual(expectedBindings(source));
  });
});

describe('sharingKey', () => {
  const base = { strict: true, target: 9, module: 1, configFilePath: '/repo/packages/a/tsconfig.json' };

  it('lets tsconfigs that differ only in emit and lint options share a program', () => {
    const other = { ...base, configFilePath: '/repo/packages/b/tsconfig.json', outDir: '/repo/packages/b/dist', noUnusedLocals: true };
    expect(sharingKey(programOptions(other))).toBe(sharingKey(programOptions(base)));
  });

  it('keeps apart tsconfigs whose options change types or resolution', () => {
    const key = sharingKey(programOptions(base));
    expect(sharingKey(programOptions({ ...base, lib: ['lib.dom.d.ts'] }))).not.toBe(key);
    expect(sharingKey(programOptions({ ...base, paths: { '@/*': ['./src/*'] }, pathsBasePath: '/repo/packages/a' }))).not.toBe(key);
    expect(sharingKey(programOptions({ ...base, types: [] }))).not.toBe(key);
    expect(sharingKey(programOptions({ ...base, typeRoots: ['/repo/types'] }))).not.toBe(key);
  });
});

/** Offsets of the identifiers Babel sees as declared bindings: parameters, declarators, catch clause variables. */
function bindingIdentifiers(ast: unknown): Map<number, string> {
  const out = new Map<number, string>();
  const add = (node: unknown) => {
    const n = node as { type?: string; name?: string; start?: number; left?: unknown; argument?: unknown; parameter?: unknown };
    if (n?.type === 'Identifier') out.set(n.start!, n.name!);
    else if (n?.type === 'AssignmentPattern') add(n.left);
    else if (n?.type === 'RestElement') add(n.argument);
    else if (n?.type === 'TSParameterProperty') add(n.parameter);
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown> & { type?: string };
    if (Array.isArray(n.params) && /Function|Method/.test(n.type ?? '')) n.params.forEach(add);
    if (n.type === 'VariableDeclarator') add(n.id);
    if (n.type === 'CatchClause') add(n.param);
    for (const [key, value] of Object.entries(n)) if (key !== 'loc' && key !== 'comments' && typeof value === 'object') walk(value);
  };
  walk(ast);
  return out;
}
