import type * as t from '@babel/types';
import { CHILD_KEYS } from './child-keys.generated';
import { SKIPPED_KEYS } from './child-keys-skip';

export type Node = t.Node;
export type FunctionNode =
  | t.FunctionDeclaration
  | t.FunctionExpression
  | t.ArrowFunctionExpression
  | t.ObjectMethod
  | t.ClassMethod
  | t.ClassPrivateMethod;

const PARENT = Symbol('parent');
type WithParent = { [PARENT]?: Node | null };

const SKIP_KEYS = new Set<string>(SKIPPED_KEYS);

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Calls `fn` on each child node of `node` in source order (type annotations are skipped: they carry no values). */
export function forEachChild(node: Node, fn: (child: Node) => void): void {
  const record = node as unknown as Record<string, unknown>;
  const keys = CHILD_KEYS[node.type];
  if (keys) {
    for (let i = 0; i < keys.length; i++) visitValue(record[keys[i]!], fn);
    return;
  }
  for (const key in node) if (!SKIP_KEYS.has(key)) visitValue(record[key], fn);
}

function visitValue(value: unknown, fn: (child: Node) => void): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (isNode(value[i])) fn(value[i]);
  } else if (isNode(value)) {
    fn(value);
  }
}

/**
 * `forEachChild` that hands `arg` to `fn` along with each child: the whole-file walks call it on every node, and
 * passing what the callback needs instead of capturing it spares a closure per node.
 */
export function forEachChildWith<A>(node: Node, fn: (child: Node, arg: A) => void, arg: A): void {
  const record = node as unknown as Record<string, unknown>;
  const keys = CHILD_KEYS[node.type];
  if (keys) {
    for (let i = 0; i < keys.length; i++) visitValueWith(record[keys[i]!], fn, arg);
    return;
  }
  for (const key in node) if (!SKIP_KEYS.has(key)) visitValueWith(record[key], fn, arg);
}

function visitValueWith<A>(value: unknown, fn: (child: Node, arg: A) => void, arg: A): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (isNode(value[i])) fn(value[i], arg);
  } else if (isNode(value)) {
    fn(value, arg);
  }
}

/** A node with no child nodes whatever its fields hold (an identifier without decorators, a literal, `this`...). */
export function isLeaf(node: Node): boolean {
  if (node.type === 'Identifier') return !node.decorators?.length;
  return CHILD_KEYS[node.type]?.length === 0;
}

/** Child nodes of `node` in source order. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  forEachChild(node, (child) => out.push(child));
  return out;
}

/** Sets parent links on every node of the tree, in one pass; `visit` sees each node once its parent is set. */
export function linkParents(root: Node, visit?: (node: Node) => void): void {
  const stack: Node[] = [root];
  (root as WithParent)[PARENT] = null;
  while (stack.length) {
    const node = stack.pop()!;
    visit?.(node);
    const at = stack.length;
    forEachChildWith(node, pushChild, stack);
    for (let i = at; i < stack.length; i++) (stack[i] as WithParent)[PARENT] = node;
  }
}

function pushChild(child: Node, stack: Node[]): void {
  stack.push(child);
}

/**
 * Trees whose parent links the walk that models them sets as it goes (`linkChild`) instead of a walk of their own.
 * Until that walk is done (`parentLinksDone`), asking the parent of a node it has not reached links them in full.
 */
const deferred: Node[] = [];

export function deferParentLinks(root: Node): void {
  (root as WithParent)[PARENT] = null;
  deferred.push(root);
}

export function linkChild(child: Node, parent: Node): void {
  (child as WithParent)[PARENT] = parent;
}

export function parentLinksDone(root: Node): void {
  const i = deferred.indexOf(root);
  if (i >= 0) deferred.splice(i, 1);
}

export function parentOf(node: Node): Node | null {
  const parent = (node as WithParent)[PARENT];
  if (parent !== undefined || !deferred.length) return parent ?? null;
  for (const root of deferred.splice(0)) linkParents(root);
  return (node as WithParent)[PARENT] ?? null;
}

/** Depth-first walk in source order; return false from `enter` to skip a subtree. */
export function walk(root: Node, enter: (node: Node) => boolean | void): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (enter(node) === false) continue;
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

export function isFunction(node: Node | null | undefined): node is FunctionNode {
  if (!node) return false;
  switch (node.type) {
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ObjectMethod':
    case 'ClassMethod':
    case 'ClassPrivateMethod':
      return true;
    default:
      return false;
  }
}

export function enclosingFunction(node: Node): FunctionNode | null {
  for (let p = parentOf(node); p; p = parentOf(p)) if (isFunction(p)) return p;
  return null;
}

/** Strips wrappers that do not change a value: parentheses, TS/Flow casts, non-null assertions, await. */
export function unwrap(node: Node): Node {
  let n = node;
  for (;;) {
    switch (n.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TypeCastExpression':
      case 'ParenthesizedExpression':
      case 'AwaitExpression':
        n = (n as { expression?: Node; argument?: Node }).expression ?? (n as { argument: Node }).argument;
        break;
      default:
        return n;
    }
  }
}

export function isMember(node: Node): node is t.MemberExpression | t.OptionalMemberExpression {
  return node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression';
}

export function isCall(node: Node): node is t.CallExpression | t.OptionalCallExpression {
  return node.type === 'CallExpression' || node.type === 'OptionalCallExpression';
}

/** The static name of a member's property (`a.b`, `a['b']`), or null when computed. */
export function propertyName(node: t.MemberExpression | t.OptionalMemberExpression): string | null {
  const p = node.property;
  if (!node.computed && p.type === 'Identifier') return p.name;
  if (p.type === 'StringLiteral') return p.value;
  return null;
}

/** Property key name of an object property, when static. */
export function keyName(prop: t.ObjectProperty | t.ObjectMethod): string | null {
  const k = prop.key;
  if (!prop.computed && k.type === 'Identifier') return k.name;
  if (k.type === 'StringLiteral') return k.value;
  if (k.type === 'NumericLiteral') return String(k.value);
  return null;
}

/** `a.b.c` as a string when the chain is made of identifiers and static properties. */
export function dottedName(node: Node): string | null {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'ThisExpression') return 'this';
  if (isMember(n)) {
    const obj = dottedName(n.object);
    const prop = propertyName(n);
    return obj && prop ? `${obj}.${prop}` : null;
  }
  return null;
}

/** The static string value of a literal or a template without expressions. */
export function staticString(node: Node | null | undefined): string | null {
  if (!node) return null;
  const n = unwrap(node);
  if (n.type === 'StringLiteral') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis.map((q) => q.value.cooked ?? q.value.raw).join('');
  return null;
}

/** The text a template literal or concatenation contributes from its literal parts, for wording heuristics. */
export function literalText(node: Node | null | undefined): string | null {
  if (!node) return null;
  const n = unwrap(node);
  const s = staticString(n);
  if (s !== null) return s;
  if (n.type === 'TemplateLiteral') return n.quasis.map((q) => q.value.cooked ?? q.value.raw).join(' ').trim() || null;
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const parts = [literalText(n.left as Node), literalText(n.right)].filter((x): x is string => !!x);
    return parts.length ? parts.join(' ') : null;
  }
  return null;
}

export function paramName(param: Node): string | null {
  const p = param.type === 'AssignmentPattern' ? param.left : param;
  if (p.type === 'Identifier') return p.name;
  return null;
}

export function functionName(fn: FunctionNode): string | null {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  if (fn.type === 'ObjectMethod' || fn.type === 'ClassMethod') {
    const k = fn.key;
    if (k.type === 'Identifier') return k.name;
    if (k.type === 'StringLiteral') return k.value;
  }
  const parent = parentOf(fn);
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'ObjectProperty') return keyName(parent);
  if (parent?.type === 'AssignmentExpression') return dottedName(parent.left);
  if (parent?.type === 'ClassProperty' && parent.key.type === 'Identifier') return parent.key.name;
  return null;
}
