import type * as t from '@babel/types';
import { isFunction, keyName, parentOf, type FunctionNode, type Node } from './ast';
import type { FrameworkId, HandlerRole } from './types';

/** How a name got its value: `expr`, then the property path (from destructuring) read off it. */
export interface Binding {
  expr: Node;
  path: (string | null)[];
  /** The node that binds it (declarator, assignment, catch clause...), for ordering. */
  at: Node;
  /** For `let`/`const` inside a nested block: the block, outside which the binding does not exist. */
  block?: Node;
}

export type ErrorSourceKind = 'catch' | 'error-middleware' | 'promise-catch' | 'callback' | 'helper-param';

/** A function (or the module) with the names it declares. Block scopes are folded into their function. */
export class Scope {
  readonly declared = new Set<string>();
  readonly bindings = new Map<string, Binding[]>();
  /** Names holding a caught error, and how they were caught. */
  readonly errorSources = new Map<string, ErrorSourceKind>();
  /** For catch parameters: the catch clauses that bind the name (it is an error only inside them). */
  readonly catchClauses = new Map<string, Node[]>();
  /** Names holding a response object, with the framework that made them one. */
  readonly responses = new Map<string, FrameworkId>();
  /** Names whose declared or inferred type is an error class (`--types`), with what failed when the type says. */
  readonly typedErrors = new Map<string, 'http' | 'sql' | null>();
  /** Named function values declared here (`function f`, `const f = () =>`). */
  readonly functions = new Map<string, FunctionNode>();
  role: HandlerRole | null = null;

  constructor(
    readonly node: FunctionNode | t.Program,
    readonly parent: Scope | null,
  ) {}

  declare(name: string): void {
    this.declared.add(name);
  }

  bind(name: string, binding: Binding): void {
    const list = this.bindings.get(name);
    if (list) list.push(binding);
    else this.bindings.set(name, [binding]);
  }

  /** Whether `name`, used at `use`, holds a caught error (a catch parameter only inside its catch clause). */
  isErrorAt(name: string, use: Node | undefined): boolean {
    if (!this.errorSources.has(name)) return false;
    const clauses = this.catchClauses.get(name);
    if (!clauses || !use) return true;
    return clauses.some((c) => isInside(use, c));
  }

  /** The scope that declares `name`, looking outwards. */
  owner(name: string): Scope | null {
    for (let s: Scope | null = this; s; s = s.parent) if (s.declared.has(name)) return s;
    return null;
  }

  get fn(): FunctionNode | null {
    return isFunction(this.node) ? this.node : null;
  }

  /** The nearest enclosing scope (this one included) with a handler role. */
  handler(): Scope | null {
    for (let s: Scope | null = this; s; s = s.parent) if (s.role) return s;
    return null;
  }
}

/** Names bound by a pattern, each with the property path that leads to it. */
export function patternNames(pattern: Node, path: (string | null)[] = []): { name: string; path: (string | null)[] }[] {
  switch (pattern.type) {
    case 'Identifier':
      return [{ name: pattern.name, path }];
    case 'AssignmentPattern':
      return patternNames(pattern.left as Node, path);
    case 'RestElement':
      return patternNames(pattern.argument as Node, path);
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) =>
        p.type === 'RestElement' ? patternNames(p.argument as Node, path) : patternNames(p.value as Node, [...path, keyName(p)]),
      );
    case 'ArrayPattern':
      return pattern.elements.flatMap((el) => (el ? patternNames(el as Node, [...path, null]) : []));
    case 'TSParameterProperty':
      return patternNames(pattern.parameter as Node, path);
    default:
      return [];
  }
}

export function functionParamNames(fn: FunctionNode): string[] {
  const names: string[] = [];
  for (const p of fn.params) {
    if (p.type === 'Identifier') names.push(p.name);
    else for (const x of patternNames(p as Node)) names.push(x.name);
  }
  return names;
}

/** The Program or function a `var`/function declaration hoists to, and the statement list holding a node. */
export function isInside(node: Node, ancestor: Node): boolean {
  for (let p: Node | null = node; p; p = parentOf(p)) if (p === ancestor) return true;
  return false;
}

