import type * as t from '@babel/types';
import { dottedName, paramName, parentOf, type FunctionNode, type Node } from '../core/ast';
import type { FileFacts } from './types';

export const RESPONSE_NAME = /^(res|response|resp|httpResponse)$/;
export const REQUEST_NAME = /^(req|request|httpRequest)$/;
export const ERROR_NAME = /^((e|err|error|er|ex|exc|exception|error_?)|[a-z]\w*(Err|Error|Exception))$/;
export const NEXT_NAME = /^(next|done|cb|callback)$/;

export function paramNames(fn: FunctionNode): (string | null)[] {
  return fn.params.map((p) => paramName(p as Node));
}

/** The type name written on a parameter (`res: express.Response` gives `express.Response`). */
export function paramTypeName(param: Node): string | null {
  const p = param.type === 'AssignmentPattern' ? param.left : param;
  const ann = (p as { typeAnnotation?: Node | null }).typeAnnotation;
  if (!ann) return null;
  const inner = (ann as { typeAnnotation?: Node }).typeAnnotation ?? ann;
  if (inner.type === 'TSTypeReference') return tsName(inner.typeName as Node);
  if (inner.type === 'GenericTypeAnnotation') return flowName(inner.id as Node);
  return null;
}

function tsName(n: Node): string | null {
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'TSQualifiedName') {
    const left = tsName(n.left as Node);
    return left ? `${left}.${n.right.name}` : null;
  }
  return null;
}

function flowName(n: Node): string | null {
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'QualifiedTypeIdentifier') {
    const left = flowName(n.qualification as Node);
    return left ? `${left}.${n.id.name}` : null;
  }
  return null;
}

/** The call a function is an argument of, with the argument's index. */
export function callArgumentOf(fn: Node): { call: t.CallExpression | t.NewExpression; index: number } | null {
  const parent = parentOf(fn);
  if (!parent || (parent.type !== 'CallExpression' && parent.type !== 'NewExpression' && parent.type !== 'OptionalCallExpression')) return null;
  const index = (parent.arguments as Node[]).indexOf(fn);
  return index >= 0 ? { call: parent as t.CallExpression, index } : null;
}

/** `app.get` / `router.post` / `server.on`: the member name of a call's callee, and the receiver's dotted name. */
export function calleeParts(call: t.CallExpression | t.NewExpression): { object: string | null; method: string | null } {
  const callee = call.callee as Node;
  if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
    const method = !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : null;
    return { object: dottedName(callee.object as Node), method };
  }
  if (callee.type === 'Identifier') return { object: null, method: callee.name };
  return { object: null, method: null };
}

export function importsAny(facts: FileFacts, modules: RegExp): boolean {
  for (const m of facts.imports) if (modules.test(m)) return true;
  return false;
}

/** A named function (declaration, `const f = () =>`, method, `exports.f =`) rather than an inline callback. */
export function isNamedFunction(fn: FunctionNode): boolean {
  if (fn.type === 'FunctionDeclaration' || fn.type === 'ObjectMethod' || fn.type === 'ClassMethod' || fn.type === 'ClassPrivateMethod') return true;
  const parent = parentOf(fn);
  if (!parent) return false;
  if (parent.type === 'VariableDeclarator' || parent.type === 'ClassProperty' || parent.type === 'ObjectProperty') return true;
  if (parent.type === 'AssignmentExpression') return true;
  if (parent.type === 'ExportDefaultDeclaration') return true;
  return false;
}
