import type * as t from '@babel/types';
import { isCall, isMember, parentOf, propertyName, unwrap, type FunctionNode, type Node } from '../core/ast';
import type { HandlerRole, RawSite, StatusSetter } from '../core/types';
import { NODE_HTTP_API } from './node-http';
import { ERROR_NAME, REQUEST_NAME, RESPONSE_NAME, importsAny, isNamedFunction, paramNames, paramTypeName } from './names';
import { matchResponseCall, matchWriteHeadHeaders, type ResponseApi } from './response-chain';
import { RoleBook, chainBase, fileFactsOf, importsAnyOnce, projectDependencies, statusSetterVia, fileNameOf, headerValues, importOf, isNothing, newSite, objectProperty, programOf } from './shared';
import type { FileFacts, FrameworkModel, ResponseResolver } from './types';

/**
 * Next.js 9-15: pages API routes (`res.status(500).json(...)` on a `NextApiResponse`), app router route handlers
 * (`NextResponse.json(body, { status })`, `Response.json(...)`, `new Response(...)`: no status means 200), and server
 * actions, whose returned value goes to the client as it is (`return { error: err.message }`).
 *
 * Files are recognised by their imports, or by where they live (`pages/api/**`, `app/** /route.ts`) since API routes
 * often import nothing from Next.
 */

const NEXT_MODULES = /^next(\/|$)/;
const HTTP_METHODS = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;
const API_RESPONSE_TYPE = /^(Next\.)?NextApiResponse$/;
/** Where Next looks for API routes and route handlers. */
const NEXT_PATH = /(^|\/)(pages\/api\/|app\/(.+\/)?route\.(m|c)?[jt]sx?$)/;

const NEXT_API: ResponseApi = {
  framework: 'next',
  senders: { ...NODE_HTTP_API.senders, json: 'body', send: 'body' },
  statusSetters: new Set(['status']),
  headerSetters: new Set(['setHeader', 'appendHeader']),
  passThrough: new Set(['setPreviewData', 'clearPreviewData', 'setDraftMode']),
};

interface NextFile {
  /** Imports something from `next` (`next`, `next/server`, `next/headers`...). */
  imported: boolean;
  /** `next/server` or an app router route file: `Response` there is the web Response of a route handler. */
  routeHandlers: boolean;
  pagesApi: boolean;
  /** A `'use server'` module: its exported functions are server actions. */
  serverActions: boolean;
  /** Imports no framework, in a project whose package.json depends on Next and on no other server framework. */
  project: boolean;
}

const OTHER_SERVERS = ['express', 'koa', 'fastify', '@nestjs/core', '@hapi/hapi', 'hapi', 'restify', 'polka'];
const ANY_FRAMEWORK = /^(express|koa|fastify|@nestjs\/|@hapi\/hapi$|hapi$|@koa\/|restify|polka|(node:)?https?$)/;

const MAYBE = new WeakMap<FileFacts, boolean>();

/** Cheap per-file test before anything else: most files have nothing to do with Next. */
function maybeNextFile(node: Node, facts: FileFacts): boolean {
  let v = MAYBE.get(facts);
  if (v === undefined) {
    v = importsAnyOnce(facts, NEXT_MODULES) || NEXT_PATH.test(fileNameOf(node)) || !!programOf(node)?.directives.length || inNextProject(node, facts);
    MAYBE.set(facts, v);
  }
  return v;
}

const PROJECT = new WeakMap<FileFacts, boolean>();

/** A file that imports no framework, in a Next.js project (from its package.json). Once per file. */
function inNextProject(node: Node, facts: FileFacts): boolean {
  let v = PROJECT.get(facts);
  if (v === undefined) {
    const deps = importsAnyOnce(facts, ANY_FRAMEWORK) ? null : projectDependencies(node);
    v = !!deps && deps.has('next') && !OTHER_SERVERS.some((d) => deps.has(d));
    PROJECT.set(facts, v);
  }
  return v;
}

const FILES = new WeakMap<Node, NextFile>();

function nextFile(node: Node, known?: FileFacts): NextFile {
  const program = programOf(node);
  const cached = program ? FILES.get(program) : undefined;
  if (cached) return cached;
  const facts = known ?? fileFactsOf(node);
  const name = fileNameOf(node);
  const imported = importsAny(facts, NEXT_MODULES);
  const info: NextFile = {
    imported,
    routeHandlers: facts.imports.has('next/server') || /(^|\/)app\/(.+\/)?route\.(m|c)?[jt]sx?$/.test(name) || (imported && /(^|\/)middleware\.(m|c)?[jt]s$/.test(name)),
    pagesApi: /(^|\/)pages\/api\//.test(name),
    serverActions: !!program?.directives.some((d) => d.value.value === 'use server'),
    project: !imported && inNextProject(node, facts),
  };
  if (program) FILES.set(program, info);
  return info;
}

interface NextExtra {
  /** A server action: what it returns is sent to the client. */
  action: boolean;
}

const book = new RoleBook<NextExtra>();

/** Whether a top-level function is exported (`export async function f`, `export const f = async () =>`). */
function isExported(fn: FunctionNode): boolean {
  let p = parentOf(fn);
  if (p?.type === 'VariableDeclarator') {
    const decl = parentOf(p);
    p = decl ? parentOf(decl) : null;
  }
  return p?.type === 'ExportNamedDeclaration' || p?.type === 'ExportDefaultDeclaration';
}

function exportedName(fn: FunctionNode): string | null {
  if (fn.type === 'FunctionDeclaration' && fn.id) return fn.id.name;
  const p = parentOf(fn);
  return p?.type === 'VariableDeclarator' && p.id.type === 'Identifier' ? p.id.name : null;
}

function hasUseServer(fn: FunctionNode): boolean {
  return fn.body.type === 'BlockStatement' && fn.body.directives.some((d) => d.value.value === 'use server');
}

/** `NextResponse.json(body, init)`, `Response.json(body, init)`, `new NextResponse(body, init)`, `new Response(...)`. */
function webResponse(node: t.CallExpression | t.NewExpression | t.OptionalCallExpression): RawSite | null {
  const callee = unwrap(node.callee as Node);
  let cls: string | null = null;
  let method = 'new';
  if (node.type === 'NewExpression') cls = callee.type === 'Identifier' ? callee.name : null;
  else if (isMember(callee) && propertyName(callee) === 'json') {
    const obj = unwrap(callee.object as Node);
    cls = obj.type === 'Identifier' ? obj.name : null;
    method = 'json';
  }
  if (cls !== 'Response' && cls !== 'NextResponse') return null;
  const file = nextFile(node);
  if (cls === 'NextResponse' ? !/^next\/server#/.test(importOf(node, cls) ?? '') : !(file.routeHandlers || file.imported || file.project)) return null;
  const [body, init] = node.arguments as Node[];
  const site = newSite(node, 'next', method, `<${cls}>`);
  if (isNothing(body)) site.bodyless = true;
  else site.body.push(body!);
  if (init) {
    const i = unwrap(init);
    if (i.type === 'ObjectExpression') {
      const status = objectProperty(i, 'status');
      if (status) site.status = status;
      site.headers.push(...headerValues(objectProperty(i, 'headers')));
      const statusText = objectProperty(i, 'statusText');
      if (statusText) site.headers.push(statusText);
    } else {
      // an init built elsewhere: the status is not known here
      site.implicitStatus = null;
    }
  }
  return site;
}

export const next: FrameworkModel = {
  id: 'next',
  // API routes and route handlers often import nothing from Next: they are recognised by their path.
  fallback: true,
  // Pages API responses are `res.json()`/`send()`/`end()`; route handlers build a `Response`; actions say 'use server'.
  hint: /\.\s*(json|send|end|write|writeHead|setHeader|appendHeader)\s*\(|\[\s*['"`](json|send|end|write|writeHead|setHeader|appendHeader)['"`]\s*\]|Response\b(?:(?<=\bnew(?:[\s(]|\/\*[\s\S]*?\*\/)*(?:Next)?Response)|[\s)!]*(?:\??\.\s*json\b|(?:\?\.)?\s*\[\s*['"`]json['"`]|\/[*/])|\s+(?:as|satisfies)\b|\s*:)|['"`]use server/,
  detect(facts: FileFacts): boolean {
    book.file(facts);
    return importsAny(facts, NEXT_MODULES);
  },
  handlerRole(fn: FunctionNode, facts: FileFacts): HandlerRole | null {
    book.file(facts);
    // cheap checks first: most files are not Next files at all
    if (!maybeNextFile(fn, facts) && !hasUseServer(fn)) return null;
    const file = nextFile(fn, facts);
    if (!file.imported && !file.pagesApi && !file.routeHandlers && !file.serverActions && !file.project && !hasUseServer(fn)) return null;
    const names = paramNames(fn);
    if (hasUseServer(fn) || (file.serverActions && isExported(fn))) {
      return book.give(fn, { framework: 'next', kind: 'route', responses: [] }, { action: true });
    }
    if (file.routeHandlers && isExported(fn) && HTTP_METHODS.test(exportedName(fn) ?? '')) {
      return book.give(fn, { framework: 'next', kind: 'route', responses: [] }, { action: false });
    }
    // pages API: (req: NextApiRequest, res: NextApiResponse), or (req, res) under pages/api
    const typed = fn.params.findIndex((p) => API_RESPONSE_TYPE.test(paramTypeName(p as Node) ?? ''));
    const byName = file.pagesApi || file.project || facts.imports.has('next') ? names.findIndex((n) => !!n && RESPONSE_NAME.test(n)) : -1;
    const index = typed >= 0 ? typed : byName;
    if (index < 0) return null;
    const res = names[index];
    if (!res) return null;
    // a helper that takes the error (`handleApiError(req, res, err)`) before a plain (req, res) route
    const errorParam = names.find((n, i) => i !== index && !!n && ERROR_NAME.test(n)) ?? undefined;
    if (errorParam && (typed >= 0 || isNamedFunction(fn))) {
      return book.give(fn, { framework: 'next', kind: 'helper', responses: [res], errorParam }, { action: false });
    }
    if (index >= 1 && names[index - 1] && REQUEST_NAME.test(names[index - 1]!)) {
      return book.give(fn, { framework: 'next', kind: 'route', responses: [res] }, { action: false });
    }
    if (typed >= 0 || isNamedFunction(fn)) {
      return book.give(fn, { framework: 'next', kind: 'helper', responses: [res] }, { action: false });
    }
    return null;
  },
  matchSite(node: Node, resolve: ResponseResolver): RawSite | null {
    if (node.type === 'ReturnStatement') {
      const ret = book.returned(node, (extra) => extra.action);
      if (!ret) return null;
      const { arg, value: a } = ret;
      // redirect() / notFound() throw; a returned Response is its own site
      if (isCall(a) && (a.callee.type === 'Identifier' && /^(redirect|permanentRedirect|notFound)$/.test(a.callee.name))) return null;
      if ((a.type === 'NewExpression' || isCall(a)) && webResponse(a)) return null;
      const site = newSite(node, 'next', 'return', '<action>');
      site.body.push(arg);
      // a server action's result carries no HTTP status of its own
      site.implicitStatus = null;
      return site;
    }
    if (node.type === 'NewExpression') return webResponse(node);
    if (!isCall(node)) return null;
    const web = webResponse(node);
    if (web) return web;
    if (!book.any || !resolve(chainBase(node))) return null;
    return matchResponseCall(NEXT_API, node, resolve) ?? matchWriteHeadHeaders(NEXT_API, node, resolve);
  },
  matchStatusSetter: (node: Node, resolve: ResponseResolver): StatusSetter | null => (book.any ? statusSetterVia(NEXT_API, node, resolve) : null),
};
