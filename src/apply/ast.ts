import { unwrap, type Node } from '../core/ast';

/**
 * Small helpers over the recast/babel AST that jscodeshift parses (babel node types, `start`/`end` offsets of the
 * original source). Parents live in a side table so the tree itself is never touched.
 */

export interface AstNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

export interface AstComment {
  type: 'CommentLine' | 'CommentBlock' | 'Line' | 'Block';
  value: string;
  start: number;
  end: number;
}

const SKIP = new Set([
  'type',
  'start',
  'end',
  'loc',
  'range',
  'extra',
  'comments',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'tokens',
  'original',
]);

export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' &&
    typeof (value as { start?: unknown }).start === 'number';
}

export function childNodes(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const key of Object.keys(node)) {
    if (SKIP.has(key)) continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) {
      out.push(value);
    }
  }
  return out;
}

export const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
  'TSDeclareMethod',
]);

export function isFunctionNode(node: AstNode | null | undefined): boolean {
  return !!node && FUNCTION_TYPES.has(node.type);
}

/** One parsed file: its nodes with parent links, comments and lookups by source range. */
export class AstIndex {
  readonly parents = new Map<AstNode, AstNode | null>();
  readonly all: AstNode[] = [];
  readonly comments: AstComment[] = [];

  constructor(readonly file: AstNode) {
    const program = (file.type === 'File' ? file.program : file) as AstNode;
    const seen = new Set<number>();
    const collect = (node: AstNode) => {
      for (const key of ['comments', 'leadingComments', 'trailingComments', 'innerComments']) {
        const list = node[key];
        if (!Array.isArray(list)) continue;
        for (const c of list as AstComment[]) {
          if (typeof c?.start !== 'number' || seen.has(c.start)) continue;
          seen.add(c.start);
          this.comments.push(c);
        }
      }
    };
    const stack: [AstNode, AstNode | null][] = [[program, null]];
    while (stack.length) {
      const [node, parent] = stack.pop()!;
      this.parents.set(node, parent);
      this.all.push(node);
      collect(node);
      const kids = childNodes(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, node]);
    }
    this.all.sort((a, b) => a.start - b.start || b.end - a.end);
    this.comments.sort((a, b) => a.start - b.start);
  }

  get program(): AstNode {
    return (this.file.type === 'File' ? this.file.program : this.file) as AstNode;
  }

  parent(node: AstNode): AstNode | null {
    return this.parents.get(node) ?? null;
  }

  /** Ancestors from the parent outwards. */
  *ancestors(node: AstNode): Generator<AstNode> {
    for (let p = this.parent(node); p; p = this.parent(p)) yield p;
  }

  /** The node of one of `types` that spans exactly [start, end). */
  at(start: number, end: number, types: readonly string[]): AstNode | null {
    for (const n of this.all) {
      if (n.start > start) break;
      if (n.start === start && n.end === end && types.includes(n.type)) return n;
    }
    return null;
  }

  enclosingFunction(node: AstNode): AstNode | null {
    for (const p of this.ancestors(node)) if (isFunctionNode(p)) return p;
    return null;
  }

  /** Nodes inside `root` (itself included), in source order. */
  within(root: AstNode): AstNode[] {
    return this.all.filter((n) => n.start >= root.start && n.end <= root.end);
  }

  commentsWithin(start: number, end: number): AstComment[] {
    return this.comments.filter((c) => c.start >= start && c.end <= end);
  }
}

export function identifierName(node: unknown): string | null {
  const n = unwrapExpression(node as AstNode);
  return n && n.type === 'Identifier' ? (n.name as string) : null;
}

/** Strips parentheses, TS casts, non-null assertions and await (the analyzer's `unwrap`, for recast's nodes). */
export function unwrapExpression(node: AstNode | null | undefined): AstNode | null {
  return node ? (unwrap(node as unknown as Node) as unknown as AstNode) : null;
}

export function isCallNode(node: AstNode | null | undefined): boolean {
  return !!node && (node.type === 'CallExpression' || node.type === 'OptionalCallExpression');
}

export function isMemberNode(node: AstNode | null | undefined): boolean {
  return !!node && (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression');
}

export function memberPropertyName(node: AstNode): string | null {
  const p = node.property as AstNode;
  if (!node.computed && p.type === 'Identifier') return p.name as string;
  if (p.type === 'StringLiteral') return p.value as string;
  return null;
}

/** `res` for `res.status(500).json(...)`: the identifier at the base of a call chain. */
export function chainBase(node: AstNode): AstNode {
  let cur = unwrapExpression(node)!;
  for (;;) {
    if (isCallNode(cur)) cur = unwrapExpression(cur.callee as AstNode)!;
    else if (isMemberNode(cur)) cur = unwrapExpression(cur.object as AstNode)!;
    else return cur;
  }
}

/** `a.b.c` for identifiers and static member chains. */
export function dotted(node: AstNode | null | undefined): string | null {
  const n = unwrapExpression(node);
  if (!n) return null;
  if (n.type === 'Identifier') return n.name as string;
  if (n.type === 'ThisExpression') return 'this';
  if (isMemberNode(n)) {
    const obj = dotted(n.object as AstNode);
    const prop = memberPropertyName(n);
    return obj && prop ? `${obj}.${prop}` : null;
  }
  return null;
}

export function stringValue(node: AstNode | null | undefined): string | null {
  const n = unwrapExpression(node);
  if (!n) return null;
  if (n.type === 'StringLiteral' || (n.type === 'Literal' && typeof n.value === 'string')) return n.value as string;
  if (n.type === 'TemplateLiteral' && (n.expressions as unknown[]).length === 0) {
    return (n.quasis as AstNode[]).map((q) => (q.value as { cooked?: string; raw: string }).cooked ?? (q.value as { raw: string }).raw).join('');
  }
  return null;
}

/** Names a pattern binds (`{ a, b: [c] }` binds a and c). */
export function patternNames(pattern: AstNode | null | undefined): string[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name as string];
    case 'AssignmentPattern':
      return patternNames(pattern.left as AstNode);
    case 'RestElement':
      return patternNames(pattern.argument as AstNode);
    case 'ObjectPattern':
      return (pattern.properties as AstNode[]).flatMap((p) => (p.type === 'RestElement' ? patternNames(p.argument as AstNode) : patternNames(p.value as AstNode)));
    case 'ArrayPattern':
      return (pattern.elements as (AstNode | null)[]).flatMap((e) => patternNames(e));
    case 'TSParameterProperty':
      return patternNames(pattern.parameter as AstNode);
    default:
      return [];
  }
}

export function paramIdentifier(param: AstNode | undefined): string | null {
  if (!param) return null;
  const p = param.type === 'AssignmentPattern' ? (param.left as AstNode) : param.type === 'TSParameterProperty' ? (param.parameter as AstNode) : param;
  return p.type === 'Identifier' ? (p.name as string) : null;
}

/** Every name declared anywhere in the file (variables, functions, classes, params, imports, catch params). */
export function declaredNames(index: AstIndex): Set<string> {
  const names = new Set<string>();
  for (const n of index.all) {
    switch (n.type) {
      case 'VariableDeclarator':
        for (const x of patternNames(n.id as AstNode)) names.add(x);
        break;
      case 'FunctionDeclaration':
      case 'ClassDeclaration':
      case 'TSEnumDeclaration':
        if (n.id) names.add((n.id as AstNode).name as string);
        break;
      case 'ImportSpecifier':
      case 'ImportDefaultSpecifier':
      case 'ImportNamespaceSpecifier':
        names.add((n.local as AstNode).name as string);
        break;
      case 'CatchClause':
        for (const x of patternNames(n.param as AstNode)) names.add(x);
        break;
      case 'TSImportEqualsDeclaration':
        names.add((n.id as AstNode).name as string);
        break;
    }
    if (isFunctionNode(n)) {
      for (const p of (n.params as AstNode[]) ?? []) for (const x of patternNames(p)) names.add(x);
      if (n.type === 'FunctionExpression' && n.id) names.add((n.id as AstNode).name as string);
    }
  }
  return names;
}

/** Identifiers named `name` used as values (not as property keys or member properties) inside `root`. */
export function referencesTo(index: AstIndex, root: AstNode, name: string): AstNode[] {
  const out: AstNode[] = [];
  for (const n of index.within(root)) {
    if (n.type !== 'Identifier' || n.name !== name) continue;
    const p = index.parent(n);
    if (p && isMemberNode(p) && p.property === n && !p.computed) continue;
    if (p && (p.type === 'ObjectProperty' || p.type === 'ClassProperty' || p.type === 'ObjectMethod' || p.type === 'ClassMethod') && p.key === n && !p.computed && p.value !== n) continue;
    out.push(n);
  }
  return out;
}
