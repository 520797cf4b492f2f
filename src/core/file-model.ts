import type * as t from '@babel/types';
import { deferParentLinks, dottedName, forEachChildWith, isLeaf, linkChild, linkParents, parentLinksDone, isFunction, isMember, parentOf, propertyName, unwrap, type FunctionNode, type Node } from './ast';
import { Scope, functionParamNames, patternNames, type ErrorSourceKind } from './scope';
import type { FrameworkId, RawSite, StatusSetter } from './types';
import type { FileFacts, FrameworkModel } from '../frameworks/types';
import { ERROR_NAME, callArgumentOf, calleeParts } from '../frameworks/names';
import { importRefOf, type CrossFileHooks } from './imports';
import type { ErrorBinding, FileTypeFacts, ResponseBinding } from '../types/type-facts';

export interface SiteRecord {
  raw: RawSite;
  scope: Scope;
}

export interface SetterRecord {
  setter: StatusSetter;
  scope: Scope;
}

export interface CallRecord {
  node: t.CallExpression;
  scope: Scope;
}

/** Everything the analysis needs from one parsed file, built in a single walk. */
export interface FileModel {
  program: t.Program;
  facts: FileFacts;
  models: FrameworkModel[];
  root: Scope;
  scopes: Map<Node, Scope>;
  sites: SiteRecord[];
  setters: SetterRecord[];
  /** Calls by callee name (`f(...)`, `this.f(...)`, `exports.f(...)`), for same-file helpers. */
  calls: Map<string, CallRecord[]>;
  /** What other files' summaries say about imported functions (cross-file analysis), when it runs. */
  crossFile?: CrossFileHooks;
}

const FACTS = new WeakMap<t.Program, FileFacts>();

/** Text that may hide a `require()` or `import()` call the count of `require` words below would not see. */
const DYNAMIC_IMPORT_OR_ESCAPE = /\bimport\s*(?:\(|\/[*/])|\\[ux]/;
const REQUIRE_WORD = /\brequire\b/g;

/**
 * Collects a file's imports and requires; computed once per program, so framework models asking again get the same
 * facts for free. Legacy code requires inside functions too, so finding every `require()` takes a walk of the whole
 * file, which also links parents. Given the file's `text`, it is mostly spared: when every `require` word of the text
 * is a `require('x')` call outside functions (found without entering them), or there is none, nothing else can be
 * found, and the parent links are left to `buildFileModel`'s walk.
 */
export function collectFacts(program: t.Program, text?: string): FileFacts {
  const cached = FACTS.get(program);
  if (cached) return cached;
  const imports = new Set<string>();
  const importedNames = new Map<string, string>();
  for (const stmt of program.body) {
    if (stmt.type === 'ImportDeclaration') {
      imports.add(stmt.source.value);
      for (const s of stmt.specifiers) {
        const imported = s.type === 'ImportSpecifier' ? (s.imported.type === 'Identifier' ? s.imported.name : s.imported.value) : 'default';
        importedNames.set(s.local.name, `${stmt.source.value}#${imported}`);
      }
    }
  }
  const facts = { imports, importedNames };
  FACTS.set(program, facts);
  if (text !== undefined && !DYNAMIC_IMPORT_OR_ESCAPE.test(text)) {
    const words = text.match(REQUIRE_WORD)?.length ?? 0;
    const outside: [t.CallExpression, Node][] = [];
    if (words) requiresOutsideFunctions(program as Node, outside);
    if (outside.length === words) {
      for (const [call, parent] of outside) recordRequire(call, parent, facts);
      deferParentLinks(program as Node);
      return facts;
    }
  }
  linkParents(program as Node, (node) => {
    if (isRequireCall(node)) recordRequire(node, parentOf(node), facts);
  });
  return facts;
}

/** `require('x')`, or `import('x')`. */
function isRequireCall(node: Node): node is t.CallExpression {
  return node.type === 'CallExpression' && node.arguments[0]?.type === 'StringLiteral' &&
    ((node.callee.type === 'Identifier' && node.callee.name === 'require') || node.callee.type === 'Import');
}

function recordRequire(call: t.CallExpression, parent: Node | null, { imports, importedNames }: FileFacts): void {
  const spec = (call.arguments[0] as t.StringLiteral).value;
  imports.add(spec);
  // const { getErrorMessage } = require('./errors') names that export, like an ESM named import
  if (parent?.type === 'VariableDeclarator') {
    for (const { name, path } of patternNames(parent.id as Node)) importedNames.set(name, path.length === 1 && path[0] ? `${spec}#${path[0]}` : spec);
  }
}

/** The `require('x')` calls under `root` outside any function, with their parents, in source order. */
function requiresOutsideFunctions(root: Node, out: [t.CallExpression, Node][]): void {
  const visit = (node: Node, parent: Node): void => {
    if (isLeaf(node) || isFunction(node)) return;
    if (isRequireCall(node)) out.push([node, parent]);
    forEachChildWith(node, visit, node);
  };
  forEachChildWith(root, visit, root);
}

export function activeModels(all: readonly FrameworkModel[], facts: FileFacts): FrameworkModel[] {
  const detected = all.filter((m) => m.detect(facts));
  const fallback = all.filter((m) => m.fallback && !detected.includes(m));
  return [...detected, ...fallback];
}

/** Calls whose callback's first parameter is an element or an event, never an error. */
const ITERATION_METHODS = new Set([
  'map', 'forEach', 'filter', 'reduce', 'reduceRight', 'find', 'findIndex', 'findLast', 'some', 'every', 'sort',
  'flatMap', 'addEventListener', 'each', 'mapSeries',
]);
const STRONG_ERROR_NAME = /^(err|error|er|exception|error_|[a-z]\w*(Err|Error|Exception))$/;

/** How a function's first parameter receives an error, from where the function is passed. */
function errorCallbackKind(fn: FunctionNode): ErrorSourceKind | null {
  const arg = callArgumentOf(fn);
  if (!arg) return null;
  const { method } = calleeParts(arg.call);
  if (method === 'catch' && arg.index === 0) return 'promise-catch';
  if (method === 'then' && arg.index === 1) return 'promise-catch';
  if (method === 'then' || method === 'finally') return null;
  if (method === 'on' || method === 'once' || method === 'addListener') {
    const event = arg.call.arguments[0];
    return event?.type === 'StringLiteral' && event.value === 'error' ? 'callback' : null;
  }
  const first = fn.params[0];
  const name = first && first.type === 'Identifier' ? first.name : null;
  if (!name || !ERROR_NAME.test(name)) return null;
  // `err`/`error` name an error even in `Model.find(function (err, docs) {...})`; `e`/`ex` are as often an event
  // or an element, so they count only in node-style (e, result) callbacks of non-iteration calls.
  if (STRONG_ERROR_NAME.test(name)) return 'callback';
  return fn.params.length >= 2 && !(method && ITERATION_METHODS.has(method)) ? 'callback' : null;
}

/**
 * `siteModels`: the models that can have a site in this file (their hint is in its text); the others still give
 * functions their roles, but are not asked about sites or status setters they cannot have.
 */
export function buildFileModel(
  program: t.Program,
  facts: FileFacts,
  models: FrameworkModel[],
  siteModels: FrameworkModel[] = models,
  crossFile?: CrossFileHooks,
  types?: FileTypeFacts,
): FileModel {
  const typed = typedBindings(types);
  const root = new Scope(program, null);
  const model: FileModel = { program, facts, models, root, scopes: new Map([[program as Node, root]]), sites: [], setters: [], calls: new Map() };
  if (crossFile) model.crossFile = crossFile;
  const pendingAssignments: { scope: Scope; name: string; expr: Node; at: Node; path?: (string | null)[] }[] = [];

  const enterFunction = (fn: FunctionNode, parent: Scope): Scope => {
    const scope = new Scope(fn, parent);
    model.scopes.set(fn, scope);
    for (const name of functionParamNames(fn)) scope.declare(name);
    for (const m of models) {
      const role = m.handlerRole(fn, facts);
      if (!role) continue;
      scope.role = role;
      for (const r of role.responses) scope.responses.set(r, role.framework);
      if (role.errorParam) scope.errorSources.set(role.errorParam, role.kind === 'helper' ? 'helper-param' : 'error-middleware');
      break;
    }
    if (typed) applyTypes(fn, scope, typed);
    const cbKind = errorCallbackKind(fn);
    const first = fn.params[0];
    if (cbKind && first) {
      const p = first.type === 'AssignmentPattern' ? first.left : first;
      // an error middleware's `err` stays one even when it is also passed as a callback (`app.use((err, ...) =>`)
      if (p.type === 'Identifier') { if (!scope.errorSources.has(p.name)) scope.errorSources.set(p.name, cbKind); }
      else for (const { name, path } of patternNames(p as Node)) scope.bind(name, { expr: p as Node, path, at: fn });
    }
    // A function declared with a name is callable from the enclosing scope.
    if (fn.type === 'FunctionDeclaration' && fn.id) {
      parent.declare(fn.id.name);
      parent.functions.set(fn.id.name, fn);
    }
    const decl = parentOf(fn);
    if (decl?.type === 'VariableDeclarator' && decl.id.type === 'Identifier') parent.functions.set(decl.id.name, fn);
    if (decl?.type === 'AssignmentExpression') {
      const name = dottedName(decl.left as Node);
      if (name) parent.functions.set(name.replace(/^(module\.)?exports\./, ''), fn);
    }
    if (decl?.type === 'ObjectProperty' || fn.type === 'ObjectMethod' || fn.type === 'ClassMethod') {
      const key = (fn.type === 'ObjectMethod' || fn.type === 'ClassMethod' ? fn.key : (decl as t.ObjectProperty).key) as Node;
      if (key.type === 'Identifier') root.functions.set(`this.${key.name}`, fn);
    }
    return scope;
  };

  const resolverFor = (scope: Scope, framework: FrameworkId) => (expr: Node): string | null => {
    const n = unwrap(expr);
    if (n.type !== 'Identifier') return null;
    return responseName(scope, n.name, framework, 0);
  };

  let current = root;
  const visit = (node: Node): void => {
    const scope = current;
    switch (node.type) {
      case 'VariableDeclarator': {
        const names = patternNames(node.id as Node);
        // Names are held per function; a let/const in a nested block remembers its block so that
        // same-named constants of sibling blocks do not mix.
        const block = blockOf(node);
        const typedError = typed && node.id.type === 'Identifier' ? typed.errors.get(node.id.start!) : undefined;
        if (typedError) scope.typedErrors.set(typedError.name, typedError.origin);
        for (const { name, path } of names) {
          scope.declare(name);
          if (node.init) scope.bind(name, { expr: node.init as Node, path, at: node, ...(block ? { block } : {}) });
        }
        break;
      }
      case 'CatchClause': {
        if (node.param) {
          if (node.param.type === 'Identifier') {
            scope.declare(node.param.name);
            if (!scope.errorSources.has(node.param.name) || scope.catchClauses.has(node.param.name)) {
              scope.errorSources.set(node.param.name, 'catch');
              scope.catchClauses.set(node.param.name, [...(scope.catchClauses.get(node.param.name) ?? []), node]);
            }
          } else {
            // catch ({ message }): each name reads a property of the caught error
            for (const { name, path } of patternNames(node.param as Node)) {
              scope.declare(name);
              scope.bind(name, { expr: node.param as Node, path, at: node });
            }
          }
        }
        break;
      }
      case 'AssignmentExpression': {
        const left = node.left as Node;
        if (left.type === 'Identifier') pendingAssignments.push({ scope, name: left.name, expr: node.right as Node, at: node });
        else if (isMember(left)) {
          // payload.error = err.message: the object now carries the value
          let base: Node = left;
          while (isMember(base)) base = unwrap(base.object as Node);
          if (base.type === 'Identifier') pendingAssignments.push({ scope, name: base.name, expr: node.right as Node, at: node });
        } else if (left.type === 'ObjectPattern' || left.type === 'ArrayPattern') {
          for (const { name, path } of patternNames(left)) pendingAssignments.push({ scope, name, expr: node.right as Node, at: node, path });
        }
        break;
      }
      case 'CallExpression': {
        const callee = node.callee as Node;
        let name: string | null = null;
        if (callee.type === 'Identifier') name = callee.name;
        else if (isMember(callee)) {
          const obj = unwrap(callee.object as Node);
          const prop = propertyName(callee);
          if (prop && (obj.type === 'ThisExpression' || isExportsObject(obj))) name = obj.type === 'ThisExpression' ? `this.${prop}` : prop;
          // Object.assign(target, src) and list.push(x) put values into a container
          const objName = obj.type === 'Identifier' ? obj.name : null;
          if (objName === 'Object' && prop === 'assign' && node.arguments[0]?.type === 'Identifier') {
            for (const src of node.arguments.slice(1)) pendingAssignments.push({ scope, name: node.arguments[0].name, expr: src as Node, at: node });
          } else if (objName && (prop === 'push' || prop === 'unshift')) {
            for (const a of node.arguments) pendingAssignments.push({ scope, name: objName, expr: a as Node, at: node });
          }
        }
        if (name) {
          const list = model.calls.get(name);
          const rec = { node, scope };
          if (list) list.push(rec);
          else model.calls.set(name, [rec]);
        }
        if (crossFile && node.arguments.length) {
          const site = importedHelperSite(node, scope, model, resolverFor);
          if (site) model.sites.push({ raw: site, scope });
        }
        break;
      }
    }

    if (node.type === 'ExpressionStatement') {
      const expr = node.expression as Node;
      for (const m of siteModels) {
        const setter = m.matchStatusSetter(expr, resolverFor(scope, m.id));
        if (setter) {
          model.setters.push({ setter, scope });
          break;
        }
      }
    }
    if (isCandidateSite(node)) {
      for (const m of siteModels) {
        const raw = m.matchSite(node, resolverFor(scope, m.id));
        if (raw) {
          model.sites.push({ raw, scope });
          break;
        }
      }
    }

    forEachChildWith(node, descend, node);
  };
  const descend = (node: Node, parent: Node): void => {
    linkChild(node, parent);
    // most nodes are identifiers and literals: nothing to record, nothing under them
    if (isLeaf(node)) return;
    if (!isFunction(node)) return visit(node);
    const outer = current;
    current = enterFunction(node, outer);
    forEachChildWith(node, descend, node);
    current = outer;
  };

  try {
    visit(program as Node);
  } finally {
    parentLinksDone(program as Node);
  }
  for (const a of pendingAssignments) {
    const owner = a.scope.owner(a.name) ?? root;
    owner.bind(a.name, { expr: a.expr, path: a.path ?? [], at: a.at });
  }
  return model;
}

/**
 * A call handing a response to an imported function (`sendError(res, err.message)`): a site of the caller when the
 * function's summary says it sends what it is given. Asking is what records the demand in the first pass.
 */
function importedHelperSite(
  call: t.CallExpression,
  scope: Scope,
  model: FileModel,
  resolverFor: (scope: Scope, framework: FrameworkId) => (expr: Node) => string | null,
): RawSite | null {
  const callee = unwrap(call.callee as Node);
  let base = callee;
  while (isMember(base)) base = unwrap(base.object as Node);
  if (base.type !== 'Identifier' || !model.facts.importedNames.has(base.name)) return null;
  const args = call.arguments as Node[];
  const responseArg = (framework: FrameworkId) => args.findIndex((a) => resolverFor(scope, framework)(a) !== null);
  if (!model.models.some((m) => responseArg(m.id) >= 0)) return null;
  const ref = importRefOf(callee, scope, model);
  const summary = ref && model.crossFile!.lookup(ref, 'sends', call);
  const sends = summary?.sends;
  if (!sends || sends.response >= args.length) return null;
  const arg = args[sends.response]!;
  const framework = [sends.framework, ...model.models.map((m) => m.id)].find((id) => resolverFor(scope, id)(arg) !== null);
  const response = framework ? resolverFor(scope, framework)(arg) : null;
  if (!framework || !response) return null;
  const statusArg = sends.status.param !== undefined ? args[sends.status.param] : undefined;
  const fixed = !sends.status.dynamic && sends.status.values.length === 1 ? sends.status.values[0] : undefined;
  const bodyParams = new Set(sends.body.flatMap((f) => (f.kind === 'param' ? [f.index] : [])));
  const raw: RawSite = {
    node: call,
    framework,
    method: summary.name,
    response,
    body: args.filter((_, i) => bodyParams.has(i)),
    headers: [],
    bodyless: false,
    headerOnly: false,
    helperCall: { summary, args },
  };
  if (statusArg) raw.status = statusArg;
  else if (fixed !== undefined) raw.status = fixed;
  else raw.implicitStatus = null;
  return raw;
}

type TypedIndex = { responses: Map<number, ResponseBinding>; errors: Map<number, ErrorBinding> };

function typedBindings(types: FileTypeFacts | undefined): TypedIndex | null {
  if (!types || (!types.responses.length && !types.errors.length)) return null;
  return { responses: new Map(types.responses.map((b) => [b.start, b])), errors: new Map(types.errors.map((b) => [b.start, b])) };
}

/**
 * `--types`: parameters the checker says are responses or errors count as such whatever their names. A function
 * with a typed response and no role from a framework model becomes a route (passed to a call) or a helper.
 */
function applyTypes(fn: FunctionNode, scope: Scope, typed: TypedIndex): void {
  fn.params.forEach((p) => {
    const id = p.type === 'AssignmentPattern' ? p.left : p.type === 'TSParameterProperty' ? p.parameter : p;
    if (id.type !== 'Identifier') return;
    const response = typed.responses.get(id.start!);
    if (response && !scope.responses.has(id.name)) {
      scope.responses.set(id.name, response.framework);
      if (!scope.role) scope.role = { framework: response.framework, kind: callArgumentOf(fn) ? 'route' : 'helper', responses: [id.name], fromTypes: true };
      else if (!scope.role.responses.includes(id.name)) scope.role = { ...scope.role, responses: [...scope.role.responses, id.name] };
    }
    const error = typed.errors.get(id.start!);
    if (error) {
      scope.typedErrors.set(id.name, error.origin);
      if (!scope.errorSources.has(id.name)) scope.errorSources.set(id.name, 'helper-param');
    }
  });
}

/** The nested block a `let`/`const` declarator lives in, or null for `var` and function-level declarations. */
function blockOf(declarator: Node): Node | null {
  const decl = parentOf(declarator);
  if (decl?.type !== 'VariableDeclaration' || decl.kind === 'var') return null;
  const holder = parentOf(decl);
  if (!holder || holder.type !== 'BlockStatement') return null;
  const owner = parentOf(holder);
  return owner && isFunction(owner) ? null : holder;
}

/** `exports` or `module.exports` (what `dottedName` would spell so), without building the name for every call. */
function isExportsObject(node: Node): boolean {
  if (node.type === 'Identifier') return node.name === 'exports';
  if (!isMember(node) || propertyName(node) !== 'exports') return false;
  const base = unwrap(node.object as Node);
  return base.type === 'Identifier' && base.name === 'module';
}

function isCandidateSite(node: Node): boolean {
  return node.type === 'CallExpression' || node.type === 'OptionalCallExpression' || node.type === 'AssignmentExpression' ||
    node.type === 'ReturnStatement' || node.type === 'NewExpression' || node.type === 'ThrowStatement';
}

/** The response binding a name refers to in `scope` (directly, or through `const r = res`). */
export function responseName(scope: Scope, name: string, framework: FrameworkId, depth: number): string | null {
  const owner = scope.owner(name);
  if (!owner) return null;
  if (owner.responses.get(name) === framework) return name;
  if (depth > 2) return null;
  for (const b of owner.bindings.get(name) ?? []) {
    if (b.path.length) continue;
    const e = unwrap(b.expr);
    if (e.type === 'Identifier' && e.name !== name) {
      const r = responseName(owner, e.name, framework, depth + 1);
      if (r) return r;
    }
  }
  return null;
}
