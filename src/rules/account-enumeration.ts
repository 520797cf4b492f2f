import { functionName, literalText, walk, type Node } from '../core/ast';
import { callArgumentOf } from '../frameworks/names';
import type { Site } from '../core/site';
import type { Rule } from './types';
import { UNKNOWN_ACCOUNT, WRONG_SECRET, messageText } from './wording';

const LOGIN = /log-?in|sign-?in|sign_in|authenticate|\bauth\b|session|token/i;
const RESET = /forgot|reset|recover/i;
const PASSWORD_CHECK = /compare|verifyPassword|checkPassword|validatePassword|comparePassword|isValidPassword|timingSafeEqual|verify/i;

/** What the handler is: a login or a password reset, from its route path, its name or what it calls. */
function purpose(handler: Node): 'login' | 'reset' | null {
  const names: string[] = [];
  const fnName = functionName(handler as never);
  if (fnName) names.push(fnName);
  const reg = callArgumentOf(handler);
  const path = reg ? literalText(reg.call.arguments[0] as Node) : null;
  if (path) names.push(path);
  const label = names.join(' ');
  if (RESET.test(label)) return 'reset';
  if (LOGIN.test(label)) return 'login';
  let checksPassword = false;
  walk(handler, (n) => {
    if (checksPassword) return false;
    if (n.type === 'Identifier' && PASSWORD_CHECK.test(n.name)) checksPassword = true;
    return true;
  });
  return checksPassword ? 'login' : null;
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
    const kind = purpose(handler);
    if (!kind) return [];
    const texts = sites.map((s) => ({ site: s, text: messageText(s) }));
    const unknown = texts.filter((x) => x.text && UNKNOWN_ACCOUNT.test(x.text));
    if (!unknown.length) return [];
    const others = texts.filter((x) => !unknown.includes(x) && !x.site.raw.headerOnly);
    return unknown.flatMap(({ site, text }): { site: Site; message: string; related?: { line: number; column: number; message: string }[] }[] => {
      if (kind === 'reset') return [{ site, message: `Password reset tells whether an account exists ("${text}"); answer the same either way` }];
      const differs = others.filter((o) => o.text !== text || o.site.status.values.join() !== site.status.values.join());
      const wrong = differs.find((o) => o.text && WRONG_SECRET.test(o.text)) ?? differs.find((o) => o.text !== null && !o.site.status.values.some((v) => v < 300));
      if (!wrong) return [];
      return [{
        site,
        message: `Login tells an unknown account ("${text}") from a wrong secret ("${wrong.text}", line ${wrong.site.range.line}); answer both the same way`,
        related: [{ line: wrong.site.range.line, column: wrong.site.range.column, message: 'the other answer' }],
      }];
    });
  },
};
