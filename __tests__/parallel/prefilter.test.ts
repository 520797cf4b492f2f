import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as t from '@babel/types';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyzer';
import { activeModels, buildFileModel, collectFacts } from '../../src/core/file-model';
import { buildPrefilter, mayHoldSite, mayHoldSiteOf } from '../../src/core/prefilter';
import { FRAMEWORKS } from '../../src/frameworks';
import { customSinksModel } from '../../src/frameworks/custom-sinks';
import type { FrameworkModel } from '../../src/frameworks/types';
import { parseSource } from '../../src/parse/parse-source';
import { repoRoot, sourceFiles } from './support';

const fixtureRoot = path.join(repoRoot, '__testfixtures__');
const corpus = [...sourceFiles(fixtureRoot), ...sourceFiles(path.join(repoRoot, 'examples'))];
const rel = (f: string) => path.relative(repoRoot, f);

describe('pre-filter: drops nothing the full analysis finds', () => {
  it('has a corpus to check', () => {
    expect(corpus.length).toBeGreaterThan(20);
  });

  it.each(corpus.map((f) => [rel(f), f]))('%s', (_name, file) => {
    const full = analyzeFile(file, { cwd: repoRoot, prefilter: false });
    const filtered = analyzeFile(file, { cwd: repoRoot });
    expect(filtered.findings).toEqual(full.findings);
    const text = fs.readFileSync(file, 'utf8');
    if (full.findings.length) expect(mayHoldSite(text)).toBe(true);
    // A file the filter skips is never parsed: the only difference allowed is a parse error it did not look for.
    if (filtered.error || !full.error) expect(filtered.error).toEqual(full.error);
    else expect(mayHoldSite(text)).toBe(false);
  });
});

describe('pre-filter fixtures', () => {
  const edges = sourceFiles(path.join(fixtureRoot, 'prefilter', 'hint-edge'));
  const skipped = sourceFiles(path.join(fixtureRoot, 'prefilter', 'no-site'));

  it.each(edges.map((f) => [path.basename(f), f]))('keeps %s, where the full analysis finds a site', (_name, file) => {
    expect(analyzeFile(file, { cwd: repoRoot, prefilter: false }).findings.length).toBeGreaterThan(0);
    expect(mayHoldSite(fs.readFileSync(file, 'utf8'))).toBe(true);
  });

  it.each(skipped.map((f) => [path.basename(f), f]))('skips %s, which has no response site', (_name, file) => {
    expect(analyzeFile(file, { cwd: repoRoot, prefilter: false }).findings).toEqual([]);
    expect(mayHoldSite(fs.readFileSync(file, 'utf8'))).toBe(false);
  });
});

describe('buildPrefilter', () => {
  it('is built from the framework models, so a new model extends it through its hint', () => {
    const text = 'export default async (ctx) => { ctx.throwProblem(500, err.message); }';
    expect(buildPrefilter(FRAMEWORKS)(text)).toBe(false);
    expect(buildPrefilter([...FRAMEWORKS, { hint: /\.\s*throwProblem\s*\(/ }])(text)).toBe(true);
  });

  it('accepts type arguments, optional calls and comments between a method name and its call', () => {
    const filter = buildPrefilter([{ hint: /\.\s*(json|send)\s*\(/ }]);
    expect(filter('res.json<Body>(x)')).toBe(true);
    expect(filter('res.json?.(x)')).toBe(true);
    expect(filter('res.send /* raw */ (x)')).toBe(true);
    expect(filter('res.send // raw\n(x)')).toBe(true);
    expect(filter('const json = JSON.parse(text)')).toBe(false);
  });

  it('ignores stateful flags and keeps hints with other flags apart', () => {
    const filter = buildPrefilter([{ hint: /\.json\(/g }, { hint: /reply\.SEND\(/i }]);
    // a global regex would remember lastIndex between files
    expect(filter('res.json(a)')).toBe(true);
    expect(filter('res.json(a)')).toBe(true);
    expect(filter('reply.send(a)')).toBe(true);
    expect(filter('res.JSON(a)')).toBe(false);
  });

  it('tests hints that cannot share a regex one by one', () => {
    const filter = buildPrefilter([{ hint: /(?<m>json)\(\k<m>/ }, { hint: /(?<m>send)\(/ }]);
    expect(filter('json(json')).toBe(true);
    expect(filter('send(')).toBe(true);
    expect(filter('json(send')).toBe(false);
  });

  it('lets nothing through without models', () => {
    expect(buildPrefilter([])('res.json(x)')).toBe(false);
  });

  it('asks for evidence of a response besides the hint, for the models that have an entry', () => {
    // a sender name on a Map, a socket, a stream: the hints alone would parse these files
    const hintsOnly = buildPrefilter(FRAMEWORKS.map(({ hint }) => ({ hint })));
    for (const text of ["cache.set(key, value);", "socket.send(JSON.stringify(event));", "out.write(row); out.end();"]) {
      expect(hintsOnly(text)).toBe(true);
      expect(mayHoldSite(text)).toBe(false);
    }
    expect(mayHoldSite("app.get('/x', (a, b) => b.send(x));")).toBe(true);
    expect(mayHoldSite('function fail(res, err) { res.send(err); }')).toBe(true);
  });

  it('lets through files with an escape that could spell a name', () => {
    expect(mayHoldSite('function f(r\\u0065s) { r\\u0065s.json(err.message); }')).toBe(true);
    expect(mayHoldSite('function f(o) { o["j\\x73on"](err.message); }')).toBe(true);
    expect(mayHoldSiteOf(FRAMEWORKS.find((m) => m.id === 'express')!, 'function f(r\\u{65}s) {}')).toBe(true);
    // escapes of other characters are common in strings and change nothing
    expect(mayHoldSite("const s = 'caf\\u00e9\\n\\x1b[0m';")).toBe(false);
  });
});

// ---- mutation-style cases -------------------------------------------------------------------------------------

/** Where the cases pretend to live: no package.json above, so no project dependencies are read. */
const VIRTUAL = path.join(os.tmpdir(), 'err-codemod-prefilter-virtual');

/** The models (custom sinks first) that find a site in `code` when they are the only one asked about sites. */
function modelsWithSites(code: string, file: string, sinks: string[] = []): FrameworkModel[] {
  const program = parseSource(code, file).program as t.Program;
  const facts = collectFacts(program);
  const models = activeModels(FRAMEWORKS, facts);
  const custom = customSinksModel(sinks);
  return [...(custom ? [custom] : []), ...models].filter((m) => buildFileModel(program, facts, models, [m]).sites.length > 0);
}

interface Case {
  name: string;
  /** Path under VIRTUAL (Next.js reads `pages/api/`, `app/.../route.ts`). */
  file: string;
  code: string;
  sinks?: string[];
}

function expectKept({ name, file, code, sinks }: Case): void {
  const models = modelsWithSites(code, path.join(VIRTUAL, file), sinks);
  expect(models.length, `${name}: the full analysis finds no site, so the case tests nothing`).toBeGreaterThan(0);
  expect(mayHoldSite(code) || !!sinks?.some((s) => code.includes(s)), `${name}: the pre-filter drops the file`).toBe(true);
  for (const m of models) expect(mayHoldSiteOf(m, code), `${name}: ${m.id} sites are not looked for`).toBe(true);
}

const EXPRESS_SENDS: [string, string][] = [
  ['json', 'OUT.json({ error: err.message })'],
  ['jsonp', 'OUT.jsonp({ error: err.message })'],
  ['send', 'OUT.status(500).send(err.message)'],
  ['sendStatus', 'OUT.sendStatus(500)'],
  ['end', 'OUT.end(err.stack)'],
  ['write', 'OUT.write(err.message)'],
  ['render', "OUT.render('error', { message: err.message })"],
  ['redirect', "OUT.redirect('/login?e=' + err.message)"],
  ['set', "OUT.set('X-Error', err.message)"],
  ['header', "OUT.header('X-Error', err.message)"],
  ['setHeader', "OUT.setHeader('X-Error', err.message)"],
  ['append', "OUT.append('X-Error', err.message)"],
  ['appendHeader', "OUT.appendHeader('X-Error', err.message)"],
  ['writeHead', "OUT.writeHead(500, { 'X-Error': err.message })"],
  ['computed', "OUT['json']({ error: err.message })"],
  ['optional call', 'OUT.json?.({ error: err.message })'],
];

/** Registrations that make the second parameter a response whatever its name. */
const EXPRESS_REGISTRATIONS: [string, (body: string) => string][] = [
  ['app.get(path)', (b) => `app.get('/x', (rq, OUT) => { ${b}; });`],
  ['router.post(template path)', (b) => `router.post(\`/x/\${v}\`, auth, function (rq, OUT, nxt) { ${b}; });`],
  ['router.put(regex path)', (b) => `router.put(/^\\/x/, async (rq, OUT) => { ${b}; });`],
  ['app.delete([paths])', (b) => `app.delete(['/a', '/b'], (rq, OUT) => { ${b}; });`],
  ['app.use(error middleware)', (b) => `app.use((e, rq, OUT, nxt) => { ${b}; });`],
  ['use(middleware)', (b) => `use(function (rq, OUT) { ${b}; });`],
  ['app.route().patch()', (b) => `app.route('/x').patch((rq, OUT) => { ${b}; });`],
  ['Router().post(middleware, handler)', (b) => `Router().post(auth, function (rq, OUT) { ${b}; });`],
  ['chained on new lines', (b) => `app\n  .route('/x')\n  // the handler\n  .get(\n    (rq, OUT) => { ${b}; },\n  );`],
  ['get(path) without receiver', (b) => `get('/x', (rq, OUT) => { ${b}; });`],
  ['(app.all)(path)', (b) => `(app.all)('/x', (rq, OUT) => { ${b}; });`],
  ['app.options<T>(path)', (b) => `app.options<Params>('/x', (rq, OUT) => { ${b}; });`],
  ['comment before the path', (b) => `app.head(/* health */ '/x', (rq, OUT) => { ${b}; });`],
  ['path as const', (b) => `app.get('/x' as const, (rq, OUT) => { ${b}; });`],
];

/** Every sender, with a few response names, in one registration form. */
function expressCases(wrap: (body: string) => string): Case[] {
  const cases: Case[] = [];
  for (const [send, body] of EXPRESS_SENDS) {
    for (const out of ['out', 'r', 'httpRes', '$', 'reply_']) {
      cases.push({ name: `${send} (${out})`, file: 'src/routes.ts', code: `declare const err: Error;\n${wrap(body.replace(/OUT/g, out)).replace(/OUT/g, out)}\n` });
    }
  }
  return cases;
}

const CASES: Case[] = [
  // Express, by parameter name or type rather than by registration
  { name: 'express helper typed Response', file: 'src/fail.ts', code: "import type { Response } from 'express';\nexport function fail(o: Response, e: Error) { o.status(500).json({ message: e.message }); }\n" },
  { name: 'express helper typed express.Response', file: 'src/fail.ts', code: "import express from 'express';\nexport const fail = (e: Error, o: express.Response) => o.status(500).send(e.stack);\n" },
  { name: 'express controller (req, res) exported', file: 'src/c.js', code: 'exports.show = function (req, res) { try { run(); } catch (err) { res.status(500).json(err); } };\n' },
  { name: 'express decorated response parameter', file: 'src/c.ts', code: 'class C {\n  show(req, @Inject res) { try { run(); } catch (err) { res.json({ e: err.message }); } }\n}\n' },
  { name: 'express response after a line comment', file: 'src/c.js', code: 'function show(req, // the request\n  res) { res.status(500).send(err.message); }\n' },
  { name: 'express response bare arrow in a named helper', file: 'src/c.js', code: 'const fail = res => res.status(500).json({ e: err.message });\n' },
  { name: 'express response with a default', file: 'src/c.js', code: 'function fail(err, res = current()) { res.status(500).json({ e: err.message }); }\n' },
  { name: 'express flow $Response', file: 'src/c.js', code: "// @flow\nfunction fail(e: Error, o: $Response) { o.status(500).json({ e: e.message }); }\n" },
  { name: 'express alias of the response', file: 'src/c.js', code: 'function show(req, res) { const out = res; out.status(500).send(err.message); }\n' },
  { name: 'express response named through an escape', file: 'src/c.js', code: 'function fail(r\\u0065s, err) { r\\u0065s.status(500).json({ e: err.message }); }\n' },
  { name: 'custom sink', file: 'src/c.js', sinks: ['fail'], code: "app.get('/x', (rq, o) => { o.fail(500, err.message); });\n" },
  { name: 'custom sink, computed', file: 'src/c.js', sinks: ['fail'], code: "app.get('/x', (rq, o) => { o['fail'](500, err.message); });\n" },

  // node:http: the server callback's second parameter, whatever its name
  { name: 'node-http createServer', file: 'src/server.js', code: "const http = require('http');\nhttp.createServer((a, b) => { b.writeHead(500); b.end(err.message); });\n" },
  { name: 'node-http on(request)', file: 'src/server.mjs', code: "import 'node:http';\nexport function attach(s) { s.on('request', (rq, out) => out.end(String(err))); }\n" },
  { name: 'node-http http2 secure server, header only', file: 'src/server.js', code: "const http2 = require('http2');\nhttp2.createSecureServer({}, (a, b) => { b.setHeader('X-Error', err.message); });\n" },
  { name: 'node-http write', file: 'src/server.js', code: "const https = require('https');\nhttps.createServer({}, function (i, o) { o.write(err.stack); });\n" },

  // Koa: a context named `ctx`/`context`/`koaCtx` or typed as one
  { name: 'koa context named context', file: 'src/r.js', code: "router.get('/x', async (context) => { context.body = { error: err.message }; });\n" },
  { name: 'koa koaCtx status', file: 'src/r.js', code: 'module.exports = async (koaCtx, next) => { koaCtx.status = 500; };\n' },
  { name: 'koa typed context', file: 'src/r.ts', code: "import type { Context } from 'koa';\nexport async function show(c: Context) { const ctx = c; ctx.throw(500, err.message); }\n" },
  { name: 'koa ctx as any', file: 'src/r.ts', code: 'export const show = async (ctx) => { (ctx as any).body = err.message; };\n' },
  { name: 'koa ctx non-null', file: 'src/r.ts', code: 'export const show = async (ctx) => { ctx!.body = err.message; };\n' },
  { name: 'koa ctx.response computed', file: 'src/r.js', code: "module.exports = async (ctx) => { ctx['response'].body = err.message; };\n" },
  { name: 'koa callee non-null', file: 'src/r.ts', code: 'export const show = async (ctx) => { ctx.throw!(400, err.message); };\n' },
  { name: 'koa callee cast', file: 'src/r.ts', code: 'export const show = async (ctx) => { (ctx.throw as Function)(400, err.message); };\n' },
  { name: 'koa callee Flow cast', file: 'src/r.js', code: '// @flow\nmodule.exports = async (ctx) => { (ctx.throw: any)(400, err.message); };\n' },
  { name: 'next Response Flow cast', file: 'app/api/x/route.js', code: '// @flow\nexport async function GET() { return (Response: any).json({ e: err.message }, { status: 500 }); }\n' },
  { name: 'koa optional throw', file: 'src/r.js', code: 'module.exports = async (ctx) => { ctx?.throw(400, err.message); };\n' },
  { name: 'koa assert', file: 'src/r.js', code: 'module.exports = async (ctx) => { ctx.assert(user, 404, err.message); };\n' },
  { name: 'koa append header', file: 'src/r.js', code: "module.exports = async (ctx) => { ctx.append('X-Error', err.message); };\n" },
  { name: 'koa bare arrow ctx', file: 'src/r.js', code: 'module.exports = ctx => { ctx.message = err.message; };\n' },
  { name: 'koa aliased context', file: 'src/r.js', code: 'module.exports = async (ctx) => { const reqCtx = ctx; reqCtx.body = err.message; };\n' },

  // Fastify
  { name: 'fastify bare arrow plugin', file: 'src/routes.js', code: "module.exports = async fastify => {\n  fastify.get('/x', async (rq, rs) => { rs.code(500).send({ e: err.message }); });\n};\n" },
  { name: 'fastify plugin, returned value', file: 'src/routes.js', code: "module.exports = async function (fastify) {\n  fastify.get('/x', async (rq) => { return { e: err.message }; });\n};\n" },
  { name: 'fastify reply typed', file: 'src/routes.ts', code: 'export async function show(rq, rp: FastifyReply) { rp.code(500).send(err.message); }\n' },
  { name: 'fastify sensible', file: 'src/routes.js', code: 'async function show(request, reply) { return reply.notFound(err.message); }\n' },
  { name: 'fastify httpErrors', file: 'src/routes.js', code: "const fastify = require('fastify')();\nfastify.setErrorHandler(h);\nfunction f() { throw fastify.httpErrors.badGateway(err.message); }\n" },
  { name: 'fastify httpErrors computed', file: 'src/routes.js', code: "function f(app) { throw app['httpErrors'].badGateway(err.message); }\n" },
  { name: 'fastify bare setErrorHandler', file: 'src/app.js', code: 'setErrorHandler((e, rq, rp) => { rp.status(500).send(e.message); });\n' },
  { name: 'fastify default error handler', file: 'src/app.ts', code: "import Fastify from 'fastify';\nexport const app = Fastify();\n" },
  { name: 'fastify route options', file: 'src/routes.ts', code: "import fp from 'fastify-plugin';\nexport default fp(async (app) => { app.route({ method: 'GET', url: '/x', handler: async (a, b) => { b.send({ e: err.message }); } }); });\n" },

  // hapi
  { name: 'hapi route with h', file: 'src/routes.js', code: "module.exports = [{ method: 'GET', path: '/x', handler: (request, h) => h.response({ e: err.message }).code(500) }];\n" },
  { name: 'hapi toolkit typed', file: 'src/routes.ts', code: 'export const show = (request, toolkit: ResponseToolkit) => toolkit.response(err.message).code(500);\n' },
  { name: 'hapi optional h', file: 'src/routes.ts', code: "export const routes = [{ method: 'GET', path: '/x', handler: (request, h?: any) => h.response(err.message).code(500) }];\n" },
  { name: 'hapi returned value', file: 'src/routes.js', code: "server.route({ method: 'GET', path: '/x', handler: async (r, h) => { return { e: err.message }; } });\n" },
  { name: 'hapi boom', file: 'src/s.js', code: "const Boom = require('@hapi/boom');\nfunction f() { throw Boom.badRequest(err.message); }\n" },
  { name: 'hapi 16 reply', file: 'src/routes.js', code: "module.exports = { method: 'GET', path: '/x', handler(request, reply) { reply(err.message).code(500); } };\n" },
  { name: 'hapi onPreResponse', file: 'src/ext.js', code: "server.ext('onPreResponse', (request, h) => h.response({ e: err.message }).code(500));\n" },

  // NestJS
  { name: 'nestjs exception in a service', file: 'src/s.ts', code: "import { Injectable, BadRequestException } from '@nestjs/common';\n@Injectable()\nexport class S { f() { throw new BadRequestException(err.message); } }\n" },
  { name: 'nestjs @Res() with another name', file: 'src/c.ts', code: "import { Controller, Get, Res } from '@nestjs/common';\n@Controller()\nexport class C { @Get() f(@Res() out) { out.status(500).json({ e: err.message }); } }\n" },
  { name: 'nestjs filter', file: 'src/f.ts', code: "import { Catch } from '@nestjs/common';\n@Catch()\nexport class F { catch(e, host) { const r = host.switchToHttp().getResponse(); r.status(500).json({ e: e.message }); } }\n" },
  { name: 'nestjs returned value', file: 'src/c.ts', code: "import { Controller, Get } from '@nestjs/common';\n@Controller()\nexport class C { @Get() f() { return { e: err.message }; } }\n" },

  // Next.js
  { name: 'next pages API typed, other name', file: 'src/handler.ts', code: "import type { NextApiRequest, NextApiResponse } from 'next';\nexport default function handler(rq: NextApiRequest, out: NextApiResponse) { out.status(500).json({ e: err.message }); }\n" },
  { name: 'next pages API by path', file: 'pages/api/x.js', code: 'export default (req, res) => res.status(500).send(err.message);\n' },
  { name: 'next route handler new Response', file: 'app/api/x/route.ts', code: 'export async function GET() { return new Response(err.message, { status: 500 }); }\n' },
  { name: 'next route handler Response.json', file: 'app/api/x/route.ts', code: 'export async function GET() { return Response.json({ e: err.message }, { status: 500 }); }\n' },
  { name: 'next route handler Response?.json', file: 'app/api/x/route.ts', code: 'export async function GET() { return Response?.json({ e: err.message }, { status: 500 }); }\n' },
  { name: 'next route handler new Response without arguments', file: 'app/api/x/route.ts', code: 'export async function GET() { return new Response; }\n' },
  { name: 'next NextResponse.json', file: 'src/route.ts', code: "import { NextResponse } from 'next/server';\nexport async function POST() { return NextResponse.json({ e: err.message }, { status: 500 }); }\n" },
  { name: 'next server action', file: 'src/actions.ts', code: "'use server';\nexport async function save() { try { await run(); } catch (e) { return { error: e.message }; } }\n" },
  { name: 'next inline server action', file: 'src/page.tsx', code: "export default function Page() { async function save() { 'use server'; return { error: err.message }; } return null; }\n" },
];

describe('pre-filter: mutation cases, a site with an unusual name or a rare sender is kept', () => {
  it.each(CASES.map((c) => [c.name, c]))('%s', (_name, c) => expectKept(c));
  it.each(EXPRESS_REGISTRATIONS)('express registration %s, every sender, any response name', (_name, wrap) => {
    for (const c of expressCases(wrap)) expectKept(c);
  });
});
