import type * as t from '@babel/types';
import { dottedName, isFunction, isMember, propertyName, staticString, unwrap, walk, type FunctionNode, type Node } from './ast';
import type { FileModel } from './file-model';
import { isInside, patternNames, type Binding, type Scope } from './scope';
import { importRefOf } from './imports';
import { CLEAN, errorObject, inspectForm, jsonForm, paramFact, readProperty, replay, stringify, union, type Taint } from './taint-facts';

export interface EvaluatorOptions {
  /** Functions whose result is vetted (`safeMessage(err)`), by name or dotted name. */
  sanitizers: Set<string>;
}

const STRING_METHODS = new Set([
  'toString', 'trim', 'trimStart', 'trimEnd', 'toUpperCase', 'toLowerCase', 'slice', 'substring', 'substr', 'replace',
  'replaceAll', 'split', 'concat', 'padStart', 'padEnd', 'join', 'map', 'filter', 'flat', 'at', 'valueOf', 'toJSON',
]);

/** Functions whose result still carries their argument's text. */
const PASS_THROUGH_CALLS = new Set([
  'encodeURIComponent', 'encodeURI', 'escape', 'unescape', 'escapeHtml', 'he.encode', '_.escape', 'validator.escape',
  'Buffer.from', 'querystring.escape', 'querystring.stringify', 'qs.stringify', 'Array.from', 'sanitizeHtml', 'xss',
]);

/** Known HTTP status constants (`StatusCodes.NOT_FOUND`, `HttpStatus.INTERNAL_SERVER_ERROR`, `httpStatus.OK`). */
const STATUS_CONSTANTS: Record<string, number> = {
  OK: 200, CREATED: 201, ACCEPTED: 202, NO_CONTENT: 204, BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403,
  NOT_FOUND: 404, CONFLICT: 409, GONE: 410, UNPROCESSABLE_ENTITY: 422, TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500, NOT_IMPLEMENTED: 501, BAD_GATEWAY: 502, SERVICE_UNAVAILABLE: 503, GATEWAY_TIMEOUT: 504,
};

export interface StatusInfo {
  /** Statuses the expression can take, when known. */
  values: number[];
  /** Part of the status comes from something not known statically (`err.status || 500`). */
  dynamic: boolean;
  /** No status set anywhere: the framework's default (200). */
  implicit: boolean;
  expr?: Node;
}

const MAX_CALL_DEPTH = 2;

/** Parameter values bound for evaluating a function body as called from a given place. */
export interface Bound {
  scope: Scope;
  values: Map<string, Taint>;
}

/**
 * Works out what a value carries from errors (taint) and which statuses an expression can take, inside one file.
 * Flow-insensitive within a function: every assignment of a name counts.
 */
export class Evaluator {
  private readonly memo = new Map<Scope, Map<string, Taint>>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly file: FileModel,
    private readonly options: EvaluatorOptions,
  ) {}

  /** Taint of an expression evaluated in `scope`; `params` overrides names for a call's evaluation. */
  taint(expr: Node | null | undefined, scope: Scope, params?: Bound, depth = 0): Taint {
    if (!expr) return CLEAN;
    const n = unwrap(expr);
    switch (n.type) {
      case 'Identifier':
        return this.lookup(n.name, scope, params, depth, n);
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const prop = propertyName(n);
        return readProperty(this.taint(n.object as Node, scope, params, depth), prop);
      }
      case 'TemplateLiteral':
        return union(...n.expressions.map((e) => stringify(this.taint(e as Node, scope, params, depth), (x) => `\`\${${x}}\``)));
      case 'BinaryExpression':
        if (n.operator !== '+') return CLEAN;
        return union(
          stringify(this.taint(n.left as Node, scope, params, depth), (x) => `${x} + ''`),
          stringify(this.taint(n.right, scope, params, depth), (x) => `'' + ${x}`),
        );
      case 'LogicalExpression':
        if (n.operator === '&&') return this.taint(n.right, scope, params, depth);
        return union(this.taint(n.left, scope, params, depth), this.taint(n.right, scope, params, depth));
      case 'ConditionalExpression': {
        const guard = developmentGuard(n.test as Node) ?? exposeGuard(n.test as Node);
        const cons = guard === 'consequent' ? CLEAN : this.taint(n.consequent, scope, params, depth);
        const alt = guard === 'alternate' ? CLEAN : this.taint(n.alternate, scope, params, depth);
        return union(cons, alt);
      }
      case 'ObjectExpression':
        return union(
          ...n.properties.map((p) => {
            if (p.type === 'SpreadElement') return this.taint(p.argument as Node, scope, params, depth);
            if (p.type === 'ObjectProperty') return this.taint(p.value as Node, scope, params, depth);
            return CLEAN;
          }),
        );
      case 'ArrayExpression':
        return union(...n.elements.map((e) => (e ? this.taint((e.type === 'SpreadElement' ? e.argument : e) as Node, scope, params, depth) : CLEAN)));
      case 'AssignmentExpression':
        return this.taint(n.right, scope, params, depth);
      case 'SequenceExpression':
        return this.taint(n.expressions[n.expressions.length - 1] as Node, scope, params, depth);
      case 'CallExpression':
      case 'OptionalCallExpression':
        return this.callTaint(n, scope, params, depth);
      case 'NewExpression': {
        // new Error(err.message) is an error carrying the same text
        const name = dottedName(n.callee as Node);
        if (name && /Error$/.test(name)) return union(...n.arguments.map((a) => this.taint(a as Node, scope, params, depth)));
        return CLEAN;
      }
      case 'ObjectPattern':
      case 'ArrayPattern':
        // a destructured parameter of an error callback: `.catch(({ message }) => ...)`
        return errorObject(describePatternOwner(n));
      default:
        return CLEAN;
    }
  }

  private callTaint(n: t.CallExpression | t.OptionalCallExpression, scope: Scope, params: Bound | undefined, depth: number): Taint {
    const callee = unwrap(n.callee as Node);
    const name = dottedName(callee);
    const args = n.arguments as Node[];
    if (name && this.options.sanitizers.has(name)) return CLEAN;
    if (name) {
      const last = name.split('.').pop()!;
      if (this.options.sanitizers.has(last)) return CLEAN;
    }
    const arg0 = () => this.taint(args[0], scope, params, depth);
    if (name === 'String' || name === 'JSON.stringify' || name === 'Object.assign' || name === 'Array.of' || name === 'Object.values' || name === 'Object.entries') {
      const t0 = name === 'Object.assign' ? union(...args.map((a) => this.taint(a, scope, params, depth))) : arg0();
      if (name === 'String') return stringify(t0, (x) => `String(${x})`);
      if (name === 'JSON.stringify') return jsonForm(t0, (x) => `JSON.stringify(${x})`);
      return t0;
    }
    if (name && PASS_THROUGH_CALLS.has(name)) return union(...args.map((a) => this.taint(a, scope, params, depth)));
    if (name === 'util.inspect' || name === 'inspect' || name === 'util.format' || name === 'format') {
      return inspectForm(union(...args.map((a) => this.taint(a, scope, params, depth))), (x) => `${name}(${x})`);
    }
    if (isMember(callee)) {
      const method = propertyName(callee);
      if (method && STRING_METHODS.has(method)) {
        const recv = this.taint(callee.object as Node, scope, params, depth);
        const out = method === 'toString' ? stringify(recv, (x) => `${x}.toString()`) : recv;
        if (method === 'concat' || method === 'replace' || method === 'replaceAll') return union(out, ...args.map((a) => this.taint(a, scope, params, depth)));
        return out;
      }
    }
    const fn = this.resolveFunction(callee, scope);
    if (fn) return depth < MAX_CALL_DEPTH ? this.returnTaint(fn, args, scope, params, depth) : CLEAN;
    return this.importedReturn(n, scope, params, depth);
  }

  /** What an imported function returns for this call, from its module's summary (cross-file analysis). */
  private importedReturn(n: t.CallExpression | t.OptionalCallExpression, scope: Scope, params: Bound | undefined, depth: number): Taint {
    const hooks = this.file.crossFile;
    if (!hooks) return CLEAN;
    const ref = importRefOf(n.callee as Node, scope, this.file);
    if (!ref) return CLEAN;
    const args = (n.arguments as Node[]).map((a) => this.taint(a, scope, params, depth));
    const summary = hooks.lookup(ref, args.some((a) => a.length) ? 'returns' : 'returns-own');
    if (!summary?.returns.length) return CLEAN;
    return replay(summary.returns, (i) => args[i] ?? CLEAN, callText(n), `from ${summary.name}() in ${summary.file}`);
  }

  /** Parameters bound to themselves (`param` facts), to summarise what a function does with what it is given. */
  symbolicParams(fn: FunctionNode): Bound | undefined {
    const fnScope = this.file.scopes.get(fn);
    if (!fnScope) return undefined;
    return { scope: fnScope, values: this.bindParams(fn, (i, name) => [paramFact(i, name)]) };
  }

  /** What `fn` returns in terms of its parameters: the `returns` of its cross-file summary. */
  returnSummary(fn: FunctionNode): Taint {
    const bound = this.symbolicParams(fn);
    return bound ? this.returnsOf(fn, bound, 1) : CLEAN;
  }

  /** A same-file function a callee names, if any. */
  resolveFunction(callee: Node, scope: Scope): FunctionNode | null {
    const n = unwrap(callee);
    if (isFunction(n)) return n;
    const name = dottedName(n);
    if (!name) return null;
    const key = name.startsWith('this.') ? name : name.replace(/^(module\.)?exports\./, '');
    for (let s: Scope | null = scope; s; s = s.parent) {
      const fn = s.functions.get(key);
      if (fn) return fn;
    }
    return null;
  }

  /** Taint of what `fn` returns when called with `args`. */
  private returnTaint(fn: FunctionNode, args: Node[], callerScope: Scope, callerParams: Bound | undefined, depth: number): Taint {
    const fnScope = this.file.scopes.get(fn);
    if (!fnScope) return CLEAN;
    const values = this.bindParams(fn, (i) => (args[i] ? this.taint(args[i], callerScope, callerParams, depth) : CLEAN));
    return this.returnsOf(fn, { scope: fnScope, values }, depth + 1);
  }

  /** Each parameter name of `fn` with what it holds, given what each argument carries. */
  private bindParams(fn: FunctionNode, argTaint: (index: number, name: string) => Taint): Map<string, Taint> {
    const bound = new Map<string, Taint>();
    fn.params.forEach((p, i) => {
      const param = p.type === 'AssignmentPattern' ? p.left : p;
      if (param.type === 'Identifier') bound.set(param.name, argTaint(i, param.name));
      else {
        // function describe({ message }) { ... }
        const whole = argTaint(i, `arguments[${i}]`);
        for (const b of patternNames(param as Node)) bound.set(b.name, b.path.reduce((tt, prop) => readProperty(tt, prop), whole));
      }
    });
    return bound;
  }

  private returnsOf(fn: FunctionNode, bound: Bound, depth: number): Taint {
    const returns: Node[] = [];
    if (fn.body.type !== 'BlockStatement') returns.push(fn.body as Node);
    else
      walk(fn.body, (node) => {
        if (node !== fn.body && isFunction(node)) return false;
        if (node.type === 'ReturnStatement' && node.argument) returns.push(node.argument as Node);
        return true;
      });
    return union(...returns.map((r) => this.taint(r, bound.scope, bound, depth)));
  }

  lookup(name: string, scope: Scope, params: Bound | undefined, depth: number, use?: Node): Taint {
    const owner = scope.owner(name);
    if (!owner) return CLEAN;
    if (params && owner === params.scope && params.values.has(name)) return params.values.get(name)!;
    if (owner.isErrorAt(name, use)) return errorObject(name);
    const bindings = visibleBindings(owner, name, use);
    if (params) {
      // inside a call evaluation: locals are re-evaluated with the bound parameters, without memo
      return this.bindingsTaint(name, owner, bindings, params, depth);
    }
    let memo = this.memo.get(owner);
    if (!memo) this.memo.set(owner, (memo = new Map()));
    const memoKey = bindings.length === (owner.bindings.get(name)?.length ?? 0) ? name : `${name}@${bindings.map((b) => b.at.start).join(',')}`;
    const cached = memo.get(memoKey);
    if (cached) return cached;
    const key = `${owner.node.start}:${memoKey}`;
    if (this.inProgress.has(key)) return CLEAN;
    this.inProgress.add(key);
    const result = this.bindingsTaint(name, owner, bindings, undefined, depth);
    this.inProgress.delete(key);
    memo.set(memoKey, result);
    return result;
  }

  private bindingsTaint(name: string, owner: Scope, bindings: Binding[], params: Bound | undefined, depth: number): Taint {
    if (!bindings.length) return CLEAN;
    const key = `p:${owner.node.start}:${name}:${depth}`;
    if (params) {
      if (this.inProgress.has(key)) return CLEAN;
      this.inProgress.add(key);
    }
    const out = union(
      ...bindings.map((b) => {
        let base: Taint;
        const e = b.expr;
        if (e.type === 'ObjectPattern' || e.type === 'ArrayPattern') {
          // catch ({ message }) or an error callback's destructured parameter
          base = errorObject(describePatternOwner(e));
        } else base = this.taint(e, owner, params, depth);
        return b.path.reduce((tt, prop) => readProperty(tt, prop), base);
      }),
    );
    if (params) this.inProgress.delete(key);
    return out;
  }

  /** Statuses an expression can take. */
  status(expr: Node | number | null | undefined, scope: Scope, seen = new Set<string>()): StatusInfo {
    if (expr === null || expr === undefined) return { values: [200], dynamic: false, implicit: true };
    // a status the API implies (`new NotFoundException()` is 404)
    if (typeof expr === 'number') return { values: [expr], dynamic: false, implicit: false };
    const n = unwrap(expr);
    const info = (values: number[], dynamic: boolean): StatusInfo => ({ values, dynamic, implicit: false, expr });
    if (n.type === 'NumericLiteral') return info([n.value], false);
    const s = staticString(n);
    if (s !== null && /^\d{3}$/.test(s)) return info([Number(s)], false);
    if (isMember(n)) {
      const prop = propertyName(n);
      if (prop && STATUS_CONSTANTS[prop] !== undefined && /status|http/i.test(dottedName(n.object as Node) ?? '')) return info([STATUS_CONSTANTS[prop]!], false);
      return info([], true);
    }
    if (n.type === 'LogicalExpression' || n.type === 'ConditionalExpression') {
      const parts = n.type === 'LogicalExpression' ? [n.left, n.right] : [n.consequent, n.alternate];
      const a = this.status(parts[0] as Node, scope, seen);
      const b = this.status(parts[1] as Node, scope, seen);
      return info([...new Set([...a.values, ...b.values])], a.dynamic || b.dynamic);
    }
    if (n.type === 'Identifier') {
      const owner = scope.owner(n.name);
      if (!owner || seen.has(n.name)) return info([], true);
      seen.add(n.name);
      const fn = owner.fn;
      const paramIndex = fn ? fn.params.findIndex((p) => (p.type === 'AssignmentPattern' ? p.left : p).type === 'Identifier' && ((p.type === 'AssignmentPattern' ? p.left : p) as t.Identifier).name === n.name) : -1;
      if (fn && paramIndex >= 0 && owner.role?.kind === 'helper') return this.helperParamStatus(fn, paramIndex, owner, seen);
      const bindings = owner.bindings.get(n.name);
      if (!bindings?.length || paramIndex >= 0) return info([], true);
      const parts = bindings.map((b) => (b.path.length ? info([], true) : this.status(b.expr, owner, seen)));
      return info([...new Set(parts.flatMap((p) => p.values))], parts.some((p) => p.dynamic));
    }
    return info([], true);
  }

  /** Statuses a helper's parameter takes: its default and the literal arguments of its same-file callers. */
  private helperParamStatus(fn: FunctionNode, index: number, owner: Scope, seen: Set<string>): StatusInfo {
    const p = fn.params[index]!;
    const values: number[] = [];
    let dynamic = false;
    const calls = this.callsOf(fn);
    for (const c of calls) {
      const arg = c.node.arguments[index] as Node | undefined;
      const s = arg ? this.status(arg, c.scope, new Set(seen)) : p.type === 'AssignmentPattern' ? this.status(p.right as Node, owner, seen) : { values: [], dynamic: true };
      values.push(...s.values);
      dynamic ||= s.dynamic;
    }
    if (!calls.length) {
      if (p.type === 'AssignmentPattern') {
        const d = this.status(p.right as Node, owner, seen);
        return { values: d.values, dynamic: true, implicit: false };
      }
      dynamic = true;
    }
    return { values: [...new Set(values)], dynamic, implicit: false };
  }

  /** Same-file call sites of a named function. */
  callsOf(fn: FunctionNode) {
    const names = new Set<string>();
    for (const s of this.file.scopes.values()) for (const [name, f] of s.functions) if (f === fn) names.add(name);
    return [...names].flatMap((name) => this.file.calls.get(name) ?? []);
  }
}

/** `errorUtils.getErrorMessage(err)`: how a call reads in a message (arguments other than names elided). */
export function callText(n: t.CallExpression | t.OptionalCallExpression | t.NewExpression): string {
  const callee = dottedName(n.callee as Node) ?? '…';
  return `${callee}(${n.arguments.map((a) => dottedName(a as Node) ?? '…').join(', ')})`;
}

/** The name an error gets in messages when it was destructured (`catch ({ message })`): `err`. */
function describePatternOwner(_pattern: Node): string {
  return 'error';
}

/** The bindings of `name` visible where it is used: block-scoped ones only inside their block. */
function visibleBindings(owner: Scope, name: string, use: Node | undefined): Binding[] {
  const all = owner.bindings.get(name) ?? [];
  if (!use) return all;
  return all.filter((b) => !b.block || isInside(use, b.block));
}

/**
 * `err.expose ? err.message : 'Internal Server Error'`: http-errors (Koa's `ctx.throw`, `createError`) set `expose`
 * only on client errors, whose messages the code's author wrote; the guarded branch is vetted.
 */
export function exposeGuard(test: Node): 'consequent' | 'alternate' | null {
  let n = unwrap(test);
  let negated = false;
  while (n.type === 'UnaryExpression' && n.operator === '!') {
    negated = !negated;
    n = unwrap(n.argument as Node);
  }
  if (n.type === 'BinaryExpression' && (n.operator === '===' || n.operator === '==') && unwrap(n.right).type === 'BooleanLiteral') {
    if (!(unwrap(n.right) as t.BooleanLiteral).value) negated = !negated;
    n = unwrap(n.left as Node);
  }
  if (!isMember(n) || propertyName(n) !== 'expose') return null;
  return negated ? 'alternate' : 'consequent';
}

/**
 * `process.env.NODE_ENV === 'development' ? a : b` shows `a` only when NODE_ENV is explicitly set to development,
 * so `a` is vetted. Guards that fail open when NODE_ENV is unset (`!== 'production'`, `app.get('env')`) are not.
 */
export function developmentGuard(test: Node): 'consequent' | 'alternate' | null {
  const n = unwrap(test);
  if (n.type !== 'BinaryExpression') return null;
  const ops: Record<string, boolean> = { '===': true, '==': true, '!==': false, '!=': false };
  const positive = ops[n.operator];
  if (positive === undefined) return null;
  const l = n.left as Node;
  const r = n.right as Node;
  const envSide = dottedName(l) === 'process.env.NODE_ENV' ? r : dottedName(r) === 'process.env.NODE_ENV' ? l : null;
  if (!envSide) return null;
  const value = staticString(envSide);
  if (value === null) return null;
  const devOnly = /^(development|dev|test|local)$/.test(value);
  if (devOnly) return positive ? 'consequent' : 'alternate';
  return null;
}

