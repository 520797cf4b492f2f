import type { FrameworkId } from '../core/types';

export type ErrorOrigin = 'http' | 'sql';

/**
 * A library type the type-aware mode recognises. A resolved type matches when its symbol has one of `names` and is
 * declared in a file whose path matches `declaredIn`; an unresolved annotation matches when its name is one of
 * `names` and is imported from one of `modules` (or a subpath of one).
 */
export interface KnownType {
  names: readonly string[] | RegExp;
  declaredIn: RegExp;
  modules: readonly string[];
  fact: { kind: 'response'; framework: FrameworkId } | { kind: 'error'; origin: ErrorOrigin };
}

/** Declared in one of these packages, wherever the package manager put it (pnpm's .pnpm store, Yarn's cache). */
function inPackages(...names: string[]): RegExp {
  return new RegExp(`/node_modules/(${names.map((n) => n.replace(/[./]/g, '\\$&')).join('|')})/`);
}

const response = (framework: FrameworkId) => ({ kind: 'response', framework }) as const;
const error = (origin: ErrorOrigin) => ({ kind: 'error', origin }) as const;

export const KNOWN_TYPES: readonly KnownType[] = [
  {
    names: ['Response'],
    declaredIn: inPackages('@types/express', '@types/express-serve-static-core'),
    modules: ['express', 'express-serve-static-core'],
    fact: response('express'),
  },
  {
    names: ['ServerResponse', 'Http2ServerResponse'],
    declaredIn: /\/node_modules\/@types\/node\/(http|http2)\.d\.ts$/,
    modules: ['http', 'node:http', 'http2', 'node:http2'],
    fact: response('node-http'),
  },
  { names: ['FastifyReply'], declaredIn: inPackages('fastify'), modules: ['fastify'], fact: response('fastify') },
  {
    names: ['Context', 'ParameterizedContext', 'DefaultContext', 'ExtendableContext', 'BaseContext'],
    declaredIn: inPackages('koa', '@types/koa'),
    modules: ['koa'],
    fact: response('koa'),
  },
  {
    names: ['RouterContext', 'IRouterContext'],
    declaredIn: inPackages('@koa/router', 'koa-router', '@types/koa-router', '@types/koa__router'),
    modules: ['@koa/router', 'koa-router'],
    fact: response('koa'),
  },
  { names: ['NextApiResponse'], declaredIn: inPackages('next'), modules: ['next'], fact: response('next') },
  {
    names: ['ResponseToolkit'],
    declaredIn: inPackages('@hapi/hapi', '@types/hapi__hapi', '@types/hapi'),
    modules: ['@hapi/hapi', 'hapi'],
    fact: response('hapi'),
  },

  { names: ['AxiosError'], declaredIn: inPackages('axios'), modules: ['axios'], fact: error('http') },
  { names: ['HTTPError', 'RequestError', 'TimeoutError'], declaredIn: inPackages('got'), modules: ['got'], fact: error('http') },
  { names: ['HTTPError', 'TimeoutError'], declaredIn: inPackages('ky'), modules: ['ky'], fact: error('http') },
  // undici's error classes, also reached through @types/node's bundled undici-types.
  { names: /Error$/, declaredIn: /\/node_modules\/undici(-types)?\/(types\/)?errors\.d\.ts$/, modules: ['undici'], fact: error('http') },

  { names: ['QueryFailedError'], declaredIn: inPackages('typeorm'), modules: ['typeorm'], fact: error('sql') },
  {
    names: [
      'PrismaClientKnownRequestError',
      'PrismaClientUnknownRequestError',
      'PrismaClientValidationError',
      'PrismaClientInitializationError',
      'PrismaClientRustPanicError',
    ],
    // @prisma/client, the generated .prisma/client, or a client generated into the project with its runtime
    // (`src/generated/prisma`): these names are Prisma's own, so any path that says prisma will do.
    declaredIn: /prisma/i,
    modules: ['@prisma/client', '.prisma/client'],
    fact: error('sql'),
  },
  { names: ['DatabaseError'], declaredIn: inPackages('pg', 'pg-protocol', '@types/pg'), modules: ['pg', 'pg-protocol'], fact: error('sql') },
  {
    names: ['DatabaseError', 'ValidationError', 'UniqueConstraintError', 'ForeignKeyConstraintError', 'ExclusionConstraintError', 'ConnectionError'],
    declaredIn: inPackages('sequelize', '@sequelize/core'),
    modules: ['sequelize', '@sequelize/core'],
    fact: error('sql'),
  },
  { names: ['QueryError'], declaredIn: inPackages('mysql2'), modules: ['mysql2'], fact: error('sql') },
  { names: ['MysqlError'], declaredIn: inPackages('@types/mysql'), modules: ['mysql'], fact: error('sql') },
  { names: /^Mongo\w*Error$/, declaredIn: inPackages('mongodb'), modules: ['mongodb'], fact: error('sql') },
];

export function hasName(known: KnownType, name: string): boolean {
  return known.names instanceof RegExp ? known.names.test(name) : known.names.includes(name);
}

export function fromModule(known: KnownType, specifier: string): boolean {
  return known.modules.some((m) => specifier === m || specifier.startsWith(`${m}/`));
}
