import type * as t from '@babel/types';
import { dottedName, functionName, isFunction, parentOf, walk, type Node } from './ast';
import type { Bound, Evaluator, StatusInfo } from './evaluate';
import type { CallRecord, FileModel, SiteRecord } from './file-model';
import type { ErrorSourceKind, Scope } from './scope';
import { CLEAN, errorObject, replay, union, type Taint } from './taint-facts';
import type { FrameworkId, RawSite, SourceRange } from './types';

export interface ErrorContext {
  kind: ErrorSourceKind;
  /** The name holding the caught error, when it has one. */
  name: string | null;
  /** The catch clause, error callback or `if (err)` statement. */
  node: Node;
}

/** A response site with everything rules need to judge it. */
export interface Site {
  raw: RawSite;
  scope: Scope;
  /** The nearest enclosing function with a handler role. */
  handler: Scope | null;
  framework: FrameworkId;
  status: StatusInfo;
  statusTaint: Taint;
  bodyTaint: Taint;
  headerTaint: Taint;
  errorContext: ErrorContext | null;
  /** Set when the site is inside a same-file helper (`sendError(res, err)`): its name and callers. */
  helper: { name: string; calls: CallRecord[] } | null;
  range: SourceRange;
}

export function rangeOf(node: Node): SourceRange {
  const loc = node.loc!;
  return {
    start: node.start!,
    end: node.end!,
    line: loc.start.line,
    column: loc.start.column + 1,
    endLine: loc.end.line,
    endColumn: loc.end.column + 1,
  };
}

function referencesError(test: Node, scope: Scope): string | null {
  let found: string | null = null;
  walk(test, (n) => {
    if (found) return false;
    if (n.type === 'Identifier') {
      const owner = scope.owner(n.name);
      if (owner?.isErrorAt(n.name, n)) found = n.name;
    }
    return !isFunction(n);
  });
  return found;
}

/** The catch, error callback or `if (err)` branch a site sits in, looking outwards up to its handler. */
export function errorContextOf(node: Node, file: FileModel): ErrorContext | null {
  let child: Node = node;
  for (let p = parentOf(node); p; child = p, p = parentOf(p)) {
    if (p.type === 'CatchClause' && child === p.body) {
      return { kind: 'catch', name: p.param?.type === 'Identifier' ? p.param.name : null, node: p };
    }
    if ((p.type === 'IfStatement' && child === p.consequent) || (p.type === 'ConditionalExpression' && child === p.consequent) ||
      (p.type === 'LogicalExpression' && p.operator === '&&' && child === p.right)) {
      const scope = scopeAt(p, file);
      const test = (p.type === 'LogicalExpression' ? p.left : p.test) as Node;
      const name = scope ? referencesError(test, scope) : null;
      // `if (err)` marks the failure branch of a node-style callback; inside a catch, the catch is the context
      if (name && scope?.owner(name)?.errorSources.get(name) === 'callback') return { kind: 'callback', name, node: p };
    }
    if (isFunction(p)) {
      const scope = file.scopes.get(p);
      if (scope) {
        for (const [name, kind] of scope.errorSources) {
          if (kind === 'error-middleware' || kind === 'promise-catch' || kind === 'helper-param') return { kind, name, node: p };
        }
        if (scope.role && scope.role.kind !== 'helper') return null;
      }
    }
  }
  return null;
}

function scopeAt(node: Node, file: FileModel): Scope | null {
  for (let p: Node | null = node; p; p = parentOf(p)) {
    const s = file.scopes.get(p);
    if (s) return s;
  }
  return file.root;
}

/**
 * The status in force at a site: the one in its own chain, else the nearest earlier setter on the same response.
 * A setter on another branch makes the status unknown rather than implicit.
 */
function statusAt(record: SiteRecord, file: FileModel, ev: Evaluator): StatusInfo {
  const { raw, scope } = record;
  if (raw.status) return ev.status(raw.status, scope);
  const handler = scope.owner(raw.response) ?? scope;
  const before = file.setters.filter(
    (s) => s.setter.response === raw.response && s.setter.node.end! <= raw.node.start! && s.setter.node.start! >= handler.node.start! && s.setter.node.end! <= handler.node.end! &&
      !exitsBefore(s.setter.node, raw.node),
  );
  if (!before.length) {
    if (raw.implicitStatus === null) return { values: [], dynamic: true, implicit: false };
    return { values: [raw.implicitStatus ?? 200], dynamic: false, implicit: true };
  }
  const nearest = before[before.length - 1]!;
  const stmt = parentOf(nearest.setter.node);
  const block = stmt ? parentOf(stmt) : null;
  const dominates = !!block && isAncestor(block, raw.node);
  if (dominates) return ev.status(nearest.setter.status, nearest.scope);
  // Set on some paths only: the status is one of those, or the default where none ran.
  const options = before.map((s) => ev.status(s.setter.status, s.scope));
  const values = [...new Set([...options.flatMap((o) => o.values), raw.implicitStatus ?? 200])];
  return { values, dynamic: raw.implicitStatus === null || options.some((o) => o.dynamic), implicit: false };
}

/**
 * Whether a setter sits in a block that returns or throws after it without reaching the site: the early-return branch
 * `if (!user) { ctx.status = 404; ctx.body = ...; return; }` does not set the status of what follows it.
 */
function exitsBefore(setter: Node, site: Node): boolean {
  const stmt = parentOf(setter);
  const block = stmt ? parentOf(stmt) : null;
  if (!stmt || !block || block.type !== 'BlockStatement' || isAncestor(block, site)) return false;
  const body = block.body as Node[];
  if (!body.slice(body.indexOf(stmt) + 1).some((x) => x.type === 'ReturnStatement' || x.type === 'ThrowStatement')) return false;
  // an error thrown after the setter in a try block still reaches its catch with the status set
  for (let p = parentOf(block); p; p = parentOf(p)) {
    if (p.type === 'TryStatement' && p.handler && isAncestor(p.block, setter) && isAncestor(p.handler, site)) return false;
  }
  return true;
}

function isAncestor(ancestor: Node, node: Node): boolean {
  for (let p: Node | null = node; p; p = parentOf(p)) if (p === ancestor) return true;
  return false;
}

function helperOf(scope: Scope, ev: Evaluator): { name: string; calls: CallRecord[]; fnScope: Scope } | null {
  for (let s: Scope | null = scope; s; s = s.parent) {
    if (s.role?.kind === 'helper' && s.fn) {
      const calls = ev.callsOf(s.fn);
      const name = calls[0] ? calleeName(calls[0].node) : null;
      return { name: name ?? functionName(s.fn) ?? 'the helper', calls, fnScope: s };
    }
    if (s.role) return null;
  }
  return null;
}

function calleeName(call: t.CallExpression): string | null {
  return dottedName(call.callee as Node);
}

/**
 * Binds a helper's parameters to what its same-file callers pass (union over the calls), keeping error-named
 * parameters as errors. Without callers, parameters stay unknown and only error-named ones count.
 */
function helperBinding(fnScope: Scope, calls: CallRecord[], ev: Evaluator): Bound | undefined {
  const fn = fnScope.fn;
  if (!fn || !calls.length) return undefined;
  const values = new Map<string, Taint>();
  fn.params.forEach((p, i) => {
    const param = p.type === 'AssignmentPattern' ? p.left : p;
    if (param.type !== 'Identifier') return;
    const fromCalls = union(...calls.map((c) => ev.taint(c.node.arguments[i] as Node | undefined, c.scope)));
    values.set(param.name, fnScope.errorSources.has(param.name) ? union(errorObject(param.name), fromCalls) : fromCalls);
  });
  return { scope: fnScope, values };
}

export function buildSite(record: SiteRecord, file: FileModel, ev: Evaluator): Site {
  const { raw, scope } = record;
  const helper = helperOf(scope, ev);
  const bound = helper ? helperBinding(helper.fnScope, helper.calls, ev) : undefined;
  const taintAll = (nodes: Node[]) => union(...nodes.map((n) => ev.taint(n, scope, bound)));
  const status = statusAt(record, file, ev);
  const body = raw.helperCall ? helperCallBody(raw.helperCall, scope, ev, bound) : taintAll(raw.body);
  return {
    raw,
    scope,
    handler: scope.handler(),
    framework: raw.framework,
    status,
    statusTaint: raw.status && typeof raw.status !== 'number' ? ev.taint(raw.status, scope, bound) : CLEAN,
    bodyTaint: bodyHidden(raw, status) ? CLEAN : union(body, raw.implicitLeak ? [{ kind: 'exception', form: 'message', text: raw.implicitLeak }] : CLEAN),
    headerTaint: taintAll(raw.headers),
    errorContext: errorContextOf(raw.node, file),
    helper: helper ? { name: helper.name, calls: helper.calls } : null,
    range: rangeOf(raw.node),
  };
}

/** What an imported response helper sends for this call: its summary's body replayed on the call's arguments. */
function helperCallBody(helper: NonNullable<RawSite['helperCall']>, scope: Scope, ev: Evaluator, bound: Bound | undefined): Taint {
  const { summary, args } = helper;
  // what the caller hands over keeps its own name (`err.message`): the caller wrote it, the helper only sends it
  return replay(summary.sends!.body, (i) => ev.taint(args[i], scope, bound), null, `sent through ${summary.name}() in ${summary.file}`);
}

/** Whether the framework replaces the body with a generic one at every status the site can take. */
function bodyHidden(raw: RawSite, status: StatusInfo): boolean {
  if (!raw.hidesBodyAt || status.dynamic || !status.values.length) return false;
  return status.values.every((v) => (raw.hidesBodyAt === 'exactly-500' ? v === 500 : v >= 500));
}

/** Whether the site is a whole statement (`res.json(x);`, `return res.json(x)`, `err => res.json(x)`). */
export function isStatementSite(site: Site): boolean {
  const parent = parentOf(site.raw.node);
  if (!parent) return false;
  if (parent.type === 'ExpressionStatement' || parent.type === 'ReturnStatement') return true;
  return parent.type === 'ArrowFunctionExpression' && parent.body === site.raw.node;
}

