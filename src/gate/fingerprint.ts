import crypto from 'node:crypto';
import type * as t from '@babel/types';
import { children, isFunction, type Node } from '../core/ast';
import type { Finding } from '../core/types';

/**
 * Fingerprints identify a finding across commits without its line number, so that a baseline keeps matching when
 * lines are inserted above a finding or the code around it is edited.
 *
 *   fingerprint = sha256(rule id, file, normalized code of the site, enclosing function chain, occurrence index)
 *   siteHash    = sha256(rule id, file, normalized code of the site)
 *   contextHash = sha256(rule id, file, enclosing function chain)
 *
 * - The site's code is the finding's `range` (the response call), with whitespace, quote style and trailing commas
 *   normalized so that reformatting does not change it.
 * - The enclosing function chain names every function (and class) around the site, outermost first, by what
 *   identifies it in the source rather than by its body: `getUser`, `UsersController > update`,
 *   `router.get('/:id') > db.query().then().catch()`. Editing a function's body elsewhere does not change it; moving
 *   the leak to another function does.
 * - The occurrence index tells apart identical sites in the same function (0, 1, ... in source order).
 *
 * `siteHash` and `contextHash` are the coarser keys the baseline falls back on when the enclosing function was renamed,
 * or when the site's own line was edited.
 */
export interface Fingerprint {
  fingerprint: string;
  siteHash: string;
  contextHash: string;
}

/** Collapses layout differences: whitespace runs, spaces around punctuation, quote style, trailing commas. */
export function normalizeCode(code: string): string {
  return code
    .replace(/\s+/g, ' ')
    .replace(/ ?([^\w$\s]) ?/g, '$1')
    .replace(/"/g, "'")
    .replace(/,([)\]}])/g, '$1')
    .trim();
}

const hash = (parts: unknown[]) => crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);

type AnyNode = Node & { start?: number | null; end?: number | null };

function keyLabel(key: Node, computed: boolean): string {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  if (key.type === 'NumericLiteral') return String(key.value);
  if (key.type === 'PrivateName') return `#${key.id.name}`;
  return '[computed]';
}

/** `db.query().then().catch` for a callee, without the arguments (which may hold whole function bodies). */
function calleeLabel(node: Node, depth = 0): string {
  if (depth > 8) return '…';
  switch (node.type) {
    case 'Identifier':
      return node.name;
    case 'ThisExpression':
      return 'this';
    case 'Super':
      return 'super';
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return `${calleeLabel(node.object, depth + 1)}.${keyLabel(node.property, node.computed)}`;
    case 'CallExpression':
    case 'OptionalCallExpression':
    case 'NewExpression':
      return `${calleeLabel(node.callee, depth + 1)}()`;
    case 'AwaitExpression':
      return calleeLabel(node.argument, depth + 1);
    default:
      return '?';
  }
}

/** `router.get('/:id')`: the callee and its first plain string argument (a route path, an event name). */
function callLabel(call: t.CallExpression | t.OptionalCallExpression | t.NewExpression): string {
  const first = call.arguments.find((a) => a.type === 'StringLiteral' || (a.type === 'TemplateLiteral' && a.expressions.length === 0));
  const literal = first ? (first.type === 'StringLiteral' ? first.value : (first as t.TemplateLiteral).quasis[0]?.value.cooked ?? '') : null;
  return `${calleeLabel(call.callee)}(${literal === null ? '' : `'${literal}'`})`;
}

function isCall(node: Node | undefined): node is t.CallExpression | t.OptionalCallExpression | t.NewExpression {
  return !!node && (node.type === 'CallExpression' || node.type === 'OptionalCallExpression' || node.type === 'NewExpression');
}

/** Name a binding gives to the value `node` (`const x = ...`, `exports.x = ...`, `{ x: ... }`), or null. */
function bindingLabel(parent: Node | undefined, node: Node): string | null {
  if (!parent) return null;
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === node && parent.id.type === 'Identifier' ? parent.id.name : null;
    case 'AssignmentExpression':
      return parent.right === node ? calleeLabel(parent.left) : null;
    case 'ObjectProperty':
    case 'ClassProperty':
    case 'ClassPrivateProperty':
      return parent.value === node ? keyLabel(parent.key, 'computed' in parent ? !!parent.computed : false) : null;
    case 'ExportDefaultDeclaration':
      return 'default';
    default:
      return null;
  }
}

/** Label of the function or class at `path[i]`, given its ancestors `path[0..i-1]`. */
function label(path: Node[], i: number): string {
  const node = path[i]!;
  if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
    return `class ${node.id?.name ?? bindingLabel(path[i - 1], node) ?? ''}`.trim();
  }
  if (node.type === 'ObjectMethod' || node.type === 'ClassMethod' || node.type === 'ClassPrivateMethod') {
    return keyLabel(node.key, node.type === 'ClassPrivateMethod' ? false : node.computed);
  }
  const fn = node as t.FunctionDeclaration | t.FunctionExpression | t.ArrowFunctionExpression;
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  // An anonymous callback: name it by the calls it is passed through (`router.get('/x', wrap(async (req, res) => ...))`)
  // and the binding that receives the outermost call's value, if any.
  const parts: string[] = [];
  let j = i;
  while (isCall(path[j - 1]) && (path[j - 1] as t.CallExpression).arguments.includes(path[j] as t.Expression)) {
    parts.unshift(callLabel(path[j - 1] as t.CallExpression));
    j--;
  }
  const bound = bindingLabel(path[j - 1], path[j]!);
  if (bound) parts.unshift(bound);
  return parts.length ? parts.join(' ← ') : node.type === 'ArrowFunctionExpression' ? '=>' : 'function';
}

/** The chain of functions and classes around [start, end), outermost first; `<module>` at the top level. */
export function enclosingChain(ast: t.File, start: number, end: number): string {
  const path: Node[] = [];
  let node: AnyNode | undefined = ast.program as AnyNode;
  while (node) {
    path.push(node);
    node = (children(node) as AnyNode[]).find((c) => c.start != null && c.end != null && c.start <= start && c.end >= end);
  }
  const labels: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const n = path[i]!;
    if (isFunction(n) || n.type === 'ClassDeclaration' || n.type === 'ClassExpression') labels.push(label(path, i));
  }
  return labels.length ? labels.join(' > ') : '<module>';
}

/** What a fingerprint is made of, besides the rule and the file: worked out once per finding from the file's text. */
export interface SiteInfo {
  /** Normalized code of the site. */
  site: string;
  /** Enclosing function chain (see `enclosingChain`). */
  chain: string;
}

export function siteInfo(text: string, ast: t.File | null, f: Finding): SiteInfo {
  return { site: normalizeCode(text.slice(f.range.start, f.range.end)), chain: ast ? enclosingChain(ast, f.range.start, f.range.end) : '' };
}

/**
 * Fingerprints for `findings`, from their `SiteInfo`. `fileKey` is the path that goes into the hash (relative to the
 * baseline's folder for baselines, so that running from another directory does not change it). The occurrence index
 * counts identical sites in one function among `findings`, in source order.
 */
export function fingerprintFindings(
  findings: readonly Finding[],
  info: ReadonlyMap<Finding, SiteInfo>,
  fileKey: (f: Finding) => string = (f) => f.file,
): Map<Finding, Fingerprint> {
  const keyed = findings.map((f) => ({ f, file: fileKey(f), ...(info.get(f) ?? { site: '', chain: '' }) }));
  keyed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.f.range.start - b.f.range.start));
  const seen = new Map<string, number>();
  const out = new Map<Finding, Fingerprint>();
  for (const k of keyed) {
    const group = JSON.stringify([k.f.ruleId, k.file, k.site, k.chain]);
    const index = seen.get(group) ?? 0;
    seen.set(group, index + 1);
    out.set(k.f, {
      fingerprint: hash([k.f.ruleId, k.file, k.site, k.chain, index]),
      siteHash: hash([k.f.ruleId, k.file, k.site]),
      contextHash: hash([k.f.ruleId, k.file, k.chain]),
    });
  }
  return out;
}
