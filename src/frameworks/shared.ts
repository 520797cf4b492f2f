import fs from 'node:fs';
import path from 'node:path';
import type * as t from '@babel/types';
import { dottedName, isCall, isFunction, isMember, parentOf, propertyName, staticString, unwrap, walk, type FunctionNode, type Node } from '../core/ast';
import { collectFacts } from '../core/file-model';
import type { FrameworkId, HandlerRole, RawSite, StatusSetter } from '../core/types';
import { ERROR_NAME } from './names';
import { matchStatusStatement, type ResponseApi } from './response-chain';
import type { FileFacts, ResponseResolver } from './types';

/**
 * Helpers shared by the Koa, Fastify, NestJS, Next.js and hapi models. Their sites are not all rooted at a response
 * parameter (a value returned from a handler, `throw new NotFoundException()`, `Boom.badGateway()`), so they need a
 * little more than the `ResponseResolver`: the role they gave the enclosing function, and the file's imports.
 */

/**
 * The roles one model gave to functions. The core asks models in order and keeps the first role, so a role this
 * model returned is the role the function has; return-value sites look their handler up here.
 */
export class RoleBook<Extra = undefined> {
  private readonly roles = new WeakMap<Node, { role: HandlerRole; extra: Extra }>();
  private facts: FileFacts | null = null;
  private given = false;

  /**
   * Notes the file being analysed (from `detect` and `handlerRole`, which receive its facts): a new file starts with
   * no role given.
   */
  file(facts: FileFacts): void {
    if (facts === this.facts) return;
    this.facts = facts;
    this.given = false;
  }

  /**
   * Whether this model gave any role in the current file so far. A response binding only exists inside a function
   * this model gave a role (the core visits a function's body after asking for its role), so without one no site
   * that resolves a response can match: a cheap early exit for files of other frameworks.
   */
  get any(): boolean {
    return this.given;
  }

  give(fn: FunctionNode, role: HandlerRole, extra: Extra): HandlerRole {
    this.roles.set(fn, { role, extra });
    this.given = true;
    return role;
  }

  of(fn: Node | null): { role: HandlerRole; extra: Extra } | null {
    return fn ? (this.roles.get(fn) ?? null) : null;
  }

  /** The role of the function a node sits in directly (its own function, not an outer one). */
  direct(node: Node): { fn: FunctionNode; role: HandlerRole; extra: Extra } | null {
    const fn = ownFunction(node);
    const entry = fn ? this.roles.get(fn) : undefined;
    return fn && entry ? { fn, ...entry } : null;
  }

  /**
   * A `return <value>` directly in one of this model's handlers whose returned value the framework sends (`sends`
   * decides from the role's extra data): the returned expression, unwrapped, and the handler's role.
   */
  returned(node: t.ReturnStatement, sends: (extra: Extra) => boolean): { arg: Node; value: Node; own: { fn: FunctionNode; role: HandlerRole; extra: Extra } } | null {
    const arg = node.argument as Node | null;
    if (!this.given || !arg || isNothing(arg)) return null;
    const own = this.direct(node);
    if (!own || !sends(own.extra)) return null;
    return { arg, value: unwrap(arg), own };
  }

  /** The nearest enclosing function this model gave a role, looking outwards through inline callbacks. */
  nearest(node: Node): { fn: FunctionNode; role: HandlerRole; extra: Extra } | null {
    for (let p = parentOf(node); p; p = parentOf(p)) {
      if (!isFunction(p)) continue;
      const entry = this.roles.get(p);
      if (entry) return { fn: p, ...entry };
    }
    return null;
  }
}

/** A table lookup that ignores inherited names (`toString`, `constructor`). */
export function own(table: Record<string, unknown>, key: string | null | undefined): boolean {
  return !!key && Object.prototype.hasOwnProperty.call(table, key);
}

const IMPORTS_CACHE = new WeakMap<FileFacts, Map<RegExp, boolean>>();

/** `importsAny`, remembered per file: handlerRole asks it for every function. */
export function importsAnyOnce(facts: FileFacts, modules: RegExp): boolean {
  let byRe = IMPORTS_CACHE.get(facts);
  if (!byRe) IMPORTS_CACHE.set(facts, (byRe = new Map()));
  let v = byRe.get(modules);
  if (v === undefined) {
    v = false;
    for (const m of facts.imports) if (modules.test(m)) { v = true; break; }
    byRe.set(modules, v);
  }
  return v;
}

/** `res.status(500);` / `res.statusCode = 500` through `matchStatusStatement`, after a cheap check of the receiver. */
export function statusSetterVia(api: ResponseApi, node: Node, resolve: ResponseResolver): StatusSetter | null {
  if (isCall(node)) {
    if (!resolve(chainBase(node))) return null;
  } else if (node.type !== 'AssignmentExpression') return null;
  return matchStatusStatement(api, node, resolve);
}

/** The function a node belongs to (for a parameter default or a body statement alike). */
export function ownFunction(node: Node): FunctionNode | null {
  for (let p = parentOf(node); p; p = parentOf(p)) if (isFunction(p)) return p;
  return null;
}

export function programOf(node: Node): t.Program | null {
  let n: Node = node;
  for (let p = parentOf(n); p; p = parentOf(p)) n = p;
  return n.type === 'Program' ? n : null;
}

/** The imports of the file a node is in (computed once per file, by the core). */
export function fileFactsOf(node: Node): FileFacts {
  const program = programOf(node);
  return program ? collectFacts(program) : { imports: new Set(), importedNames: new Map() };
}

/** The module (`koa`, `@hapi/boom#notFound`) a local name is bound to by an import or require, if any. */
export function importOf(node: Node, name: string): string | null {
  return fileFactsOf(node).importedNames.get(name) ?? null;
}

/** The file a node was parsed from, with `/` separators (empty when unknown). */
export function fileNameOf(node: Node): string {
  const name = (node.loc as { filename?: string } | null | undefined)?.filename ?? '';
  return name.includes('\\') ? name.split('\\').join('/') : name;
}

const DEPENDENCIES = new Map<string, ReadonlySet<string> | null>();

/**
 * The runtime dependencies (`dependencies`, `peerDependencies`) of the nearest package.json above a node's file, or
 * null when there is none. Settles what a file that imports no framework belongs to (`(req, res)` in a Next.js app).
 * Read once per directory.
 */
export function projectDependencies(node: Node): ReadonlySet<string> | null {
  const file = fileNameOf(node);
  if (!file) return null;
  // asked for every function of a file: resolving the path each time costs more than the lookup
  const cwd = process.cwd();
  if (file !== lastFile || cwd !== lastCwd) {
    lastFile = file;
    lastCwd = cwd;
    lastDependencies = dependenciesAbove(file);
  }
  return lastDependencies;
}

let lastFile: string | null = null;
let lastCwd: string | null = null;
let lastDependencies: ReadonlySet<string> | null = null;

function dependenciesAbove(file: string): ReadonlySet<string> | null {
  let dir = path.dirname(path.resolve(file));
  const visited: string[] = [];
  let found: ReadonlySet<string> | null = null;
  for (;;) {
    const known = DEPENDENCIES.get(dir);
    if (known !== undefined) {
      found = known;
      break;
    }
    visited.push(dir);
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        const json = JSON.parse(fs.readFileSync(pkg, 'utf8')) as { dependencies?: object; peerDependencies?: object };
        found = new Set([...Object.keys(json.dependencies ?? {}), ...Object.keys(json.peerDependencies ?? {})]);
      } catch {
        found = null;
      }
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir || path.basename(dir) === 'node_modules') break;
    dir = parent;
  }
  for (const d of visited) DEPENDENCIES.set(d, found);
  return found;
}

/**
 * A value that is an error object, written so that a reader sees it is one: an error-named variable
 * (`reply.send(err)`), `new XError(...)`, `createError(...)`. Frameworks hand such values to their error handler.
 */
export function isErrorValue(expr: Node | undefined): boolean {
  if (!expr) return false;
  const n = unwrap(expr);
  if (n.type === 'Identifier') return ERROR_NAME.test(n.name);
  if (n.type === 'NewExpression') return /(Error|Exception)$/.test(dottedName(n.callee as Node) ?? '');
  if (isCall(n)) return /^(createError|createHttpError|httpErrors\.\w+|.*\.httpErrors\.\w+)$/.test(dottedName(n.callee as Node) ?? '');
  return false;
}

/** `undefined`, `void 0`, `null`: nothing is sent. */
export function isNothing(expr: Node | null | undefined): boolean {
  if (!expr) return true;
  const n = unwrap(expr);
  if (n.type === 'Identifier' && n.name === 'undefined') return true;
  if (n.type === 'NullLiteral') return true;
  return n.type === 'UnaryExpression' && n.operator === 'void';
}

/** A status written as a number (`500`, `'500'`, `HttpStatus.NOT_FOUND`, `status`): not a message, not an error. */
export function looksLikeStatus(expr: Node | undefined): boolean {
  if (!expr) return false;
  const n = unwrap(expr);
  if (n.type === 'NumericLiteral') return true;
  const s = staticString(n);
  if (s !== null) return /^\d{3}$/.test(s);
  const name = dottedName(n);
  if (name) return /(^|\.)(status|statusCode|code|httpStatus|HttpStatus\.\w+|StatusCodes\.\w+|HTTP_STATUS\.\w+)$/i.test(name) || /status/i.test(name.split('.').pop()!);
  if (n.type === 'LogicalExpression' || n.type === 'ConditionalExpression') {
    const parts = n.type === 'LogicalExpression' ? [n.left, n.right] : [n.consequent, n.alternate];
    return parts.some((p) => looksLikeStatus(p as Node));
  }
  return false;
}

/** The value of a static key in an object literal. */
export function objectProperty(obj: Node | undefined, key: string): Node | null {
  if (!obj) return null;
  const n = unwrap(obj);
  if (n.type !== 'ObjectExpression') return null;
  for (const p of n.properties) {
    if (p.type !== 'ObjectProperty' || p.computed) continue;
    const k = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : null;
    if (k === key) return p.value as Node;
  }
  return null;
}

/** Header values of an object literal of headers (`{ 'X-Error': err.message }`), or the expression itself. */
export function headerValues(headers: Node | null | undefined): Node[] {
  if (!headers) return [];
  const n = unwrap(headers);
  if (n.type === 'ObjectExpression') return n.properties.map((p) => (p.type === 'ObjectProperty' ? (p.value as Node) : (p as Node)));
  if (n.type === 'NewExpression' || n.type === 'ArrayExpression') return [n];
  return [];
}

/** A site with every list empty, to fill in. */
export function newSite(node: Node, framework: FrameworkId, method: string, response: string): RawSite {
  return { node, framework, method, response, body: [], headers: [], bodyless: false, headerOnly: false };
}

/** Whether a subtree (not entering nested functions unless asked) has a node matching `test`. */
export function contains(root: Node, test: (n: Node) => boolean, intoFunctions = false): boolean {
  let found = false;
  walk(root, (n) => {
    if (found) return false;
    if (n !== root && !intoFunctions && isFunction(n)) return false;
    if (test(n)) found = true;
    return !found;
  });
  return found;
}

/** The object at the root of a call chain (`res` in `res.status(500).json(x)`), without building the chain. */
export function chainBase(node: Node): Node {
  let cur = unwrap(node);
  while (isCall(cur)) {
    const callee = unwrap(cur.callee as Node);
    if (!isMember(callee)) break;
    cur = unwrap(callee.object as Node);
  }
  return cur;
}

/** The name of a called member (`x.y.send(...)` gives `send`). */
export function calledMethod(node: Node): string | null {
  if (!isCall(node)) return null;
  const callee = unwrap(node.callee as Node);
  return isMember(callee) ? propertyName(callee) : null;
}

/** Decorator calls on a class, method or parameter: name (`Get`, `Res`) and arguments. */
export function decoratorsOf(node: Node): { name: string; args: Node[] }[] {
  const list = (node as { decorators?: t.Decorator[] | null }).decorators;
  if (!list?.length) return [];
  return list.map((d) => {
    const e = unwrap(d.expression as Node);
    if (isCall(e)) {
      const name = dottedName(e.callee as Node) ?? '';
      return { name: name.split('.').pop()!, args: e.arguments as Node[] };
    }
    return { name: (dottedName(e) ?? '').split('.').pop()!, args: [] };
  });
}
