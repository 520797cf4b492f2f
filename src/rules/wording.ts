import type * as t from '@babel/types';
import { dottedName, isCall, isMember, keyName, literalText, parentOf, propertyName, unwrap, walk, type Node } from '../core/ast';
import type { Scope } from '../core/scope';
import type { Site } from '../core/site';

/** Keys whose value is the human message of a response body. */
const MESSAGE_KEYS = ['error', 'message', 'msg', 'errorMessage', 'error_message', 'err', 'reason', 'detail', 'description', 'title'];

/** An object literal an expression denotes: itself, or the `const` it was built in. */
export function objectLiteral(expr: Node | undefined, scope: Scope): t.ObjectExpression | null {
  if (!expr) return null;
  const n = unwrap(expr);
  if (n.type === 'ObjectExpression') return n;
  if (n.type === 'Identifier') {
    const owner = scope.owner(n.name);
    const bindings = owner?.bindings.get(n.name);
    if (bindings?.length === 1 && bindings[0]!.path.length === 0) {
      const init = unwrap(bindings[0]!.expr);
      if (init.type === 'ObjectExpression') return init;
    }
  }
  return null;
}

function property(obj: t.ObjectExpression, key: string): Node | null {
  for (const p of obj.properties) {
    if (p.type === 'ObjectProperty' && keyName(p) === key) return p.value as Node;
    if (p.type === 'ObjectProperty' && p.shorthand && keyName(p) === key) return p.value as Node;
  }
  return null;
}

/** The body a site sends, seen through `JSON.stringify(...)` (node:http handlers serialise by hand). */
export function sentBody(site: Site): Node | undefined {
  const body = site.raw.body[0];
  if (!body) return undefined;
  const n = unwrap(body);
  if (isCall(n) && dottedName(n.callee as Node) === 'JSON.stringify' && n.arguments[0]) return n.arguments[0] as Node;
  return body;
}

/** The text the author wrote as the response's message, from a string body or a message-like key. */
export function messageText(site: Site): string | null {
  const body = sentBody(site);
  if (!body) return null;
  const direct = literalText(body);
  if (direct) return direct;
  const obj = objectLiteral(body, site.scope);
  if (!obj) return null;
  for (const key of MESSAGE_KEYS) {
    const value = property(obj, key);
    if (!value) continue;
    const text = literalText(value);
    if (text) return text;
    const inner = objectLiteral(value, site.scope);
    if (inner) for (const k of MESSAGE_KEYS) {
      const v = property(inner, k);
      const tx = v ? literalText(v) : null;
      if (tx) return tx;
    }
  }
  return null;
}

function isEmptyValue(n: Node): boolean {
  const v = unwrap(n);
  if (v.type === 'NullLiteral' || (v.type === 'Identifier' && v.name === 'undefined')) return true;
  if (v.type === 'BooleanLiteral' && !v.value) return true;
  if (v.type === 'ArrayExpression' && v.elements.length === 0) return true;
  if (v.type === 'StringLiteral' && v.value === '') return true;
  if (v.type === 'ObjectExpression' && v.properties.length === 0) return true;
  return false;
}

const FAILURE_STATUS = /^(error|fail|failed|failure|ko|nok)$/i;

/** Why a body reads as an error, or null: `success: false`, an `error` key, `status: 'error'`... */
export function errorSignal(body: Node | undefined, scope: Scope): string | null {
  const obj = objectLiteral(body, scope);
  if (obj) {
    for (const key of ['error', 'err', 'errors', 'errorMessage', 'error_message']) {
      const v = property(obj, key);
      if (v && !isEmptyValue(v)) return `\`${key}\``;
    }
    for (const key of ['success', 'ok']) {
      const v = property(obj, key);
      if (v && unwrap(v).type === 'BooleanLiteral' && !(unwrap(v) as t.BooleanLiteral).value) return `\`${key}: false\``;
    }
    for (const key of ['status', 'result', 'state']) {
      const v = property(obj, key);
      const s = v ? literalText(v) : null;
      if (s && FAILURE_STATUS.test(s)) return `\`${key}: '${s}'\``;
    }
    const hasMessage = ['message', 'msg'].some((k) => property(obj, k));
    if (hasMessage) {
      for (const key of ['status', 'code', 'errcode', 'errCode', 'resultCode']) {
        const v = property(obj, key);
        const n = v ? unwrap(v) : null;
        if (!n) continue;
        if (key === 'status' && ((n.type === 'NumericLiteral' && n.value === 0) || (n.type === 'BooleanLiteral' && !n.value))) return `\`status: ${n.type === 'NumericLiteral' ? 0 : false}\` with a message`;
        if (key !== 'status' && n.type === 'NumericLiteral' && n.value !== 0 && n.value !== 200) return `\`${key}: ${n.value}\` with a message`;
      }
    }
    return null;
  }
  const text = body ? literalText(body) : null;
  if (text && FAILURE_TEXT.test(text.trim())) return 'a failure message';
  return null;
}

const FAILURE_TEXT = /^(error\b|failed\b|failure\b|fail\b|something went wrong|unable to\b|could not\b|couldn't\b|cannot\b|can't\b|oops|invalid\b|.{0,40}\bnot found\b)/i;

export const GENERIC_500 = /^(internal server error|internal error|server error|something went wrong|something broke|error|an error occurred|an error has occurred|an unexpected error occurred|unexpected error|unknown error|oops.*|failed|failure|sorry,? something went wrong|error occurred|server failure|try again later|please try again( later)?)[.!]*$/i;

const CLIENT_FAULT = /\b(not found|does not exist|doesn't exist|no such|invalid|required|missing|must be|must have|must contain|already exist(s|ing)?|already registered|already taken|already in use|duplicate|unauthori[sz]ed|forbidden|not allowed|permission denied|incorrect password|wrong password|bad request|malformed|is too (long|short))\b/i;
const SERVER_SIDE = /\b(upstream|provider|gateway|service|server|database|db|config|configuration|internal|downstream)\b/i;

export function readsAsClientFault(text: string): boolean {
  return CLIENT_FAULT.test(text) && !SERVER_SIDE.test(text);
}

export const PERMISSION_WORDS = /\b(forbidden|not allowed|permission|permissions|admins? only|administrators? only|admin access|insufficient|access denied|not authori[sz]ed to|role|roles|privileges?|not permitted|not the owner|(do not|don't) have access|requires? admin)\b/i;
export const AUTHN_WORDS = /\b(no token|missing token|token (is )?(missing|required|expired|invalid|not provided)|(invalid|expired|bad|malformed) (access |auth |jwt )?token|jwt|not logged in|log ?in required|please log ?in|unauthenticated|not authenticated|authentication (is )?required|no (auth|authorization) header|missing (auth|authorization)|session (has )?expired|no session|credentials)\b/i;

export const UNKNOWN_ACCOUNT = /\b((user|account|email|e-mail|username|login|admin|customer|member|employee|student|phone number)\b.{0,30}\b(not found|does not exist|doesn't exist|not registered|not exist|unknown|no such|not recogni[sz]ed)|no (such )?(user|account)\b|unknown (user|email|account|username)|(no|not an?) (registered )?(user|account) (found )?with (that|this) (email|username))/i;
export const WRONG_SECRET = /\b((wrong|incorrect|invalid|bad) password|password (is )?(wrong|incorrect|invalid)|password(s)? (does not|doesn't|do not|don't) match)\b/i;

/** The test of the `if` whose consequent holds `node` (nearest one, within its function). */
export function guardingTests(node: Node): Node[] {
  const tests: Node[] = [];
  let child: Node = node;
  for (let p = parentOf(node); p; child = p, p = parentOf(p)) {
    if (p.type === 'IfStatement' && child === p.consequent) tests.push(p.test as Node);
    if (p.type === 'ConditionalExpression' && child === p.consequent) tests.push(p.test as Node);
    if (p.type === 'FunctionDeclaration' || p.type === 'FunctionExpression' || p.type === 'ArrowFunctionExpression' || p.type === 'ClassMethod' || p.type === 'ObjectMethod') break;
  }
  return tests;
}


/** What a negated test checks for: `!user`, `user == null`, `!req.body.email`. */
export function missingChecks(test: Node): Node[] {
  const n = unwrap(test);
  if (n.type === 'UnaryExpression' && n.operator === '!') return [unwrap(n.argument as Node)];
  if (n.type === 'LogicalExpression' && n.operator === '||') return [...missingChecks(n.left as Node), ...missingChecks(n.right)];
  if (n.type === 'BinaryExpression' && ['==', '===', '!=', '!=='].includes(n.operator) && !n.operator.startsWith('!')) {
    const r = unwrap(n.right);
    if (r.type === 'NullLiteral' || (r.type === 'Identifier' && r.name === 'undefined')) return [unwrap(n.left as Node)];
  }
  return [];
}

const LOOKUP_METHOD = /^(find|findOne|findById|findByPk|findUnique|findFirst|findOneBy|findBy|get|getById|getOne|fetch|load|first|lookup|byId|retrieve|select|query)/i;

/** Whether a name was set from a lookup (`await User.findById(id)`), possibly through `rows[0]`. */
export function isLookupResult(expr: Node, scope: Scope): boolean {
  const n = unwrap(expr);
  if (n.type !== 'Identifier') return false;
  const owner = scope.owner(n.name);
  for (const b of owner?.bindings.get(n.name) ?? []) {
    let e = unwrap(b.expr);
    while (isMember(e)) e = unwrap(e.object as Node);
    if (isCall(e)) {
      let callee = unwrap(e.callee as Node);
      // User.findOne(...).lean() / .exec()
      while (isCall(callee) || (isMember(callee) && ['exec', 'lean', 'populate', 'select', 'then'].includes(propertyName(callee) ?? ''))) {
        callee = unwrap((isCall(callee) ? callee.callee : (callee as t.MemberExpression).object) as Node);
      }
      const name = isMember(callee) ? propertyName(callee) : callee.type === 'Identifier' ? callee.name : null;
      if (name && LOOKUP_METHOD.test(name)) return true;
    }
  }
  return false;
}

/** Whether an expression reads the request's input (`req.body.email`, or a name destructured from it). */
export function isRequestInput(expr: Node, scope: Scope): boolean {
  const name = dottedName(expr);
  if (name && /^(req|request)\.(body|params|query|headers|files?)\b/.test(name)) return true;
  const n = unwrap(expr);
  if (n.type === 'Identifier') {
    const owner = scope.owner(n.name);
    return !!owner?.bindings.get(n.name)?.some((b) => /^(req|request)\.(body|params|query)$/.test(dottedName(b.expr) ?? ''));
  }
  return false;
}

/** Text of a test for keyword checks (identifiers, members and string literals in it). */
export function testText(test: Node): string {
  const parts: string[] = [];
  walk(test, (n) => {
    if (n.type === 'Identifier') parts.push(n.name);
    if (n.type === 'StringLiteral') parts.push(n.value);
    return true;
  });
  return parts.join(' ');
}

