import type * as t from '@babel/types';
import { isMember, parentOf, propertyName, unwrap, type Node } from './ast';
import type { FileModel } from './file-model';
import type { Scope } from './scope';
import type { Taint } from './taint-facts';
import type { FrameworkId } from './types';

/**
 * An imported value a call names: the module specifier as written and the export's key, a dotted path from the
 * module's value (`getErrorMessage`, `default`, `errorHandler.getErrorMessage`; `''` is a CommonJS module's
 * `module.exports` itself).
 */
export interface ImportRef {
  spec: string;
  key: string;
}

/**
 * What a file's analysis asked about an imported function: its return value (`returns`; `returns-own` when the call's
 * arguments carry nothing from an error, so only what it leaks by itself matters), whether it sends a response given
 * to it (`sends`), or whether calling it can throw a downstream error (`throws`).
 */
export type DemandKind = 'returns' | 'returns-own' | 'sends' | 'throws';

/** What an exported function sends when handed a response: the cross-file counterpart of a same-file helper. */
export interface SendsSummary {
  framework: FrameworkId;
  /** Index of the parameter holding the response. */
  response: number;
  /** What reaches the body, in terms of the parameters (facts the helper leaks by itself are reported at home). */
  body: Taint;
  /** The parameter the status comes from, with the statuses the helper sets when it is not given. */
  status: { param?: number; values: number[]; dynamic: boolean };
  /** Where the helper's own response call is (1-based). */
  line: number;
  /**
   * What in the helper's body says "failure" (`success: false`): error-in-2xx at a caller that passes a 2xx status
   * (when the status is fixed in the helper, the helper's own site is judged instead).
   */
  errorSignal?: string;
}

/** What an exported function does with its parameters, as cheap plain data (sent between threads). */
export interface FunctionSummary {
  /** The name it is exported under, for messages. */
  name: string;
  /** The module it lives in, relative to the working directory. */
  file: string;
  line: number;
  /** What it returns: facts, and `param` facts for what it passes on from its parameters. */
  returns: Taint;
  sends?: SendsSummary;
  /** Calling it can throw an error from a downstream call it makes without catching. */
  throws?: { origin: 'http' | 'sql'; service: string | null };
}

/**
 * How one file's analysis sees other files. In the first pass nothing is known and every question is recorded as a
 * demand; in the second, the summaries of the demanded modules answer.
 */
export interface CrossFileHooks {
  /** `at`: the call asking, for `sends` (its helper's home finding lists it as a caller). */
  lookup(ref: ImportRef, kind: DemandKind, at?: Node): FunctionSummary | null;
}

/** A call's callee as an imported value, unless a local declaration shadows the import. */
export function importRefOf(callee: Node, scope: Scope, file: FileModel): ImportRef | null {
  const parts: string[] = [];
  let base = unwrap(callee);
  while (isMember(base)) {
    const prop = propertyName(base);
    if (!prop) return null;
    parts.unshift(prop);
    base = unwrap(base.object as Node);
  }
  if (base.type === 'ThisExpression' && parts.length >= 2) return injectedRef(base, parts, file);
  if (base.type !== 'Identifier') return null;
  const owner = scope.owner(base.name);
  if (owner && owner !== file.root) return null;
  const bound = file.facts.importedNames.get(base.name);
  if (!bound) return null;
  const hash = bound.lastIndexOf('#');
  const spec = hash > 0 ? bound.slice(0, hash) : bound;
  if (hash > 0) parts.unshift(bound.slice(hash + 1));
  return { spec, key: parts.join('.') };
}

/**
 * `this.usersService.findOne()` in a class that receives `usersService: UsersService` in its constructor (NestJS
 * and other dependency injection) or declares it as a typed field: a method of the imported class's instances.
 */
function injectedRef(self: Node, parts: string[], file: FileModel): ImportRef | null {
  let cls: Node | null = self;
  while (cls && cls.type !== 'ClassDeclaration' && cls.type !== 'ClassExpression') cls = parentOf(cls);
  if (!cls) return null;
  const typeName = memberTypeName(cls as t.ClassDeclaration | t.ClassExpression, parts[0]!);
  const bound = typeName ? file.facts.importedNames.get(typeName) : undefined;
  if (!bound) return null;
  const hash = bound.lastIndexOf('#');
  const spec = hash > 0 ? bound.slice(0, hash) : bound;
  const exported = hash > 0 ? bound.slice(hash + 1) : '';
  return { spec, key: [exported, 'prototype', ...parts.slice(1)].filter(Boolean).join('.') };
}

function memberTypeName(cls: t.ClassDeclaration | t.ClassExpression, name: string): string | null {
  const typeOf = (annotation: unknown): string | null => {
    const a = annotation as t.TSTypeAnnotation | null | undefined;
    const ref = a?.type === 'TSTypeAnnotation' ? a.typeAnnotation : null;
    return ref?.type === 'TSTypeReference' && ref.typeName.type === 'Identifier' ? ref.typeName.name : null;
  };
  for (const m of cls.body.body) {
    if (m.type === 'ClassProperty' && m.key.type === 'Identifier' && m.key.name === name) return typeOf(m.typeAnnotation);
    if (m.type === 'ClassMethod' && m.kind === 'constructor') {
      for (const p of m.params) {
        const id = p.type === 'TSParameterProperty' ? p.parameter : p;
        if (id.type === 'Identifier' && id.name === name) return typeOf(id.typeAnnotation);
      }
    }
  }
  return null;
}
