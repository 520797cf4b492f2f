import type * as t from '@babel/types';
import { dottedName, isFunction, keyName, staticString, unwrap, type FunctionNode, type Node } from '../core/ast';
import type { ImportRef } from '../core/imports';

/**
 * What a module exports, by key (a dotted path from the module's value, as in ImportRef): its own functions, and
 * what it re-exports from other modules.
 */
export interface ExportTable {
  functions: Map<string, FunctionNode>;
  reexports: Map<string, ImportRef>;
  /** `export * from './x'`, `module.exports = require('./x')`. */
  reexportAll: string[];
}

const join = (key: string, name: string) => (key ? `${key}.${name}` : name);

/**
 * Reads the exports off the top-level statements: ESM declarations, lists and re-exports; CommonJS
 * `module.exports = ...`, `exports.x = ...`; objects of methods, classes' static methods, `new Service()` instances.
 */
export function exportTable(program: t.Program, importedNames: Map<string, string>): ExportTable {
  const table: ExportTable = { functions: new Map(), reexports: new Map(), reexportAll: [] };
  const locals = topLevelValues(program);

  const exportValue = (key: string, value: Node | null | undefined, depth = 0): void => {
    if (!value || depth > 4) return;
    const n = unwrap(value);
    if (isFunction(n)) {
      table.functions.set(key, n);
      return;
    }
    switch (n.type) {
      case 'Identifier': {
        const imported = importedNames.get(n.name);
        if (imported) {
          const hash = imported.lastIndexOf('#');
          table.reexports.set(key, hash > 0 ? { spec: imported.slice(0, hash), key: imported.slice(hash + 1) } : { spec: imported, key: '' });
          return;
        }
        const local = locals.get(n.name);
        if (local && local !== n) exportValue(key, local, depth + 1);
        return;
      }
      case 'ObjectExpression':
        for (const p of n.properties) {
          if (p.type === 'SpreadElement') {
            const spread = requireOf(p.argument as Node);
            if (spread && !key) table.reexportAll.push(spread.spec);
            continue;
          }
          const name = keyName(p);
          if (!name) continue;
          if (p.type === 'ObjectMethod') table.functions.set(join(key, name), p);
          else exportValue(join(key, name), p.value as Node, depth + 1);
        }
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        // static methods, and instance methods for injected instances (`this.usersService.findOne()`)
        for (const m of n.body.body) {
          if (m.type !== 'ClassMethod' || m.key.type !== 'Identifier' || m.kind !== 'method') continue;
          table.functions.set(join(key, m.static ? m.key.name : `prototype.${m.key.name}`), m);
        }
        return;
      case 'NewExpression': {
        // module.exports = new ErrorHandler(): its methods are called on the instance
        const cls = n.callee.type === 'Identifier' ? locals.get(n.callee.name) : null;
        if (cls && (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression')) {
          for (const m of cls.body.body) {
            if (m.type === 'ClassMethod' && !m.static && m.kind === 'method' && m.key.type === 'Identifier') table.functions.set(join(key, m.key.name), m);
          }
        }
        return;
      }
      case 'MemberExpression': {
        // getErrorMessage: errors.getErrorMessage, where `errors` is an imported module
        // or require('./x').y
        const ref = memberOfImport(n, importedNames) ?? requireOf(n);
        if (ref) table.reexports.set(key, ref);
        return;
      }
      default: {
        const required = requireOf(n);
        if (!required) return;
        if (!key && !required.key) table.reexportAll.push(required.spec);
        else table.reexports.set(key, required);
      }
    }
  };

  for (const stmt of program.body) {
    switch (stmt.type) {
      case 'ExportNamedDeclaration': {
        const source = stmt.source?.value;
        for (const s of stmt.specifiers) {
          const exported = s.exported.type === 'Identifier' ? s.exported.name : (s.exported as t.StringLiteral).value;
          if (source) {
            const local = s.type === 'ExportSpecifier' ? (s.local as t.Identifier).name : s.type === 'ExportDefaultSpecifier' ? 'default' : '';
            table.reexports.set(exported, { spec: source, key: local });
          } else if (s.type === 'ExportSpecifier' && s.local.type === 'Identifier') {
            exportValue(exported, s.local);
          }
        }
        const decl = stmt.declaration;
        if (decl?.type === 'FunctionDeclaration' && decl.id) table.functions.set(decl.id.name, decl);
        else if (decl?.type === 'ClassDeclaration' && decl.id) exportValue(decl.id.name, decl);
        else if (decl?.type === 'VariableDeclaration') {
          for (const d of decl.declarations) if (d.id.type === 'Identifier') exportValue(d.id.name, d.init as Node | null);
        }
        break;
      }
      case 'ExportDefaultDeclaration':
        exportValue('default', stmt.declaration as Node);
        break;
      case 'ExportAllDeclaration':
        table.reexportAll.push(stmt.source.value);
        break;
      case 'ExpressionStatement': {
        const e = stmt.expression;
        if (e.type !== 'AssignmentExpression' || e.operator !== '=') break;
        const target = dottedName(e.left as Node);
        if (target === 'module.exports') exportValue('', e.right as Node);
        else if (target?.startsWith('module.exports.')) exportValue(target.slice('module.exports.'.length), e.right as Node);
        else if (target?.startsWith('exports.')) exportValue(target.slice('exports.'.length), e.right as Node);
        break;
      }
    }
  }
  return table;
}

/** Top-level functions, classes and `const x = ...` initialisers, by name. */
function topLevelValues(program: t.Program): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const raw of program.body) {
    const stmt = raw.type === 'ExportNamedDeclaration' && raw.declaration ? raw.declaration : raw;
    if ((stmt.type === 'FunctionDeclaration' || stmt.type === 'ClassDeclaration') && stmt.id) out.set(stmt.id.name, stmt);
    else if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) if (d.id.type === 'Identifier' && d.init) out.set(d.id.name, d.init as Node);
    }
  }
  return out;
}

/** `require('./x')` (the whole module) or `require('./x').y`. */
function requireOf(node: Node): ImportRef | null {
  const n = unwrap(node);
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
    const inner = requireOf(n.object as Node);
    return inner ? { spec: inner.spec, key: join(inner.key, n.property.name) } : null;
  }
  if (n.type !== 'CallExpression' || n.callee.type !== 'Identifier' || n.callee.name !== 'require') return null;
  const spec = staticString(n.arguments[0] as Node);
  return spec === null ? null : { spec, key: '' };
}

/** `errors.getErrorMessage` where `errors` is bound by an import or a require. */
function memberOfImport(node: t.MemberExpression, importedNames: Map<string, string>): ImportRef | null {
  const parts: string[] = [];
  let base: Node = node;
  while (base.type === 'MemberExpression' && !base.computed && base.property.type === 'Identifier') {
    parts.unshift(base.property.name);
    base = unwrap(base.object as Node);
  }
  if (base.type !== 'Identifier') return null;
  const bound = importedNames.get(base.name);
  if (!bound) return null;
  const hash = bound.lastIndexOf('#');
  if (hash > 0) parts.unshift(bound.slice(hash + 1));
  return { spec: hash > 0 ? bound.slice(0, hash) : bound, key: parts.join('.') };
}

/** The keys a function is exported under. */
export function exportKeysOf(table: ExportTable, fn: FunctionNode): string[] {
  const keys: string[] = [];
  for (const [key, f] of table.functions) if (f === fn) keys.push(key);
  return keys;
}
