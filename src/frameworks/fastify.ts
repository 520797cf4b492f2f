import type * as t from '@babel/types';
import { dottedName, isCall, isFunction, isMember, parentOf, propertyName, staticString, unwrap, walk, type FunctionNode, type Node } from '../core/ast';
import type { HandlerRole, RawSite, StatusSetter } from '../core/types';
import { ERROR_NAME, RESPONSE_NAME, callArgumentOf, calleeParts, importsAny, isNamedFunction, paramNames, paramTypeName } from './names';
import { matchResponseCall, unchain, type ResponseApi } from './response-chain';
import { RoleBook, chainBase, contains, importOf, importsAnyOnce, own, statusSetterVia, isErrorValue, newSite, programOf } from './shared';
import type { FileFacts, FrameworkModel, ResponseResolver } from './types';

/**
 * Fastify 3-5: `reply.code(N).send(body)`, values returned from handlers, `setErrorHandler` callbacks, the
 * @fastify/sensible helpers (`reply.notFound()`, `fastify.httpErrors.badGateway()`), and the default error handler.
 *
 * `reply.send(err)`, `throw err` and `return err` hand the error to the error handler (like Express's `next(err)`).
 * Without a `setErrorHandler`, that is Fastify's default handler, which sends `error.message` at every status, 500
 * included: reported once, where the app is created.
 */

export const FASTIFY_API: ResponseApi = {
  framework: 'fastify',
  senders: { send: 'body' },
  statusSetters: new Set(['code', 'status']),
  headerSetters: new Set(['header', 'headers']),
  passThrough: new Set(['type', 'serializer', 'removeHeader', 'setCookie', 'clearCookie', 'unsignCookie', 'compress', 'trailer', 'removeTrailer']),
};

const FASTIFY_MODULES = /^(fastify|fastify-plugin|@fastify\/[\w.-]+|fastify-[\w.-]+)$/;
const EXPRESS_MODULES = /^(express|express5|@fastify\/express|@fastify\/middie|middie)$/;
const OTHER_FRAMEWORKS = /^(@hapi\/hapi|hapi|@hapi\/boom|boom|express|koa)$/;
const REPLY_NAME = /^(reply|fastifyReply)$/;
const REPLY_TYPE = /^(Fastify\.)?FastifyReply$/;
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'all', 'search', 'propfind', 'route']);
const HOOKS = new Set(['onRequest', 'preParsing', 'preValidation', 'preHandler', 'preSerialization', 'onSend', 'onTimeout', 'onRequestAbort']);

/** @fastify/sensible's HTTP errors: `reply.notFound(msg)`, `fastify.httpErrors.badGateway(msg)`. */
export const SENSIBLE_STATUS: Record<string, number> = {
  badRequest: 400, unauthorized: 401, paymentRequired: 402, forbidden: 403, notFound: 404, methodNotAllowed: 405,
  notAcceptable: 406, proxyAuthenticationRequired: 407, requestTimeout: 408, conflict: 409, gone: 410,
  lengthRequired: 411, preconditionFailed: 412, payloadTooLarge: 413, uriTooLong: 414, unsupportedMediaType: 415,
  rangeNotSatisfiable: 416, expectationFailed: 417, imateapot: 418, misdirectedRequest: 421, unprocessableEntity: 422,
  locked: 423, failedDependency: 424, tooEarly: 425, upgradeRequired: 426, preconditionRequired: 428,
  tooManyRequests: 429, requestHeaderFieldsTooLarge: 431, unavailableForLegalReasons: 451, internalServerError: 500,
  notImplemented: 501, badGateway: 502, serviceUnavailable: 503, gatewayTimeout: 504, httpVersionNotSupported: 505,
};

interface FastifyExtra {
  /** The handler's return value is sent (route handlers, not hooks). */
  sendsReturn: boolean;
  /** The reply parameter, when there is one. */
  reply: string | null;
}

const book = new RoleBook<FastifyExtra>();

/**
 * Whether a name is a parameter of a function enclosing `node` (`fastify` in `async function (fastify, opts) {...}`).
 */
function isParameter(node: Node, name: string): boolean {
  for (let p = parentOf(node); p; p = parentOf(p)) if (isFunction(p) && paramNames(p).includes(name)) return true;
  return false;
}

/**
 * A lone arrow parameter written without parentheses (`reply => ...`): the model's hint looks for `(reply` / `, reply`.
 */
function bareArrowParam(fn: FunctionNode): boolean {
  if (fn.type !== 'ArrowFunctionExpression' || fn.params.length !== 1) return false;
  const gap = fn.params[0]!.start! - fn.start!;
  return fn.async ? gap <= 6 : gap === 0;
}

/** The reply parameter: typed `FastifyReply`, named `reply`, or named `res` in a Fastify file without Express. */
function replyIndex(fn: FunctionNode, fastifyOnly: boolean): number {
  const typed = fn.params.findIndex((p) => REPLY_TYPE.test(paramTypeName(p as Node) ?? ''));
  if (typed >= 0) return typed;
  const names = paramNames(fn);
  const named = bareArrowParam(fn) ? -1 : names.findIndex((n) => !!n && REPLY_NAME.test(n));
  if (named >= 0 || !fastifyOnly) return named;
  return names.findIndex((n, i) => i > 0 && !!n && RESPONSE_NAME.test(n));
}

/** Where a function is registered: `fastify.get(path, handler)`, `route({ handler })`, `addHook(name, fn)`... */
function registration(fn: FunctionNode): { kind: 'route' | 'hook' | 'error-handler' | 'not-found'; receiver: string | null; own?: boolean } | null {
  const arg = callArgumentOf(fn);
  if (arg) {
    const { method, object } = calleeParts(arg.call);
    if (!method) return null;
    if (method === 'setErrorHandler') return { kind: 'error-handler', receiver: object, own: true };
    if (method === 'setNotFoundHandler') return { kind: 'not-found', receiver: object };
    if (method === 'addHook') {
      const hook = staticString(arg.call.arguments[0] as Node);
      return hook && HOOKS.has(hook) ? { kind: 'hook', receiver: object } : null;
    }
    if (ROUTE_METHODS.has(method) && arg.index > 0) return { kind: 'route', receiver: object };
    return null;
  }
  // route({ method, url, handler }), get(path, { schema, handler }), { errorHandler, preHandler: [...] }, and the
  // same written as methods (`handler (request, reply) {...}`)
  let key: string | null = null;
  let obj: Node | null = null;
  if (fn.type === 'ObjectMethod') {
    key = fn.key.type === 'Identifier' ? fn.key.name : null;
    obj = parentOf(fn);
  } else {
    let prop = parentOf(fn);
    if (prop?.type === 'ArrayExpression') prop = parentOf(prop);
    if (prop?.type === 'ObjectProperty' && prop.key.type === 'Identifier') {
      key = prop.key.name;
      obj = parentOf(prop);
    }
  }
  if (!key || obj?.type !== 'ObjectExpression') return null;
  // Fastify({ frameworkErrors (error, req, reply) {...} })
  if (key === 'frameworkErrors') return { kind: 'error-handler', receiver: null };
  const call = obj ? parentOf(obj) : null;
  if (!call || !isCall(call)) return null;
  const { method, object } = calleeParts(call as t.CallExpression);
  if (!method || !ROUTE_METHODS.has(method)) return null;
  if (key === 'handler') return { kind: 'route', receiver: object };
  if (key === 'errorHandler') return { kind: 'error-handler', receiver: object };
  if (HOOKS.has(key)) return { kind: 'hook', receiver: object };
  return null;
}

/** Whether a function calls one of its parameters (`reply(...)`): hapi 16's reply interface, not Fastify's. */
function callsDirectly(fn: FunctionNode, name: string | null): boolean {
  return !!name && contains(fn.body, (n) => isCall(n) && unwrap(n.callee as Node).type === 'Identifier' && (unwrap(n.callee as Node) as t.Identifier).name === name);
}

/** Whether a reply chain call is the whole of an expression (`reply.code(404).send(x)`, `reply.notFound()`). */
function isReplyCall(expr: Node, resolve: ResponseResolver): boolean {
  const n = unwrap(expr);
  if (n.type === 'Identifier') return !!resolve(n);
  const chain = isCall(n) ? unchain(n) : null;
  return !!chain && !!resolve(chain.base);
}

const APP_CHECKS = new WeakMap<Node, boolean>();

/** Whether the file registers an error handler (`setErrorHandler`, or a plugin named like one). */
function hasErrorHandler(node: Node): boolean {
  const program = programOf(node);
  if (!program) return true;
  let found = APP_CHECKS.get(program);
  if (found === undefined) {
    found = false;
    walk(program, (n) => {
      if (found) return false;
      if (isCall(n)) {
        const { method } = calleeParts(n as t.CallExpression);
        if (method === 'setErrorHandler') found = true;
        if (method === 'register' && n.arguments[0]) {
          // app.register(errorHandlerPlugin) / app.register(require('./plugins/errors'))
          const a = unwrap(n.arguments[0] as Node);
          const label = dottedName(a) ?? (isCall(a) ? staticString(a.arguments[0] as Node) : null);
          if (label && /error/i.test(label)) found = true;
        }
      }
      return !found;
    });
    APP_CHECKS.set(program, found);
  }
  return found;
}

/** `fastify()`, `Fastify({ logger: true })`, `require('fastify')()`: a Fastify app is created here. */
function createsApp(call: t.CallExpression): boolean {
  const callee = unwrap(call.callee as Node);
  if (isCall(callee)) {
    const c = unwrap(callee.callee as Node);
    return c.type === 'Identifier' && c.name === 'require' && staticString(callee.arguments[0] as Node) === 'fastify';
  }
  const name = callee.type === 'Identifier' ? callee.name : isMember(callee) ? dottedName(callee.object as Node) : null;
  if (!name || !/fastify/i.test(name)) return false;
  const bound = importOf(call, name);
  if (!bound || !/^fastify(#(default|fastify|Fastify))?$/.test(bound)) return false;
  return callee.type === 'Identifier' || propertyName(callee as t.MemberExpression) === 'fastify';
}

/** `reply.notFound('...')` / `fastify.httpErrors.badGateway(err.message)`: an HTTP error for the error handler. */
function sensibleSite(call: t.CallExpression | t.OptionalCallExpression, method: string, response: string): RawSite {
  const site = newSite(call, 'fastify', method, response);
  const args = call.arguments as Node[];
  if (method === 'getHttpError' || method === 'createError') {
    site.status = args[0];
    if (args[1]) site.body.push(args[1]);
  } else {
    site.status = SENSIBLE_STATUS[method]!;
    if (args[0]) site.body.push(args[0]);
  }
  site.raises = true;
  if (!site.body.length) site.bodyless = true;
  return site;
}

export const fastify: FrameworkModel = {
  id: 'fastify',
  // Route plugins (`module.exports = async function (fastify) {...}`) often import nothing.
  fallback: true,
  // Every Fastify site is in a file that imports Fastify, or in a handler with a `reply` parameter (or one typed
  // `FastifyReply`), registered on a `fastify` parameter, or given to `.setErrorHandler`; sensible errors name
  // `.httpErrors`. The alternatives start with few distinct characters, which keeps the combined pre-filter fast.
  hint: /['"`]@?fastify|[(,](?:\s|\/\*[\s\S]*?\*\/|\/\/.*|@[\w$.]+(?:\([^()]*\))?)*(reply|fastifyReply|fastify)\b|=>(?<=\b(?:reply|fastifyReply|fastify)(?:\s|\/\*[\s\S]*?\*\/)*=>)|:(?:\s|\/\*[\s\S]*?\*\/)*(?:Fastify\.)?FastifyReply\b|(?:\.\s*|\[\s*['"`])httpErrors\b|\bsetErrorHandler\b/,
  detect(facts: FileFacts): boolean {
    book.file(facts);
    return importsAny(facts, FASTIFY_MODULES);
  },
  handlerRole(fn: FunctionNode, facts: FileFacts): HandlerRole | null {
    book.file(facts);
    const names = paramNames(fn);
    const imported = importsAnyOnce(facts, FASTIFY_MODULES);
    // hapi (and hapi 16's callable `reply`) in files that do not import Fastify
    if (!imported && importsAnyOnce(facts, OTHER_FRAMEWORKS)) return null;
    const reg = registration(fn);
    const index = replyIndex(fn, imported && !importsAnyOnce(facts, EXPRESS_MODULES));
    if (!imported && index >= 0 && callsDirectly(fn, names[index] ?? null)) return null;
    if (reg) {
      // setErrorHandler is Fastify's own; other registrations count in a Fastify file, with a reply parameter, or on
      // a `fastify` parameter (route plugins that import nothing: `module.exports = async function (fastify) {...}`)
      const ours = reg.own || imported || index >= 0 || (reg.receiver === 'fastify' && isParameter(fn, 'fastify'));
      if (ours) {
        if (reg.kind === 'error-handler') {
          const reply = names[2] ?? null;
          return book.give(fn, { framework: 'fastify', kind: 'error-middleware', responses: reply ? [reply] : [], errorParam: names[0] ?? undefined }, { sendsReturn: true, reply });
        }
        const reply = names[1] ?? null;
        const role: HandlerRole = { framework: 'fastify', kind: 'route', responses: reply ? [reply] : [] };
        if (reg.kind === 'hook' && names[2]) role.nextParam = names[2];
        return book.give(fn, role, { sendsReturn: reg.kind !== 'hook', reply });
      }
    }
    if (index < 0) return null;
    const reply = names[index]!;
    if (!reply) return null;
    const errorParam = names.find((n, i) => i !== index && !!n && ERROR_NAME.test(n)) ?? undefined;
    if (errorParam && index !== 2) return book.give(fn, { framework: 'fastify', kind: 'helper', responses: [reply], errorParam }, { sendsReturn: false, reply });
    if (errorParam) return book.give(fn, { framework: 'fastify', kind: 'error-middleware', responses: [reply], errorParam }, { sendsReturn: true, reply });
    // (request, reply) controllers registered elsewhere; a lone reply parameter only in a named helper
    if (index === 1 || isNamedFunction(fn)) {
      return book.give(fn, { framework: 'fastify', kind: index === 1 ? 'route' : 'helper', responses: [reply] }, { sendsReturn: index === 1, reply });
    }
    return null;
  },
  matchSite(node: Node, resolve: ResponseResolver): RawSite | null {
    if (node.type === 'ReturnStatement') {
      const ret = book.returned(node, (extra) => extra.sendsReturn);
      if (!ret) return null;
      const { arg, value: a, own } = ret;
      if (isReplyCall(arg, resolve) || isErrorValue(arg)) return null;
      if (isCall(a) && /\.httpErrors\.\w+$/.test(dottedName(a.callee as Node) ?? '')) return null;
      const site = newSite(node, 'fastify', 'return', own.extra.reply ?? '<return>');
      site.body.push(arg);
      if (own.role.kind === 'error-middleware') site.implicitStatus = null;
      return site;
    }
    if (!isCall(node)) return null;
    const callee = unwrap(node.callee as Node);
    if (isMember(callee)) {
      // fastify.httpErrors.notFound(...)
      const obj = unwrap(callee.object as Node);
      if (isMember(obj) && propertyName(obj) === 'httpErrors') {
        const method = propertyName(callee);
        if (method && (own(SENSIBLE_STATUS, method) || method === 'createError')) return sensibleSite(node, method, '<httpErrors>');
      }
    }
    if (node.type === 'CallExpression' && !isMember(callee) && createsApp(node) && !hasErrorHandler(node)) {
      const site = newSite(node, 'fastify', 'fastify', '<app>');
      site.status = 500;
      site.bodyless = true;
      site.raises = true;
      site.implicitLeak = 'error.message';
      site.note = "by Fastify's default error handler, for 500s too: this app registers no setErrorHandler";
      return site;
    }
    if (!book.any) return null;
    const response = resolve(chainBase(node));
    if (!response) return null;
    const chain = unchain(node);
    if (!chain) return null;
    const last = chain.steps[chain.steps.length - 1]!;
    if (chain.steps.length === 1 && (own(SENSIBLE_STATUS, last.method) || last.method === 'getHttpError')) return sensibleSite(node, last.method, response);
    const site = matchResponseCall(FASTIFY_API, node, resolve);
    if (!site) return null;
    const role = book.nearest(node);
    if (site.method === 'send' && site.body.length === 1 && isErrorValue(site.body[0]) && role?.role.kind !== 'error-middleware') {
      // reply.send(err) hands the error to the error handler, like throw err
      return null;
    }
    if (role?.role.kind === 'error-middleware' && site.status === undefined) site.implicitStatus = null;
    return site;
  },
  matchStatusSetter: (node: Node, resolve: ResponseResolver): StatusSetter | null => (book.any ? statusSetterVia(FASTIFY_API, node, resolve) : null),
};
