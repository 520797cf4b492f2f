import type * as t from '@babel/types';
import { isCall, isFunction, isMember, paramName, parentOf, propertyName, staticString, unwrap, type FunctionNode, type Node } from '../core/ast';
import type { HandlerRole, RawSite, StatusSetter } from '../core/types';
import { ERROR_NAME, callArgumentOf, calleeParts, importsAny, paramNames, paramTypeName } from './names';
import { RoleBook, contains, importsAnyOnce, headerValues, isNothing, looksLikeStatus, newSite } from './shared';
import type { FileFacts, FrameworkModel, ResponseResolver } from './types';

/**
 * Koa 1/2 and its routers (@koa/router, koa-router): `ctx.body = ...`, `ctx.status = ...`, `ctx.throw(status, msg)`,
 * `ctx.assert(...)`, `ctx.set(...)` and the same on `ctx.response`.
 *
 * Koa answers 200 as soon as a body is set, whatever happens to be wrong; `ctx.status` may be set before or after the
 * body. `ctx.throw()` builds an http-errors error: its message reaches the client only below 500 (`expose`).
 */

const KOA_MODULES = /^(koa|koa2|@koa\/router|koa-router|koa-compose|@types\/koa|@types\/koa-router|@types\/koa__router|koa-body|koa-bodyparser|@koa\/bodyparser|egg)$/;
const CONTEXT_NAME = /^(ctx|context|koaCtx|koaContext)$/;
const CONTEXT_RECEIVER = /(ctx|Ctx|context|Context)$/;
const CONTEXT_TYPE = /^(Koa\.)?(Context|ParameterizedContext|DefaultContext|ExtendableContext|BaseContext)$|^(Router\.|KoaRouter\.)?(RouterContext|RouterParamContext|IRouterContext)$|Context$/;

const book = new RoleBook();

/** Index of the context parameter: named `ctx`, or typed as a Koa context. */
function contextIndex(fn: FunctionNode): number {
  return fn.params.findIndex((p) => {
    const name = paramName(p as Node);
    if (name && CONTEXT_NAME.test(name)) return true;
    const type = paramTypeName(p as Node);
    return !!type && CONTEXT_TYPE.test(type) && !/Execution|Http|Graphql|Gql/i.test(type);
  });
}

/** `try { await next() } catch (err) { ... }` or `return next().catch(err => ...)`: the error-handling middleware. */
function catchesDownstream(fn: FunctionNode, nextName: string | null): boolean {
  if (!nextName || fn.body.type !== 'BlockStatement') return false;
  const isNext = (n: Node) => isCall(n) && unwrap(n.callee as Node).type === 'Identifier' && (unwrap(n.callee as Node) as t.Identifier).name === nextName;
  return contains(fn.body, (n) => {
    if (n.type === 'TryStatement' && n.handler) return contains(n.block, isNext);
    if (isCall(n) && isMember(n.callee as Node) && propertyName(n.callee as t.MemberExpression) === 'catch') return isNext(unwrap((n.callee as t.MemberExpression).object as Node));
    return false;
  });
}

/** The context expression of `ctx.x` / `ctx.response.x` / `ctx.request.ctx`..., and the property written. */
function contextMember(node: Node, resolve: ResponseResolver): { response: string; prop: string } | null {
  const n = unwrap(node);
  if (!isMember(n)) return null;
  const prop = propertyName(n);
  if (!prop) return null;
  let obj = unwrap(n.object as Node);
  if (isMember(obj) && propertyName(obj) === 'response') obj = unwrap(obj.object as Node);
  // a context named like one (`ctx`, `koaCtx`, `context`), as the model's hint expects
  if (obj.type !== 'Identifier' || !CONTEXT_RECEIVER.test(obj.name)) return null;
  const response = resolve(obj);
  return response ? { response, prop } : null;
}

/** A `ctx.x = v` or `ctx.response.x = v` assignment on a context. */
function contextAssignment(node: Node, resolve: ResponseResolver): { response: string; prop: string; value: Node } | null {
  if (node.type !== 'AssignmentExpression' || node.operator !== '=') return null;
  const target = contextMember(node.left as Node, resolve);
  return target ? { ...target, value: node.right as Node } : null;
}

/** Whether a statement writes the response of `ctx` (body, throw, redirect) or passes on to `next()`. */
function writesResponse(stmt: Node, ctx: string): boolean {
  return contains(stmt, (n) => {
    if (n.type === 'AssignmentExpression' && isMember(n.left as Node)) {
      const left = n.left as t.MemberExpression;
      const prop = propertyName(left);
      if (prop !== 'body' && prop !== 'message') return false;
      let obj = unwrap(left.object as Node);
      if (isMember(obj) && propertyName(obj) === 'response') obj = unwrap(obj.object as Node);
      return obj.type === 'Identifier' && obj.name === ctx;
    }
    if (isCall(n)) {
      const callee = unwrap(n.callee as Node);
      if (callee.type === 'Identifier') return /^next$/.test(callee.name);
      if (isMember(callee)) {
        const obj = unwrap(callee.object as Node);
        const m = propertyName(callee);
        return obj.type === 'Identifier' && obj.name === ctx && (m === 'throw' || m === 'redirect' || m === 'attachment' || m === 'render');
      }
    }
    return false;
  }, true);
}

const ENDS = new Set(['ReturnStatement', 'ThrowStatement']);

/**
 * Whether `ctx.status = N` is the whole response: nothing writes a body after it (up to a `return`, or the end of the
 * handler), and no body was written just before it in the same block.
 */
function statusOnly(assign: Node, ctx: string): boolean {
  let child: Node = assign;
  for (let p = parentOf(assign); p; child = p, p = parentOf(p)) {
    if (isFunction(p)) return true;
    if (p.type === 'BlockStatement' || p.type === 'Program') {
      const body = p.body as Node[];
      const i = body.indexOf(child);
      if (child === parentOf(assign) && body.slice(0, i).some((s) => writesResponse(s, ctx))) return false;
      for (const s of body.slice(i + 1)) {
        if (writesResponse(s, ctx)) return false;
        if (ENDS.has(s.type)) return true;
      }
    }
  }
  return true;
}

/** `ctx.body = x; ctx.status = 500;`: a status set right after the body, in the same block, applies to it. */
function statusAfter(assign: Node, ctx: string, resolve: ResponseResolver): Node | undefined {
  const stmt = parentOf(assign);
  const block = stmt ? parentOf(stmt) : null;
  if (!stmt || stmt.type !== 'ExpressionStatement' || !block || (block.type !== 'BlockStatement' && block.type !== 'Program')) return undefined;
  const body = block.body as Node[];
  let status: Node | undefined;
  for (const s of body.slice(body.indexOf(stmt) + 1)) {
    if (ENDS.has(s.type)) break;
    if (s.type !== 'ExpressionStatement') continue;
    const a = contextAssignment(s.expression as Node, resolve);
    if (a && a.response === ctx && a.prop === 'status') status = a.value;
  }
  return status;
}

/** `ctx.throw(404)`, `ctx.throw(400, 'Invalid id')`, `ctx.throw('Invalid id', 400)`, `ctx.throw(400, err)`. */
function throwSite(call: t.CallExpression | t.OptionalCallExpression, response: string, method: string): RawSite | null {
  const args = (method === 'assert' ? call.arguments.slice(1) : call.arguments) as Node[];
  const site = newSite(call, 'koa', method, response);
  site.raises = true;
  site.hidesBodyAt = 'server-errors';
  for (const a of args) {
    const n = unwrap(a);
    if (site.status === undefined && looksLikeStatus(n) && staticString(n) === null) site.status = a;
    else if (n.type === 'ObjectExpression') continue; // properties of the error, not sent
    else site.body.push(a);
  }
  // ctx.throw(err): a rethrow, the error keeps its own status and exposure
  if (site.status === undefined && site.body.length === 1 && method === 'throw') {
    const only = unwrap(site.body[0]!);
    if (only.type === 'Identifier' || isMember(only)) return null;
  }
  if (site.status === undefined) site.status = 500;
  if (!site.body.length) site.bodyless = true;
  site.cause = site.body.find((b) => {
    const n = unwrap(b);
    return n.type === 'Identifier' && ERROR_NAME.test(n.name);
  });
  return site;
}

export const koa: FrameworkModel = {
  id: 'koa',
  // Koa code that reads no import (controllers exporting `async (ctx) => ...`) is recognised by its `ctx` parameter.
  fallback: true,
  // Every site writes a context property (`ctx.body =`, `ctx.response.status =`) or calls a context method
  // (`ctx.throw(`). The hint does not name the receiver, so casts (`(ctx as any).body =`) still match; the prefilter's
  // Koa evidence (a `ctx`/`context` parameter or a `Context` type) is what turns `row.status = x` files away.
  hint: /\.\s*(body|status|message)(?:[\s)!]*(?:=(?!=)|\/[*/]|:)|\s+(?:as|satisfies)\b)|\.\s*(throw|assert|set|append)\s*\(|\[\s*['"`](body|status|message|throw|assert|set|append)['"`]/,
  detect(facts: FileFacts): boolean {
    book.file(facts);
    return importsAny(facts, KOA_MODULES);
  },
  handlerRole(fn: FunctionNode, facts: FileFacts): HandlerRole | null {
    book.file(facts);
    const names = paramNames(fn);
    const arg = callArgumentOf(fn);
    // app.on('error', (err, ctx) => ...): Koa's error event, for logging; the response is already on its way.
    if (arg && calleeParts(arg.call).method === 'on' && staticString(arg.call.arguments[0] as Node) === 'error' && names.length >= 2 &&
      names[1] && CONTEXT_NAME.test(names[1]) && (importsAnyOnce(facts, KOA_MODULES) || names[0] && ERROR_NAME.test(names[0]))) {
      return book.give(fn, { framework: 'koa', kind: 'error-middleware', responses: [], errorParam: names[0] ?? undefined }, undefined);
    }
    const index = contextIndex(fn);
    if (index < 0) return null;
    const ctx = names[index];
    if (!ctx) return null;
    const errorParam = names.find((n, i) => i !== index && !!n && ERROR_NAME.test(n)) ?? undefined;
    if (errorParam) return book.give(fn, { framework: 'koa', kind: 'helper', responses: [ctx], errorParam }, undefined);
    const nextParam = names[index + 1] ?? undefined;
    const kind = catchesDownstream(fn, nextParam ?? null) ? 'error-middleware' : 'route';
    return book.give(fn, { framework: 'koa', kind, responses: [ctx], nextParam }, undefined);
  },
  matchSite(node: Node, resolve: ResponseResolver): RawSite | null {
    // every Koa site writes to a context, which only exists in a function given a Koa role
    if (!book.any) return null;
    if (node.type === 'AssignmentExpression') {
      const a = contextAssignment(node, resolve);
      if (!a) return null;
      if (a.prop === 'body') {
        const site = newSite(node, 'koa', 'body', a.response);
        if (isNothing(a.value)) site.bodyless = true;
        else site.body.push(a.value);
        const later = statusAfter(node, a.response, resolve);
        if (later) site.status = later;
        return site;
      }
      if (a.prop === 'status' && statusOnly(node, a.response)) {
        const site = newSite(node, 'koa', 'status', a.response);
        site.status = a.value;
        site.bodyless = true;
        return site;
      }
      if (a.prop === 'message') {
        // the reason phrase, and the body Koa sends when none is set
        const site = newSite(node, 'koa', 'message', a.response);
        site.body.push(a.value);
        return site;
      }
      return null;
    }
    if (!isCall(node)) return null;
    const callee = unwrap(node.callee as Node);
    const target = contextMember(callee, resolve);
    if (!target) return null;
    const { response, prop } = target;
    if (prop === 'throw' || prop === 'assert') return throwSite(node, response, prop);
    if (prop === 'set' || prop === 'append') {
      const args = node.arguments as Node[];
      const site = newSite(node, 'koa', prop, response);
      site.headers.push(...(args.length >= 2 ? [args[1]!] : headerValues(args[0])));
      site.headerOnly = true;
      return site.headers.length ? site : null;
    }
    return null;
  },
  matchStatusSetter(node: Node, resolve: ResponseResolver): StatusSetter | null {
    if (!book.any) return null;
    const a = contextAssignment(node, resolve);
    return a && a.prop === 'status' ? { node, response: a.response, status: a.value } : null;
  },
};
