import { staticString, unwrap, type FunctionNode, type Node } from '../core/ast';
import type { HandlerRole } from '../core/types';
import {
  ERROR_NAME,
  REQUEST_NAME,
  RESPONSE_NAME,
  callArgumentOf,
  calleeParts,
  importsAny,
  isNamedFunction,
  paramNames,
  paramTypeName,
} from './names';
import { NODE_HTTP_API, nodeHttp } from './node-http';
import { matchResponseCall, matchStatusStatement, matchWriteHeadHeaders, type ResponseApi } from './response-chain';
import type { FileFacts, FrameworkModel, ResponseResolver } from './types';

export const EXPRESS_API: ResponseApi = {
  framework: 'express',
  senders: {
    ...NODE_HTTP_API.senders,
    json: 'body',
    jsonp: 'body',
    send: 'body',
    sendStatus: 'status-only',
    render: 'render',
    redirect: 'redirect',
  },
  statusSetters: new Set(['status']),
  headerSetters: new Set(['set', 'header', 'setHeader', 'append', 'appendHeader']),
  passThrough: new Set(['type', 'contentType', 'vary', 'cookie', 'clearCookie', 'location', 'links', 'attachment', 'charset']),
};

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head', 'param', 'route']);
const EXPRESS_MODULES = /^(express|express5|express-promise-router|express-async-router|@types\/express|express-serve-static-core)$/;
const RESPONSE_TYPES = /^(express\.)?(Response|ServerResponse|http\.ServerResponse|\$Response|express\$Response|ExpressResponse)$/;

function isPathArgument(node: Node | undefined): boolean {
  if (!node) return false;
  const n = unwrap(node);
  return staticString(n) !== null || n.type === 'TemplateLiteral' || n.type === 'RegExpLiteral' || n.type === 'ArrayExpression';
}

/** Whether `fn` is passed to `app.get(path, ...)`, `router.use(...)`, `app.route(path).post(...)`. */
function isRegisteredHandler(fn: FunctionNode): boolean {
  const arg = callArgumentOf(fn);
  if (!arg) return false;
  const { method } = calleeParts(arg.call);
  if (!method || !ROUTE_METHODS.has(method)) return false;
  const args = arg.call.arguments as Node[];
  if (method === 'use') return true;
  const callee = arg.call.callee as Node;
  // app.route('/x').get(handler): the receiver is itself a route() call
  if (callee.type === 'MemberExpression' && callee.object.type === 'CallExpression') return true;
  return isPathArgument(args[0]);
}

function responseTyped(fn: FunctionNode): number {
  return fn.params.findIndex((p) => {
    const type = paramTypeName(p as Node);
    return !!type && RESPONSE_TYPES.test(type);
  });
}

export const express: FrameworkModel = {
  id: 'express',
  fallback: true,
  hint: /\.\s*(json|jsonp|send|sendStatus|end|write|writeHead|render|redirect|set|header|setHeader|append|appendHeader)\s*\(|\[\s*['"`](json|jsonp|send|sendStatus|end|write|writeHead|render|redirect|set|header|setHeader|append|appendHeader)['"`]\s*\]/,
  detect: (facts: FileFacts) => importsAny(facts, EXPRESS_MODULES),
  handlerRole(fn: FunctionNode): HandlerRole | null {
    const names = paramNames(fn);
    if (nodeHttp.handlerRole(fn, { imports: new Set(), importedNames: new Map() })) return null;
    const registered = isRegisteredHandler(fn);
    if (names.length === 4 && (registered || (names[2] && RESPONSE_NAME.test(names[2])))) {
      return { framework: 'express', kind: 'error-middleware', responses: names[2] ? [names[2]] : [], errorParam: names[0] ?? undefined, nextParam: names[3] ?? undefined };
    }
    if (registered && names.length >= 2 && names[1]) {
      return { framework: 'express', kind: 'route', responses: [names[1]], nextParam: names[2] ?? undefined };
    }
    const typed = responseTyped(fn);
    const byName = names.findIndex((n) => !!n && RESPONSE_NAME.test(n));
    const index = typed >= 0 ? typed : byName;
    if (index < 0) return null;
    const responses = [names[index]!];
    // (req, res[, next]) anywhere is a handler; a lone `res` parameter only in a named helper, since inline
    // callbacks such as `.then(res => res.json())` receive a fetch/axios response.
    if (index >= 1 && names[index - 1] && REQUEST_NAME.test(names[index - 1]!)) {
      // replyFailure(error, req, res): a helper handed an error, not a route
      const errorParam = names.slice(0, index - 1).find((n) => !!n && ERROR_NAME.test(n));
      if (errorParam && !registered) return { framework: 'express', kind: 'helper', responses, errorParam };
      return { framework: 'express', kind: 'route', responses, nextParam: names[index + 1] ?? undefined };
    }
    if (typed >= 0 || isNamedFunction(fn)) {
      const errorParam = names.find((n, i) => i !== index && !!n && ERROR_NAME.test(n)) ?? undefined;
      return { framework: 'express', kind: 'helper', responses, errorParam };
    }
    return null;
  },
  matchSite: (node: Node, resolve: ResponseResolver) =>
    matchResponseCall(EXPRESS_API, node, resolve) ?? matchWriteHeadHeaders(EXPRESS_API, node, resolve),
  matchStatusSetter: (node: Node, resolve: ResponseResolver) => matchStatusStatement(EXPRESS_API, node, resolve),
};
