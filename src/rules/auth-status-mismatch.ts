import { dottedName, unwrap, type Node } from '../core/ast';
import type { Site } from '../core/site';
import { replaceWith } from './fix-plans';
import { exactStatus, sendsResponse } from './status';
import type { Rule } from './types';
import { AUTHN_WORDS, PERMISSION_WORDS, guardingTests, messageText, missingChecks, testText } from './wording';

const PERMISSION_TEST = /\b(role|roles|isAdmin|admin|permission|permissions|can|canAccess|hasRole|hasPermission|scope|scopes|owner|ownerId|isOwner)\b/i;
const AUTH_SUBJECT = /^(token|accessToken|authToken|jwt|bearer|authHeader|authorization|auth|user|currentUser|session|userId|apiKey)$/i;

function authSubject(checked: Node): boolean {
  const name = dottedName(checked);
  if (!name) {
    const n = unwrap(checked);
    // !req.isAuthenticated()
    return n.type === 'CallExpression' && /isAuthenticated$/.test(dottedName(n.callee as Node) ?? '');
  }
  if (/^(req|request)\.(user|session\.user|session\.userId|headers\.authorization|auth|token)$/.test(name)) return true;
  const last = name.split('.').pop()!;
  return AUTH_SUBJECT.test(last) && !/^(req|request)\.(body|params|query)/.test(name);
}

function permissionBranch(site: Site): boolean {
  return guardingTests(site.raw.node).some((test) => missingChecks(test).length === 0 ? PERMISSION_TEST.test(testText(test)) : missingChecks(test).some((c) => PERMISSION_TEST.test(testText(c)) && !authSubject(c)));
}

function authBranch(site: Site): boolean {
  return guardingTests(site.raw.node).some((test) => missingChecks(test).some(authSubject));
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
