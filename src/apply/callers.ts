import fs from 'node:fs';
import path from 'node:path';
import type { JSCodeshift } from 'jscodeshift';
import { AstIndex, isCallNode, isMemberNode, memberPropertyName, referencesTo, unwrapExpression, type AstNode } from './ast';
import { requireSpecifier } from './imports';
import type { CallerTask, ExportedHelper } from './types';

const EXTS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** The file a relative specifier of `fromFile` loads, or null. */
export function resolveRelative(fromFile: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), spec);
  const candidates = [base, ...EXTS.map((e) => base + e), ...EXTS.map((e) => path.join(base, `index${e}`))];
  if (/\.[cm]?js$/.test(base)) candidates.push(base.replace(/\.([cm]?)js$/, '.$1ts'), base.replace(/\.js$/, '.tsx'));
  for (const c of candidates) {
    try {
      if (fs.statSync(c).isFile()) return c;
    } catch {
      // keep looking
    }
  }
  return null;
}

export interface CallerScan {
  tasks: CallerTask[];
  /** Why the helper's callers in this file cannot all be given `next`, if so. */
  blocked?: string;
}

/**
 * Finds the calls `file` makes to an exported helper of another file: the import or require that loads the
 * helper's file, then every use of the binding. A use that is not a call blocks the helper's rewrite.
 */
export function scanCallers(j: JSCodeshift, source: string, file: string, helper: ExportedHelper): CallerScan {
  const index = new AstIndex(j(source).get().node as AstNode);
  const bindings: { local: string; member: string | null }[] = [];
  const wants = helper.exportName;
  const loads = (spec: unknown) => typeof spec === 'string' && resolveRelative(file, spec) === helper.file;
  for (const n of index.all) {
    if (n.type === 'ImportDeclaration' && loads((n.source as AstNode).value)) {
      for (const s of n.specifiers as AstNode[]) {
        const local = (s.local as AstNode).name as string;
        if (s.type === 'ImportDefaultSpecifier') {
          if (wants === 'default') bindings.push({ local, member: null });
          else bindings.push({ local, member: wants });
        } else if (s.type === 'ImportNamespaceSpecifier') {
          bindings.push({ local, member: wants === 'default' ? 'default' : wants });
        } else {
          const imported = s.imported as AstNode;
          const name = (imported.name ?? imported.value) as string;
          if (name === wants) bindings.push({ local, member: null });
        }
      }
    }
    if (n.type === 'VariableDeclarator' && loads(requireSpecifier(n.init as AstNode))) {
      const init = unwrapExpression(n.init as AstNode)!;
      const id = n.id as AstNode;
      if (isMemberNode(init)) {
        // const fail = require('./helpers').fail
        if (memberPropertyName(init) === wants && id.type === 'Identifier') bindings.push({ local: id.name as string, member: null });
        continue;
      }
      if (!isCallNode(init) || (init.callee as AstNode).type !== 'Identifier') return { tasks: [], blocked: `${rel(file)} loads ${helper.name} in a way the codemod does not follow` };
      if (id.type === 'Identifier') bindings.push({ local: id.name as string, member: wants === 'default' ? null : wants });
      else if (id.type === 'ObjectPattern') {
        for (const p of id.properties as AstNode[]) {
          if (p.type !== 'ObjectProperty') continue;
          const key = p.key as AstNode;
          if ((key.name ?? key.value) === wants && (p.value as AstNode).type === 'Identifier') bindings.push({ local: (p.value as AstNode).name as string, member: null });
        }
      }
    }
  }
  const tasks: CallerTask[] = [];
  for (const { local, member } of bindings) {
    for (const ref of referencesTo(index, index.program, local)) {
      const p = index.parent(ref);
      if (!p) continue;
      if (p.type === 'VariableDeclarator' && p.id === ref) continue;
      if (p.type === 'ObjectProperty' && p.value === ref && index.parent(p)?.type === 'ObjectPattern') continue;
      if (/^Import(Default|Namespace)?Specifier$/.test(p.type)) continue;
      let call: AstNode | null = null;
      if (member === null && isCallNode(p) && p.callee === ref) call = p;
      if (member !== null && isMemberNode(p) && p.object === ref) {
        if (memberPropertyName(p) !== member) continue;
        const pp = index.parent(p);
        if (pp && isCallNode(pp) && pp.callee === p) call = pp;
      }
      if (!call) return { tasks: [], blocked: `${rel(file)} uses ${helper.name} as a value (line ${line(ref)}), not only as a call` };
      tasks.push({ start: call.start, end: call.end, resIndex: helper.resIndex, nextIndex: helper.nextIndex, helper: helper.name });
    }
  }
  return { tasks };
}

function rel(file: string): string {
  return path.relative(process.cwd(), file).split(path.sep).join('/');
}

function line(node: AstNode): number {
  return (node.loc as { start: { line: number } } | undefined)?.start.line ?? 0;
}
