import { dottedName, enclosingFunction, unwrap, type Node } from '../core/ast';
import type { Scope } from '../core/scope';
import { callArgumentOf } from '../frameworks/names';
import type { Site } from '../core/site';
import { replaceWith } from './fix-plans';
import { exactStatus, sendsResponse } from './status';
import type { Rule } from './types';
import { AUTHN_WORDS, PERMISSION_WORDS, guardingTests, messageText, missingChecks, testText } from './wording';

const PERMISSION_TEST = /\b(role|roles|isAdmin|admin|permission|permissions|can|canAccess|hasRole|hasPermission|scope|scopes|isOwner|ownerId|owner)\b/i;
const PERMISSION_FLAG = /^(isAdmin|isOwner|isStaff|isSuperuser|isModerator|can[A-Z]\w*|has(Role|Permission|Access)\w*|roles?|permissions?|scopes?)$/;
const TOKEN_NAME = /^(token|accessToken|authToken|jwt|bearer|bearerToken|authHeader|authorization|apiKey|sessionId|sid)$/i;
const REQUEST_AUTH = /^(req|request|ctx)\.(user|auth|token|session|state\.(user|auth|jwt)|session\.(user|userId|passport)|auth\.(credentials|isAuthenticated)|headers\.authorization|cookies\.\w*token\w*|signedCookies\.\w+)$/i;

/** Whether a checked value is the caller's authentication: `req.user`, a token, or a name taken from them. */
function authSubject(checked: Node, scope: Scope): boolean {
  const name = dottedName(checked);
  if (!name) {
    const n = unwrap(checked);
    // !req.isAuthenticated()
    return n.type === 'CallExpression' && /isAuthenticated$/.test(dottedName(n.callee as Node) ?? '');
  }
  if (REQUEST_AUTH.test(name)) return true;
  if (!name.includes('.') && TOKEN_NAME.test(name)) return true;
  if (name.includes('.')) return false;
  // const user = req.user; if (!user) ...
  const owner = scope.owner(name);
  return !!owner?.bindings.get(name)?.some((b) => !b.path.length && REQUEST_AUTH.test(dottedName(b.expr) ?? ''));
}

/** A branch about what an authenticated caller may do: `user.role !== 'admin'`, `!req.user.isAdmin`, `!can(...)`. */
function permissionBranch(site: Site): boolean {
  return guardingTests(site.raw.node).some((test) => {
    const checks = missingChecks(test);
    if (!checks.length) return PERMISSION_TEST.test(testText(test));
    return checks.some((c) => {
      const n = unwrap(c);
      if (n.type === 'CallExpression') return PERMISSION_TEST.test(dottedName(n.callee as Node) ?? '');
      const last = dottedName(c)?.split('.').pop();
      return !!last && PERMISSION_FLAG.test(last);
    });
  });
}

/** A branch about the caller not being authenticated: `if (!req.user)`, `if (!token)`, a failed `jwt.verify`. */
function authBranch(site: Site): boolean {
  if (guardingTests(site.raw.node).some((test) => missingChecks(test).some((c) => authSubject(c, site.scope)))) return true;
  const ctx = site.errorContext;
  if (ctx?.kind !== 'callback') return false;
  const fn = enclosingFunction(ctx.node);
  const call = fn ? callArgumentOf(fn)?.call : null;
  return !!call && /(^|\.)(verify|verifyToken|verifyJwt|verifyIdToken)$/.test(dottedName(call.callee as Node) ?? '');
}

export const authStatusMismatch: Rule = {
  meta: {
    id: 'auth-status-mismatch',
    defaultSeverity: 'warning',
    description: '401 used for "authenticated but not allowed", or 403 for "not authenticated".',
    rationale:
      '401 means "who are you?": the client should (re)authenticate, and clients do exactly that, often in a loop. 403 means ' +
      '"I know who you are, and no": logging in again will not help. Mixing them up breaks token refresh and hides permission bugs.',
    bad: "if (user.role !== 'admin') {\n  return res.status(401).json({ error: 'Admins only' });\n}",
    good: "if (user.role !== 'admin') {\n  throw new ForbiddenError('Admins only');\n}",
    tags: ['correctness', 'http', 'security'],
    cwe: [],
  },
  checkSite(site) {
    if (!sendsResponse(site)) return [];
    const status = exactStatus(site);
    if (status !== 401 && status !== 403) return [];
    // The bare reason phrase ("Forbidden", "Unauthorized") says nothing beyond the status itself.
    const written = messageText(site) ?? '';
    const text = /^(forbidden|unauthori[sz]ed|access denied)[.!]?$/i.test(written.trim()) ? '' : written;
    if (status === 401) {
      const byText = !!text && PERMISSION_WORDS.test(text) && !AUTHN_WORDS.test(text);
      if (!byText && !(permissionBranch(site) && !AUTHN_WORDS.test(text))) return [];
      const why = byText ? `"${text}" is about permission` : 'the branch checks a permission';
      return [{ site, message: `401 sent where the caller is authenticated but not allowed (${why}); use 403`, fix: replaceWith(site, 'ForbiddenError', written || null) }];
    }
    const byText = !!text && AUTHN_WORDS.test(text);
    if (!byText && !(authBranch(site) && !PERMISSION_WORDS.test(text))) return [];
    const why = byText ? `"${text}" is about authentication` : 'the branch checks that the caller is authenticated';
    return [{ site, message: `403 sent where the caller is not authenticated (${why}); use 401`, fix: replaceWith(site, 'UnauthenticatedError', written || null) }];
  },
};
