import type * as t from '@babel/types';
import path from 'node:path';
import { dottedName, functionName, isCall, isFunction, parentOf, staticString, unwrap, walk, type FunctionNode, type Node } from '../core/ast';
import { downstreamCallOrigin, type DownstreamOrigin } from '../core/downstream-calls';
import { Evaluator } from '../core/evaluate';
import type { FileModel, SiteRecord } from '../core/file-model';
import { importRefOf, type FunctionSummary, type ImportRef, type SendsSummary } from '../core/imports';
import { replay, union, type Taint } from '../core/taint-facts';
import { exportTable } from './exports';
import { errorSignal as errorSignalOf } from '../rules/wording';

/** What a module offers other files: its exported functions' summaries and what it re-exports. Plain data. */
export interface ModuleSummary {
  exports: Record<string, FunctionSummary>;
  reexports: Record<string, ImportRef>;
  reexportAll: string[];
}

export const EMPTY_MODULE: ModuleSummary = { exports: {}, reexports: {}, reexportAll: [] };

/**
 * Summarises every exported function of a module (its FileModel built with the cross-file hooks, so calls into
 * other modules use their current summaries).
 */
export function summarizeModule(model: FileModel, rel: string, sanitizers: string[]): ModuleSummary {
  const table = exportTable(model.program, model.facts.importedNames);
  const ev = new Evaluator(model, { sanitizers: new Set(sanitizers) });
  const summary: ModuleSummary = { exports: {}, reexports: Object.fromEntries(table.reexports), reexportAll: table.reexportAll };
  for (const [key, fn] of table.functions) {
    const last = key.split('.').pop();
    const name = (last && last !== 'default' ? last : functionName(fn)) || path.basename(rel).replace(/\.[^.]+$/, '');
    const fs: FunctionSummary = { name, file: rel, line: fn.loc?.start.line ?? 1, returns: ev.returnSummary(fn) };
    const sends = sendsSummary(fn, model, ev);
    if (sends) fs.sends = sends;
    const throws = throwsSummary(fn, model, rel, new Set());
    if (throws) fs.throws = throws;
    // kept even when it does nothing worth knowing: callers in other files are still listed on its findings
    summary.exports[key] = fs;
  }
  return summary;
}

/**
 * What a response helper sends in terms of its parameters: only what callers hand it (`param` facts), since what
 * it leaks by itself (an error-named parameter's message) is reported once at its own response call.
 */
function sendsSummary(fn: FunctionNode, model: FileModel, ev: Evaluator): SendsSummary | undefined {
  const fnScope = model.scopes.get(fn);
  const bound = ev.symbolicParams(fn);
  if (!fnScope || !bound) return undefined;
  const records = model.sites.filter((r) => r.scope.handler() === fnScope);
  if (!records.length) return undefined;
  const index = (name: string) => fn.params.findIndex((p) => {
    const id = p.type === 'AssignmentPattern' ? p.left : p;
    return id.type === 'Identifier' && id.name === name;
  });
  let response = -1;
  let body: Taint = [];
  const status: SendsSummary['status'] = { values: [], dynamic: false };
  let errorSignal: string | undefined;
  for (const r of records) {
    const i = index(r.raw.response);
    if (i < 0 || (response >= 0 && i !== response)) continue;
    response = i;
    const own = r.raw.helperCall
      ? replay(r.raw.helperCall.summary.sends!.body, (k) => ev.taint(r.raw.helperCall!.args[k], r.scope, bound), null, `sent through ${r.raw.helperCall.summary.name}()`)
      : union(...r.raw.body.map((n) => ev.taint(n, r.scope, bound)));
    body = union(body, own);
    mergeStatus(status, r, fn, model, ev, index);
    errorSignal ??= (r.raw.body[0] && errorSignalOf(r.raw.body[0], r.scope)) || undefined;
  }
  const forwarded = body.filter((f) => {
    if (f.kind !== 'param' || f.index === response) return false;
    const p = fn.params[f.index];
    const id = p && (p.type === 'AssignmentPattern' ? p.left : p);
    return !(id?.type === 'Identifier' && fnScope.errorSources.has(id.name));
  });
  if (response < 0 || !forwarded.length) return undefined;
  const sends: SendsSummary = { framework: records[0]!.raw.framework, response, body: forwarded, status, line: records[0]!.raw.node.loc?.start.line ?? 1 };
  if (errorSignal) sends.errorSignal = errorSignal;
  return sends;
}

/** The status a helper's site sends: a parameter (with its default), or what the helper sets itself. */
function mergeStatus(into: SendsSummary['status'], r: SiteRecord, fn: FunctionNode, model: FileModel, ev: Evaluator, index: (name: string) => number): void {
  let expr: Node | number | undefined = r.raw.status;
  if (expr === undefined) {
    const setter = model.setters.filter((s) => s.setter.response === r.raw.response && s.setter.node.start! >= fn.start! && s.setter.node.end! <= r.raw.node.start!).pop();
    expr = setter?.setter.status;
  }
  if (expr === undefined) {
    if (r.raw.implicitStatus === null) into.dynamic = true;
    else into.values = [...new Set([...into.values, r.raw.implicitStatus ?? 200])];
    return;
  }
  const n = typeof expr === 'number' ? null : unwrap(expr);
  const param = n?.type === 'Identifier' ? index(n.name) : -1;
  if (param >= 0) {
    if (into.param === undefined || into.param === param) into.param = param;
    else into.dynamic = true;
    const p = fn.params[param]!;
    const fallback = p.type === 'AssignmentPattern' ? ev.status(p.right as Node, r.scope) : { values: [], dynamic: true };
    into.values = [...new Set([...into.values, ...fallback.values])];
    into.dynamic ||= fallback.dynamic;
    return;
  }
  const s = ev.status(expr, r.scope);
  into.values = [...new Set([...into.values, ...s.values])];
  into.dynamic ||= s.dynamic;
}

/**
 * Whether calling `fn` can throw an error from a downstream call it makes: one outside any try/catch or `.catch()`
 * that swallows it, directly, through a same-file function or through an imported one whose summary says so.
 */
function throwsSummary(fn: FunctionNode, model: FileModel, rel: string, seen: Set<FunctionNode>): FunctionSummary['throws'] {
  if (seen.has(fn) || seen.size > 3) return undefined;
  seen.add(fn);
  const fnScope = model.scopes.get(fn);
  let found: FunctionSummary['throws'];
  walk(fn.body as Node, (n) => {
    if (found) return false;
    if (!isCall(n) || caughtWithin(n, fn)) return true;
    const name = dottedName(n.callee as Node);
    const origin = name ? downstreamCallOrigin(name) : null;
    if (origin) {
      found = { origin, service: serviceOf(n, name!, origin, rel) };
      return false;
    }
    if (!fnScope) return true;
    const local = name ? localFunction(name, model) : null;
    if (local) found = throwsSummary(local, model, rel, seen);
    else if (model.crossFile) {
      const ref = importRefOf(n.callee as Node, fnScope, model);
      found = (ref && model.crossFile.lookup(ref, 'throws')?.throws) || undefined;
    }
    return !found;
  });
  return found;
}

function localFunction(name: string, model: FileModel): FunctionNode | null {
  return model.root.functions.get(name) ?? null;
}

/** A call whose error cannot leave `fn`: inside a try block whose catch does not rethrow, or before a `.catch()`. */
function caughtWithin(call: Node, fn: FunctionNode): boolean {
  let child: Node = call;
  for (let p = parentOf(call); p && p !== fn; child = p, p = parentOf(p)) {
    if (p.type === 'TryStatement' && child === p.block && p.handler && !rethrows(p.handler)) return true;
    if (p.type === 'MemberExpression' && p.object === child && !p.computed && p.property.type === 'Identifier' && p.property.name === 'catch') {
      const chained = parentOf(p);
      if (chained && isCall(chained) && chained.callee === p) return true;
    }
  }
  return false;
}

/** `catch (err) { ...; throw err; }`: the caught error goes on unchanged. */
function rethrows(handler: t.CatchClause): boolean {
  const param = handler.param?.type === 'Identifier' ? handler.param.name : null;
  let found = false;
  walk(handler.body, (n) => {
    if (found || (n !== handler.body && isFunction(n))) return false;
    if (n.type === 'ThrowStatement' && param && unwrap(n.argument as Node).type === 'Identifier' && (unwrap(n.argument as Node) as t.Identifier).name === param) found = true;
    return !found;
  });
  return found;
}

/** The service a downstream call talks to, for UpstreamError's `service`: a URL's host, the client's or module's name. */
function serviceOf(call: t.CallExpression | t.OptionalCallExpression, callee: string, origin: DownstreamOrigin, rel: string): string | null {
  if (origin === 'sql') return 'database';
  const first = call.arguments[0] as Node | undefined;
  const url = staticString(first) ?? (first?.type === 'TemplateLiteral' ? first.quasis[0]?.value.cooked ?? null : null);
  const host = url ? /^https?:\/\/([^/:]+)/.exec(url)?.[1] : undefined;
  if (host) return host.split('.')[0]!;
  const owner = callee.split('.').slice(0, -1).find((p) => /(service|client|api)$/i.test(p) && !/^(axios|http|https)$/i.test(p));
  if (owner) return owner.replace(/(Service|Client|Api|API)$/, '') || owner;
  const base = path.basename(rel).replace(/\.[^.]+$/, '').replace(/[.-]?(service|client|api|gateway)$/i, '');
  return base && base !== 'index' ? base : null;
}
