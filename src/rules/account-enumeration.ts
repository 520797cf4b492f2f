import { dottedName, functionName, isCall, literalText, walk, type Node } from '../core/ast';
import { callArgumentOf } from '../frameworks/names';
import type { Site } from '../core/site';
import type { Rule } from './types';
import { UNKNOWN_ACCOUNT, WRONG_SECRET, guardingTests, messageText, missingChecks } from './wording';

const LOGIN = /log-?in|sign-?in|sign_in|create-?session|\/sessions?\b|\/auth\/token\b/i;
const RESET = /forgot|reset|recover/i;
// a user's secret; `SECRET` / `JWT_SECRET` name the server's signing key, not what a login checks
const SECRET_WORDS = /pass(word|wd|phrase)?|pwd|\bpin\b/i;
const TOKEN_CHECK = /jwt|jsonwebtoken|token/i;
const CHECK_CALL = /compare|verify|check|validate|match|timingSafeEqual/i;
const OTHER_ANSWER = /\b(credentials|password)\b/i;
const INPUT_CHECK = /\b(required|missing|enter|provide|fill)\b/i;

function mentionsSecret(node: Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if ((n.type === 'Identifier' && SECRET_WORDS.test(n.name)) || (n.type === 'StringLiteral' && SECRET_WORDS.test(n.value))) found = true;
    return true;
  });
  return found;
}

/** A call that checks a secret (`bcrypt.compare(password, user.hash)`) or a comparison with a password field. */
function checksSecret(handler: Node): boolean {
  let found = false;
  walk(handler, (n) => {
    if (found) return false;
    if (isCall(n)) {
      const name = dottedName(n.callee as Node) ?? '';
      if (CHECK_CALL.test(name.split('.').pop() ?? '') && !TOKEN_CHECK.test(name) && (SECRET_WORDS.test(name) || (n.arguments as Node[]).some(mentionsSecret))) found = true;
    } else if (n.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(n.operator)) {
      if (mentionsSecret(n.left as Node) && mentionsSecret(n.right)) found = true;
    }
    return true;
  });
  return found;
}

const CALLER_IDENTITY = /^(req|request|ctx)\.(user|session|auth|state\.user)\b/;

/**
 * Whether an unknown-account answer is about the caller's own account (`Account.findById(req.user.id)` in a profile
 * update): the caller is already authenticated, so it reveals nothing about other accounts.
 */
function aboutCallersOwnAccount(site: Site): boolean {
  return guardingTests(site.raw.node).some((test) =>
    missingChecks(test).some((checked) => {
      if (checked.type !== 'Identifier') return false;
      const bindings = site.scope.owner(checked.name)?.bindings.get(checked.name) ?? [];
      return bindings.some((b) => {
        let found = false;
        walk(b.expr, (n) => {
          if (!found && (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && CALLER_IDENTITY.test(dottedName(n) ?? '')) found = true;
          return !found;
        });
        return found;
      });
    }),
  );
}

/** What the handler is: a login or a password reset, from its route path or name, or from checking a password. */
function purpose(handler: Node): 'login' | 'reset' | null {
  const names: string[] = [];
  const fnName = functionName(handler as never);
  if (fnName) names.push(fnName);
  const reg = callArgumentOf(handler);
  const path = reg ? literalText(reg.call.arguments[0] as Node) : null;
  if (path) names.push(path);
  const label = names.join(' ');
  if (RESET.test(label)) return 'reset';
  if (LOGIN.test(label) || checksSecret(handler)) return 'login';
  return null;
}

export const accountEnumeration: Rule = {
  meta: {
    id: 'account-enumeration',
    defaultSeverity: 'warning',
    description: 'Login or reset responses that tell an unknown account from a wrong secret.',
    rationale:
      'When a login answers "user not found" for one email and "wrong password" for another, anyone can find out which ' +
      'accounts exist and then target them (credential stuffing, phishing). Answer both with the same status and message; ' +
      'a reset request should answer the same whether or not the account exists.',
    bad: "if (!user) return res.status(404).json({ error: 'User not found' });\nif (!ok) return res.status(401).json({ error: 'Wrong password' });",
    good: "if (!user || !ok) throw new UnauthenticatedError('Invalid email or password');",
    tags: ['security', 'external/cwe/cwe-204'],
    cwe: ['CWE-204'],
  },
  checkHandler(sites) {
    const handler = sites[0]?.handler?.node;
    if (!handler) return [];
    const texts = sites.map((s) => ({ site: s, text: messageText(s) }));
    const unknown = texts.filter((x) => x.text && UNKNOWN_ACCOUNT.test(x.text) && !aboutCallersOwnAccount(x.site));
    if (!unknown.length) return [];
    const kind = purpose(handler);
    if (!kind) return [];
    const others = texts.filter((x) => !unknown.includes(x) && !x.site.raw.headerOnly);
    return unknown.flatMap(({ site, text }): { site: Site; message: string; related?: { line: number; column: number; message: string }[] }[] => {
      if (kind === 'reset') return [{ site, message: `Password reset tells whether an account exists ("${text}"); answer the same either way` }];
      const differs = others.filter((o) => o.text !== text || o.site.status.values.join() !== site.status.values.join());
      // the answer for a wrong secret: says so, or speaks of credentials/passwords, or is the 401 of the check
      const wrong =
        differs.find((o) => o.text && WRONG_SECRET.test(o.text)) ??
        differs.find((o) => o.text && OTHER_ANSWER.test(o.text) && !INPUT_CHECK.test(o.text)) ??
        differs.find((o) => o.text !== null && !INPUT_CHECK.test(o.text) && o.site.status.values.length === 1 && o.site.status.values[0] === 401 && !o.site.status.dynamic);
      if (!wrong) return [];
      return [{
        site,
        message: `Login tells an unknown account ("${text}") from a wrong secret ("${wrong.text}", line ${wrong.site.range.line}); answer both the same way`,
        related: [{ line: wrong.site.range.line, column: wrong.site.range.column, message: 'the other answer' }],
      }];
    });
  },
};
