import type { FunctionNode, Node } from '../core/ast';
import type { HandlerRole } from '../core/types';
import { callArgumentOf, calleeParts, importsAny, paramNames } from './names';
import { matchResponseCall, matchStatusStatement, matchWriteHeadHeaders, type ResponseApi } from './response-chain';
import type { FileFacts, FrameworkModel, ResponseResolver } from './types';

export const NODE_HTTP_API: ResponseApi = {
  framework: 'node-http',
  senders: { end: 'body', write: 'partial', writeHead: 'status-body' },
  statusSetters: new Set(),
  headerSetters: new Set(['setHeader', 'appendHeader']),
  passThrough: new Set(),
};

const HTTP_MODULES = /^(node:)?(http|https|http2)$/;

/** node:http servers: `http.createServer((req, res) => ...)` and `server.on('request', (req, res) => ...)`. */
export const nodeHttp: FrameworkModel = {
  id: 'node-http',
  fallback: false,
  hint: /\.\s*(end|write|writeHead|setHeader|appendHeader)\s*\(|\[\s*['"`](end|write|writeHead|setHeader|appendHeader)['"`]\s*\]/,
  detect: (facts: FileFacts) => importsAny(facts, HTTP_MODULES),
  handlerRole(fn: FunctionNode): HandlerRole | null {
    const arg = callArgumentOf(fn);
    if (!arg) return null;
    const { method } = calleeParts(arg.call);
    const names = paramNames(fn);
    const isServer =
      (method === 'createServer' || method === 'createSecureServer') ||
      (method === 'on' && arg.index === 1 && (arg.call.arguments[0] as Node)?.type === 'StringLiteral' &&
        ((arg.call.arguments[0] as { value: string }).value === 'request'));
    if (!isServer || names.length < 2 || !names[1]) return null;
    return { framework: 'node-http', kind: 'server', responses: [names[1]] };
  },
  matchSite: (node: Node, resolve: ResponseResolver) =>
    matchResponseCall(NODE_HTTP_API, node, resolve) ?? matchWriteHeadHeaders(NODE_HTTP_API, node, resolve),
  matchStatusSetter: (node: Node, resolve: ResponseResolver) => matchStatusStatement(NODE_HTTP_API, node, resolve),
};
