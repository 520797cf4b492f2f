import { declaredNames, unwrapExpression, isCallNode, isMemberNode, type AstIndex, type AstNode } from './ast';
import type { ModuleStyle } from './project';
import { EditList, indentOf, lineStart, nextLineStart, quoteString, type Quote } from './text';

export interface FileStyle {
  source: string;
  index: AstIndex;
  module: ModuleStyle;
  quote: Quote;
  eol: string;
  semi: boolean;
  /** `const` (or `var` in files that never use const/let). */
  declKeyword: 'const' | 'var';
}

export function declarationKeyword(index: AstIndex): 'const' | 'var' {
  let hasVar = false;
  for (const n of index.all) {
    if (n.type !== 'VariableDeclaration') continue;
    if (n.kind === 'const' || n.kind === 'let') return 'const';
    hasVar = true;
  }
  return hasVar ? 'var' : 'const';
}

/** `require('x')`, `require('x').y`, `require('x')(opts)`: the specifier of the require at the base, or null. */
export function requireSpecifier(expr: AstNode | null | undefined): string | null {
  let n = unwrapExpression(expr);
  while (n && (isMemberNode(n) || (isCallNode(n) && !isRequireCall(n)))) n = unwrapExpression((isMemberNode(n) ? n.object : n.callee) as AstNode);
  if (!n || !isRequireCall(n)) return null;
  const arg = (n.arguments as AstNode[])[0];
  return arg && (arg.type === 'StringLiteral' || arg.type === 'Literal') ? (arg.value as string) : null;
}

function isRequireCall(n: AstNode): boolean {
  return n.type === 'CallExpression' && (n.callee as AstNode).type === 'Identifier' && (n.callee as AstNode).name === 'require';
}

/** A top-level statement that only imports something (import, require declaration, `require('dotenv').config()`). */
export function isModuleStatement(stmt: AstNode): boolean {
  if (stmt.type === 'ImportDeclaration' || stmt.type === 'TSImportEqualsDeclaration') return true;
  if (stmt.type === 'VariableDeclaration') {
    const decls = stmt.declarations as AstNode[];
    return decls.length > 0 && decls.every((d) => requireSpecifier(d.init as AstNode) !== null);
  }
  if (stmt.type === 'ExpressionStatement') return requireSpecifier(stmt.expression as AstNode) !== null;
  return false;
}

interface ExistingImport {
  stmt: AstNode;
  /** imported name -> local name */
  named: Map<string, string>;
  namespace: string | null;
  /** Where named specifiers can be added: the ObjectPattern or the ImportDeclaration. */
  target: AstNode | null;
  kind: 'esm' | 'cjs';
  typeOnly: boolean;
  /** Some specifiers carry an inline `type` modifier (`import { Router, type Request }`). */
  inlineTypes: boolean;
}

/**
 * Adds names imported from one module to a file: into the import or require it already has, else as a new statement
 * after the file's imports. Names that clash with a local declaration are imported under an alias.
 */
export class ImportManager {
  private readonly existing: ExistingImport[] = [];
  private readonly wanted = new Map<string, string>();
  private readonly declared: Set<string>;

  constructor(
    private readonly style: FileStyle,
    private readonly denotes: (spec: string) => boolean,
    private readonly specifier: string,
    private readonly options: { typeOnly?: boolean; aliasPrefix?: string } = {},
  ) {
    this.declared = declaredNames(style.index);
    for (const stmt of style.index.program.body as AstNode[]) this.scan(stmt);
  }

  private scan(stmt: AstNode): void {
    if (stmt.type === 'ImportDeclaration' && this.denotes((stmt.source as AstNode).value as string)) {
      const named = new Map<string, string>();
      let namespace: string | null = null;
      let hasBraces = false;
      for (const s of stmt.specifiers as AstNode[]) {
        if (s.type === 'ImportSpecifier') {
          hasBraces = true;
          if (s.importKind === 'type' && !this.options.typeOnly) continue;
          const imported = s.imported as AstNode;
          named.set((imported.name ?? imported.value) as string, (s.local as AstNode).name as string);
        } else if (s.type === 'ImportNamespaceSpecifier') {
          namespace = (s.local as AstNode).name as string;
        }
      }
      const typeOnly = stmt.importKind === 'type';
      if (typeOnly && !this.options.typeOnly) return;
      if (!hasBraces && this.style.source.slice(stmt.start, stmt.end).includes('{')) hasBraces = true;
      const inlineTypes = (stmt.specifiers as AstNode[]).some((sp) => sp.type === 'ImportSpecifier' && sp.importKind === 'type');
      this.existing.push({ stmt, named, namespace, target: hasBraces ? stmt : null, kind: 'esm', typeOnly, inlineTypes });
      return;
    }
    if (stmt.type === 'TSImportEqualsDeclaration') {
      const ref = stmt.moduleReference as AstNode;
      const spec = ref.type === 'TSExternalModuleReference' ? ((ref.expression as AstNode).value as string) : null;
      if (spec && this.denotes(spec)) this.existing.push({ stmt, named: new Map(), namespace: (stmt.id as AstNode).name as string, target: null, kind: 'cjs', typeOnly: false, inlineTypes: false });
      return;
    }
    if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations as AstNode[]) {
        const init = unwrapExpression(d.init as AstNode);
        if (!init || !isRequireCall(init)) continue;
        const spec = requireSpecifier(init);
        if (!spec || !this.denotes(spec)) continue;
        const id = d.id as AstNode;
        if (id.type === 'Identifier') {
          this.existing.push({ stmt, named: new Map(), namespace: id.name as string, target: null, kind: 'cjs', typeOnly: false, inlineTypes: false });
        } else if (id.type === 'ObjectPattern') {
          const named = new Map<string, string>();
          let simple = true;
          for (const p of id.properties as AstNode[]) {
            if (p.type !== 'ObjectProperty' || p.computed) {
              simple = false;
              continue;
            }
            const key = p.key as AstNode;
            const value = p.value as AstNode;
            if (value.type === 'Identifier') named.set((key.name ?? key.value) as string, value.name as string);
          }
          this.existing.push({ stmt, named, namespace: null, target: simple ? id : null, kind: 'cjs', typeOnly: false, inlineTypes: false });
        }
      }
    }
  }

  /** Whether the file already imports `name` from the module. */
  has(name: string): boolean {
    return this.existing.some((e) => e.named.has(name) || e.namespace !== null) || this.wanted.has(name);
  }

  /** The expression that names export `name` in this file, importing it when needed. */
  ref(name: string): string {
    for (const e of this.existing) {
      const local = e.named.get(name);
      if (local) return local;
    }
    for (const e of this.existing) if (e.namespace) return `${e.namespace}.${name}`;
    const already = this.wanted.get(name);
    if (already) return already;
    let local = name;
    if (this.declared.has(local)) {
      // NotFoundError -> HttpNotFoundError, errorHandler -> httpErrorHandler
      const prefix = this.options.aliasPrefix ?? 'Http';
      const base = /^[a-z]/.test(name) ? `${prefix.toLowerCase()}${name[0]!.toUpperCase()}${name.slice(1)}` : `${prefix}${name}`;
      local = base;
      for (let i = 2; this.declared.has(local); i++) local = `${base}${i}`;
    }
    this.declared.add(local);
    this.wanted.set(name, local);
    return local;
  }

  snapshot(): () => void {
    const wanted = new Map(this.wanted);
    const declared = new Set(this.declared);
    return () => {
      this.wanted.clear();
      for (const [k, v] of wanted) this.wanted.set(k, v);
      this.declared.clear();
      for (const d of declared) this.declared.add(d);
    };
  }

  get pending(): string[] {
    return [...this.wanted.keys()];
  }

  /** Edits that add the pending names. */
  emit(edits: EditList): void {
    if (!this.wanted.size) return;
    const names = [...this.wanted.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const target = this.existing.find((e) => e.target);
    const { source } = this.style;
    if (target?.target) {
      const esm = target.kind === 'esm';
      const typePrefix = esm && this.options.typeOnly && !target.typeOnly && target.inlineTypes ? 'type ' : '';
      const specs = names.map(([name, local]) => typePrefix + (name === local ? name : esm ? `${name} as ${local}` : `${name}: ${local}`));
      const list = esm ? ((target.stmt.specifiers as AstNode[]).filter((s) => s.type === 'ImportSpecifier')) : (target.target.properties as AstNode[]);
      const last = list[list.length - 1];
      if (!last) {
        // `import {} from` / `const {} = require()`
        const open = source.indexOf('{', target.target.start);
        edits.insert(open + 1, ` ${specs.join(', ')} `);
        return;
      }
      const close = source.indexOf('}', last.end);
      const between = source.slice(last.end, close);
      const multiline = between.includes('\n') || source.slice(target.target.start, last.start).includes('\n');
      if (multiline) {
        const indent = indentOf(source, last.start);
        const comma = /^\s*,/.exec(between);
        if (comma) edits.insert(last.end + comma[0].length, specs.map((s) => `${this.style.eol}${indent}${s},`).join(''));
        else edits.insert(last.end, specs.map((s) => `,${this.style.eol}${indent}${s}`).join(''));
      } else {
        edits.insert(last.end, specs.map((s) => `, ${s}`).join(''));
      }
      return;
    }
    this.insertStatement(edits, names);
  }

  private insertStatement(edits: EditList, names: [string, string][]): void {
    const { source, index, eol } = this.style;
    const semi = this.style.semi ? ';' : '';
    const spec = quoteString(this.specifier, this.style.quote);
    let text: string;
    if (this.style.module === 'esm') {
      const list = names.map(([n, l]) => (n === l ? n : `${n} as ${l}`)).join(', ');
      text = `import ${this.options.typeOnly ? 'type ' : ''}{ ${list} } from ${spec}${semi}`;
    } else {
      const list = names.map(([n, l]) => (n === l ? n : `${n}: ${l}`)).join(', ');
      text = `${this.style.declKeyword} { ${list} } = require(${spec})${semi}`;
    }
    const program = index.program;
    const body = program.body as AstNode[];
    let anchor: AstNode | null = null;
    for (const stmt of body) {
      if (!isModuleStatement(stmt)) break;
      anchor = stmt;
    }
    // A type-only import in an ES module goes with the other imports even after code.
    if (!anchor && this.style.module === 'esm') {
      const imports = body.filter((s) => s.type === 'ImportDeclaration');
      anchor = imports[imports.length - 1] ?? null;
    }
    const directives = (program.directives as AstNode[] | undefined) ?? [];
    if (!anchor && directives.length) anchor = directives[directives.length - 1]!;
    if (anchor) {
      const at = nextLineStart(source, anchor.end);
      if (at === source.length && !source.endsWith('\n')) edits.insert(at, `${eol}${text}`);
      else edits.insert(at, `${text}${eol}`);
      return;
    }
    // No import yet: put it just above the first statement (a header comment above that stays on top).
    const first = body[0];
    const at = first ? lineStart(source, first.start) : interpreterEnd(source);
    edits.insert(at, `${text}${eol}${first ? eol : ''}`);
  }
}

function interpreterEnd(source: string): number {
  return source.startsWith('#!') ? nextLineStart(source, 0) : 0;
}
