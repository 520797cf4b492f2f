import type * as t from '@babel/types';
import { dottedName, isCall, isMember, parentOf, propertyName, staticString, unwrap, type FunctionNode, type Node } from '../core/ast';
import type { HandlerRole, RawSite, StatusSetter } from '../core/types';
import { ERROR_NAME, REQUEST_NAME, callArgumentOf, calleeParts, importsAny, paramNames, paramTypeName } from './names';
import { unchain } from './response-chain';
import { RoleBook, chainBase, contains, importOf, importsAnyOnce, own, isErrorValue, isNothing, newSite, objectProperty } from './shared';
import type { FileFacts, FrameworkModel, ResponseResolver } from './types';

/**
 * hapi 16-21 and Boom: `h.response(body).code(N)`, values returned from handlers (200), Boom errors thrown or
 * returned (`Boom.badGateway(err.message)`), `failAction` handlers and `onPreResponse` extensions; hapi 16's callable
 * `reply(body).code(N)`.
 *
 * Boom sends the message of every error it builds, except at exactly 500 (`badImplementation`, `internal`,
 * `boomify` without a status), where it answers "An internal server error occurred". A thrown value that is not a
 * Boom error becomes such a 500.
 */

const HAPI_MODULES = /^(@hapi\/hapi|hapi|@hapi\/boom|boom|@hapi\/joi)$/;
const BOOM_MODULES = /^(@hapi\/boom|boom)$/;
const OTHER_FRAMEWORKS = /^(fastify|express|koa)$/;
const TOOLKIT_TYPE = /^(Hapi\.)?(ResponseToolkit|ResponseToolkit<.*>)$/;

/** Boom helpers and their status. */
export const BOOM_STATUS: Record<string, number> = {
  badRequest: 400, unauthorized: 401, paymentRequired: 402, forbidden: 403, notFound: 404, methodNotAllowed: 405,
  notAcceptable: 406, proxyAuthRequired: 407, clientTimeout: 408, conflict: 409, resourceGone: 410, lengthRequired: 411,
  preconditionFailed: 412, entityTooLarge: 413, uriTooLong: 414, unsupportedMediaType: 415, rangeNotSatisfiable: 416,
  expectationFailed: 417, teapot: 418, badData: 422, locked: 423, failedDependency: 424, tooEarly: 425,
  preconditionRequired: 428, tooManyRequests: 429, illegal: 451, internal: 500, badImplementation: 500,
  notImplemented: 501, badGateway: 502, serverUnavailable: 503, gatewayTimeout: 504,
};

/** Everything Boom exports that builds an error. */
const BOOM_NAMES = new Set([...Object.keys(BOOM_STATUS), 'boomify', 'Boom']);

interface HapiExtra {
  /** The handler's return value is the response (hapi 17+ handlers). */
  returns: boolean;
  toolkit: string | null;
}

const book = new RoleBook<HapiExtra>();

/** The key a function is stored under in an object literal (`handler: fn`, `handler(request, h) {}`), and the object. */
function propertyOf(fn: FunctionNode): { key: string; obj: t.ObjectExpression } | null {
  if (fn.type === 'ObjectMethod') {
    const obj = parentOf(fn);
    return fn.key.type === 'Identifier' && obj?.type === 'ObjectExpression' ? { key: fn.key.name, obj } : null;
  }
  const prop = parentOf(fn);
  if (prop?.type !== 'ObjectProperty' || prop.key.type !== 'Identifier') return null;
  const obj = parentOf(prop);
  return obj?.type === 'ObjectExpression' ? { key: prop.key.name, obj } : null;
}

/** `{ method: 'GET', path: '/x', handler }` or its `options`/`config` object. */
function isRouteConfig(obj: t.ObjectExpression): boolean {
  if (objectProperty(obj, 'path') && objectProperty(obj, 'method')) return true;
  const outerProp = parentOf(obj);
  const outer = outerProp?.type === 'ObjectProperty' ? parentOf(outerProp) : null;
  return outer?.type === 'ObjectExpression' && !!objectProperty(outer, 'path');
}

/** `server.ext('onPreResponse', fn)` or `server.ext({ type: 'onPreResponse', method: fn })`. */
function isPreResponse(fn: FunctionNode): boolean {
  const arg = callArgumentOf(fn);
  if (arg && calleeParts(arg.call).method === 'ext' && arg.index === 1) return staticString(arg.call.arguments[0] as Node) === 'onPreResponse';
  const prop = propertyOf(fn);
  return !!prop && prop.key === 'method' && staticString(objectProperty(prop.obj, 'type')) === 'onPreResponse';
}

/** In `onPreResponse`, `const response = request.response` holds the Boom error when `response.isBoom`. */
function preResponseError(fn: FunctionNode, request: string | null): string | undefined {
  if (!request || fn.body.type !== 'BlockStatement') return undefined;
  for (const stmt of fn.body.body) {
    if (stmt.type !== 'VariableDeclaration') continue;
    for (const d of stmt.declarations) {
      if (d.id.type === 'Identifier' && d.init && dottedName(d.init as Node) === `${request}.response`) return d.id.name;
      if (d.id.type === 'ObjectPattern' && d.init && dottedName(d.init as Node) === request) {
        for (const p of d.id.properties) if (p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === 'response' && p.value.type === 'Identifier') return p.value.name;
      }
    }
  }
  return undefined;
}

/** The Boom method a call builds (`Boom.notFound`, `notFound` imported from @hapi/boom, `new Boom.Boom`), if any. */
function boomMethod(node: t.CallExpression | t.NewExpression | t.OptionalCallExpression): string | null {
  const callee = unwrap(node.callee as Node);
  if (callee.type === 'Identifier') {
    // cheap checks first: the file's imports are looked up only for names Boom exports
    if (!BOOM_NAMES.has(callee.name)) return null;
    const bound = importOf(node, callee.name);
    if (!bound) return null;
    const [mod, name] = bound.split('#');
    if (!BOOM_MODULES.test(mod!)) return null;
    if (node.type === 'NewExpression') return name === 'Boom' || name === 'default' || name === undefined ? 'Boom' : null;
    return name && (own(BOOM_STATUS, name) || name === 'boomify') ? name : null;
  }
  if (!isMember(callee)) return null;
  const obj = unwrap(callee.object as Node);
  const method = propertyName(callee);
  if (obj.type !== 'Identifier' || !method || !BOOM_NAMES.has(method) || !/boom/i.test(obj.name)) return null;
  const bound = importOf(node, obj.name);
  if (!bound || !BOOM_MODULES.test(bound.split('#')[0]!)) return null;
  if (node.type === 'NewExpression') return method === 'Boom' ? 'Boom' : null;
  return own(BOOM_STATUS, method) || method === 'boomify' ? method : null;
}

function boomSite(node: t.CallExpression | t.NewExpression | t.OptionalCallExpression, method: string): RawSite {
  const args = node.arguments as Node[];
  const site = newSite(node, 'hapi', method, '<boom>');
  site.raises = true;
  site.hidesBodyAt = 'exactly-500';
  const message = args[0] && !isNothing(args[0]) ? args[0] : undefined;
  if (message) site.body.push(message);
  if (method === 'boomify' || method === 'Boom') {
    const options = args[1];
    const status = objectProperty(options, 'statusCode');
    site.status = status ?? 500;
    const extra = objectProperty(options, 'message');
    if (extra) site.body.push(extra);
    site.cause = method === 'boomify' ? message : (objectProperty(options, 'data') ?? undefined);
  } else if (method === 'internal') {
    site.status = args[2] ?? 500;
    site.cause = args[1];
  } else {
    site.status = BOOM_STATUS[method]!;
    if (method !== 'unauthorized') site.cause = args[1];
  }
  if (!site.cause && message && isErrorValue(message)) site.cause = message;
  if (!site.body.length) site.bodyless = true;
  return site;
}

/** Whether `node` is only the inner part of a longer call chain (`h.response(x)` in `h.response(x).code(500)`). */
function chainedFurther(node: Node): boolean {
  const parent = parentOf(node);
  if (!parent || !isMember(parent) || parent.object !== node) return false;
  const grand = parentOf(parent);
  return !!grand && isCall(grand) && grand.callee === parent;
}

/** `h.response(body).code(500).header(...)`, or hapi 16's `reply(body).code(500)`. */
function toolkitChain(node: t.CallExpression | t.OptionalCallExpression, resolve: ResponseResolver): RawSite | null {
  // cheap check first: the chain starts at the toolkit (`h.response(...)`) or at a call of hapi 16's `reply(...)`
  const root = chainBase(node);
  if (!resolve(root) && !(isCall(root) && resolve(root.callee as Node))) return null;
  if (chainedFurther(node)) return null;
  const chain = unchain(node);
  let response: string | null = null;
  let body: Node | undefined;
  let steps = chain?.steps ?? [];
  if (chain && chain.steps[0]!.method === 'response' && resolve(chain.base)) {
    response = resolve(chain.base);
    body = chain.steps[0]!.call.arguments[0] as Node | undefined;
    steps = chain.steps.slice(1);
  } else {
    const base = chain ? chain.base : node;
    if (!isCall(base) || unwrap(base.callee as Node).type !== 'Identifier') return null;
    response = resolve(base.callee as Node);
    body = base.arguments[0] as Node | undefined;
  }
  if (!response) return null;
  if (body && (isErrorValue(body) || (isCall(unwrap(body)) && boomMethod(unwrap(body) as t.CallExpression)))) return null;
  const site = newSite(node, 'hapi', 'response', response);
  if (isNothing(body)) site.bodyless = true;
  else site.body.push(body!);
  for (const step of steps) {
    const args = step.call.arguments as Node[];
    if (step.method === 'code' && args[0]) site.status = args[0];
    else if (step.method === 'created') site.status = 201;
    else if (step.method === 'header' && args[1]) site.headers.push(args[1]);
    else if (step.method === 'message' && args[0]) site.headers.push(args[0]);
    else if (step.method === 'redirect' || step.method === 'view') return null;
  }
  return site;
}

/** Whether a returned expression is a toolkit signal or response (`h.continue`, `h.response(...)`, `h.redirect()`). */
function toolkitValue(expr: Node, toolkit: string | null): boolean {
  if (!toolkit) return false;
  let n = unwrap(expr);
  while (isCall(n) || isMember(n)) n = unwrap((isCall(n) ? n.callee : n.object) as Node);
  return n.type === 'Identifier' && n.name === toolkit;
}

export const hapi: FrameworkModel = {
  id: 'hapi',
  // Route modules (`module.exports = [{ method, path, handler }]`) often import nothing.
  fallback: true,
  // Boom sites need a Boom import; the rest are in files that import hapi, or in handlers whose toolkit parameter is
  // `h` (or typed `ResponseToolkit`), or hapi 16's `reply`.
  hint: /['"`](@hapi\/|hapi['"`]|boom['"`])|[(,](?:\s|\/\*[\s\S]*?\*\/|\/\/.*|@[\w$.]+(?:\([^()]*\))?)*(h|reply)\s*[,):=?\/]|:(?:\s|\/\*[\s\S]*?\*\/)*(?:Hapi\.)?ResponseToolkit\b/,
  detect(facts: FileFacts): boolean {
    book.file(facts);
    return importsAny(facts, HAPI_MODULES);
  },
  handlerRole(fn: FunctionNode, facts: FileFacts): HandlerRole | null {
    book.file(facts);
    const imported = importsAnyOnce(facts, HAPI_MODULES);
    if (!imported && importsAnyOnce(facts, OTHER_FRAMEWORKS)) return null;
    const names = paramNames(fn);
    const prop = propertyOf(fn);
    const toolkit = names[1] ?? null;
    const typed = fn.params.findIndex((p) => TOOLKIT_TYPE.test(paramTypeName(p as Node) ?? '')) === 1;
    const hapiShaped = typed || toolkit === 'h';
    if (prop?.key === 'failAction' && names.length >= 3 && (imported || hapiShaped || toolkit === 'reply')) {
      return book.give(fn, { framework: 'hapi', kind: 'error-middleware', responses: toolkit ? [toolkit] : [], errorParam: names[2] ?? undefined }, { returns: false, toolkit });
    }
    if (isPreResponse(fn) && (hapiShaped || imported)) {
      const errorParam = preResponseError(fn, names[0] ?? null);
      return book.give(fn, { framework: 'hapi', kind: 'error-middleware', responses: toolkit ? [toolkit] : [], errorParam }, { returns: true, toolkit });
    }
    const routeHandler = !!prop && prop.key === 'handler' && isRouteConfig(prop.obj);
    if (routeHandler && toolkit) {
      // hapi 16: `handler(request, reply)` with a callable reply; its return value is ignored
      const legacy = toolkit === 'reply' && !typed && contains(fn.body, (n) => isCall(n) && unwrap(n.callee as Node).type === 'Identifier' && (unwrap(n.callee as Node) as t.Identifier).name === toolkit);
      if (!legacy && !hapiShaped && !imported) return null;
      return book.give(fn, { framework: 'hapi', kind: 'route', responses: [toolkit] }, { returns: !legacy, toolkit });
    }
    if (hapiShaped && names[0] && (REQUEST_NAME.test(names[0]) || names[0] === 'r')) {
      const errorParam = names.slice(2).find((n) => !!n && ERROR_NAME.test(n)) ?? undefined;
      if (errorParam) return book.give(fn, { framework: 'hapi', kind: 'error-middleware', responses: [toolkit!], errorParam }, { returns: false, toolkit });
      return book.give(fn, { framework: 'hapi', kind: 'route', responses: [toolkit!] }, { returns: true, toolkit });
    }
    return null;
  },
  matchSite(node: Node, resolve: ResponseResolver): RawSite | null {
    if (node.type === 'ReturnStatement') {
      const ret = book.returned(node, (extra) => extra.returns);
      if (!ret) return null;
      const { arg, value: a, own } = ret;
      if (toolkitValue(a, own.extra.toolkit) || isErrorValue(a)) return null;
      if ((isCall(a) || a.type === 'NewExpression') && boomMethod(a)) return null;
      // onPreResponse returns the (possibly Boom) response it was given, or h.continue
      if (own.role.kind === 'error-middleware' && a.type === 'Identifier') return null;
      const site = newSite(node, 'hapi', 'return', own.extra.toolkit ?? '<return>');
      site.body.push(arg);
      return site;
    }
    if (node.type === 'NewExpression' || isCall(node)) {
      const boom = boomMethod(node as t.CallExpression);
      if (boom) return boomSite(node as t.CallExpression, boom);
    }
    if (!isCall(node) || !book.any) return null;
    return toolkitChain(node, resolve);
  },
  matchStatusSetter: (): StatusSetter | null => null,
};
