import type * as t from '@babel/types';
import { isCall, isMember, parentOf, propertyName, unwrap, type Node } from '../core/ast';
import type { FrameworkId, RawSite, StatusSetter } from '../core/types';
import type { ResponseResolver } from './types';

/**
 * Method tables for response objects built on node's http.ServerResponse (node:http itself, Express, Next.js pages
 * API routes). A framework passes the methods its response supports.
 */
export interface ResponseApi {
  framework: FrameworkId;
  /** Methods that send the response: name -> how to read their arguments. */
  senders: Record<string, SenderShape>;
  /** Chainable methods that set the status (`status`). */
  statusSetters: Set<string>;
  /** Methods that set a header: value at argument 1, or an object of headers at argument 0. */
  headerSetters: Set<string>;
  /** Other chainable methods that do not matter here (`type`, `vary`, `cookie`...). */
  passThrough: Set<string>;
}

export type SenderShape = 'body' | 'status-only' | 'render' | 'partial' | 'status-body' | 'redirect';

export interface ChainStep {
  call: t.CallExpression | t.OptionalCallExpression;
  method: string;
}

/** Splits `res.a(...).b(...).c(...)` into its base and its calls (outermost last). */
export function unchain(node: Node): { base: Node; steps: ChainStep[] } | null {
  const steps: ChainStep[] = [];
  let cur = unwrap(node);
  while (isCall(cur) && isMember(cur.callee as Node)) {
    const callee = cur.callee as t.MemberExpression;
    const method = propertyName(callee);
    if (!method) return null;
    steps.unshift({ call: cur, method });
    cur = unwrap(callee.object as Node);
  }
  return steps.length ? { base: cur, steps } : null;
}

function headerValues(step: ChainStep): Node[] {
  const args = step.call.arguments as Node[];
  if (args.length >= 2) return [args[1]!];
  const only = args[0] ? unwrap(args[0]) : null;
  if (only?.type === 'ObjectExpression') return only.properties.map((p) => (p.type === 'ObjectProperty' ? (p.value as Node) : (p as Node)));
  return [];
}

function isStatusLike(node: Node | undefined): boolean {
  if (!node) return false;
  const n = unwrap(node);
  return n.type === 'NumericLiteral';
}

/** The method a call invokes (`json` in `res.status(500).json(x)`) as `unchain` reads it, or null. */
function outerMethod(node: Node): string | null {
  if (!isCall(node)) return null;
  const callee = node.callee as Node;
  return isMember(callee) ? propertyName(callee) : null;
}

function senderShape(api: ResponseApi, method: string): SenderShape | undefined {
  return Object.prototype.hasOwnProperty.call(api.senders, method) ? api.senders[method] : undefined;
}

/** A send (possibly after status/header calls) on a response, as a RawSite. */
export function matchResponseCall(api: ResponseApi, node: Node, resolve: ResponseResolver): RawSite | null {
  // most calls are not sends: their method name says so before the chain is taken apart
  const outer = outerMethod(node);
  if (!outer || (!senderShape(api, outer) && !api.headerSetters.has(outer))) return null;
  const chain = unchain(node);
  if (!chain) return null;
  const last = chain.steps[chain.steps.length - 1]!;
  const response = resolve(chain.base);
  if (!response) return null;
  const site: RawSite = { node, framework: api.framework, method: last.method, response, body: [], headers: [], bodyless: false, headerOnly: false };
  for (const step of chain.steps.slice(0, -1)) {
    if (api.statusSetters.has(step.method)) site.status = step.call.arguments[0] as Node | undefined;
    else if (api.headerSetters.has(step.method)) site.headers.push(...headerValues(step));
    else if (!api.passThrough.has(step.method)) return null;
  }
  const args = last.call.arguments as Node[];
  const shape = senderShape(api, last.method);
  if (!shape) {
    // A standalone header call is a site of its own (for leaks through headers) when nothing follows it.
    const parent = parentOf(node);
    const chained = parent && isMember(parent) && parent.object === node;
    if (api.headerSetters.has(last.method) && chain.steps.length === 1 && !chained) {
      site.headers.push(...headerValues(last));
      site.headerOnly = true;
      return site.headers.length ? site : null;
    }
    return null;
  }
  switch (shape) {
    case 'status-only':
      site.status = args[0];
      site.bodyless = true;
      break;
    case 'status-body':
      // writeHead(status, [reason], [headers]): status and headers, the body comes with a later end().
      return null;
    case 'redirect':
      // res.redirect([status,] url): the URL goes out in the Location header
      if (args.length >= 2) site.status = args[0];
      if (args.length) site.headers.push(args[args.length - 1]!);
      site.bodyless = true;
      break;
    case 'render':
      if (args[1]) site.body.push(args[1]);
      break;
    case 'partial':
      site.partial = true;
      if (args[0]) site.body.push(args[0]);
      break;
    case 'body':
      // Express 3 signature, still common in legacy code: res.send(500, body) / res.json(404, body).
      if (args.length >= 2 && isStatusLike(args[0])) {
        site.status = args[0];
        site.body.push(args[1]!);
      } else if (args[0] && !(unwrap(args[0]).type === 'Identifier' && (unwrap(args[0]) as t.Identifier).name === 'undefined')) {
        site.body.push(args[0]);
      } else {
        site.bodyless = true;
      }
      break;
  }
  return site;
}

/** `res.status(500);`, `res.statusCode = 500`, `res.writeHead(500, ...)` on their own. */
export function matchStatusStatement(api: ResponseApi, node: Node, resolve: ResponseResolver): StatusSetter | null {
  if (node.type === 'AssignmentExpression' && node.operator === '=' && isMember(node.left as Node)) {
    const left = node.left as t.MemberExpression;
    if (propertyName(left) !== 'statusCode') return null;
    const response = resolve(left.object as Node);
    return response ? { node, response, status: node.right as Node } : null;
  }
  const outer = outerMethod(node);
  if (!outer || (outer !== 'writeHead' && !api.statusSetters.has(outer))) return null;
  const chain = unchain(node);
  if (!chain) return null;
  const response = resolve(chain.base);
  if (!response) return null;
  const last = chain.steps[chain.steps.length - 1]!;
  // `res.json(x).status(400)` sets nothing: the response is already sent
  if (chain.steps.some((step) => step !== last && senderShape(api, step.method))) return null;
  const status = last.call.arguments[0] as Node | undefined;
  return status ? { node, response, status } : null;
}

/** Header values of `res.writeHead(status, [reason], headers)`: a header-only site when any are given. */
export function matchWriteHeadHeaders(api: ResponseApi, node: Node, resolve: ResponseResolver): RawSite | null {
  if (outerMethod(node) !== 'writeHead') return null;
  const chain = unchain(node);
  if (!chain || chain.steps.length !== 1 || chain.steps[0]!.method !== 'writeHead') return null;
  const response = resolve(chain.base);
  if (!response) return null;
  const args = chain.steps[0]!.call.arguments as Node[];
  const headers: Node[] = [];
  for (const a of args.slice(1)) {
    const n = unwrap(a);
    if (n.type === 'ObjectExpression') for (const p of n.properties) if (p.type === 'ObjectProperty') headers.push(p.value as Node);
    if (n.type !== 'ObjectExpression' && n.type !== 'NumericLiteral') headers.push(n);
  }
  if (!headers.length) return null;
  return { node, framework: api.framework, method: 'writeHead', response, body: [], headers, bodyless: true, headerOnly: true };
}
