import type * as t from '@babel/types';
import { dottedName, literalText, unwrap, type Node } from '../core/ast';
import type { Site } from '../core/site';
import { classForMessage, replaceWith } from './fix-plans';
import { exactStatus, sendsResponse } from './status';
import type { Rule } from './types';
import { guardingTests, isLookupResult, isRequestInput, messageText, missingChecks, readsAsClientFault } from './wording';

const CLIENT_ERROR_NAMES = /^(ValidationError|CastError|ZodError|ValidateError|SequelizeValidationError|SequelizeUniqueConstraintError|UniqueConstraintError|BadRequestError|NotFoundError|EntityNotFound(Error)?|JsonWebTokenError|TokenExpiredError|SyntaxError|MulterError)$/;
const CLIENT_ERROR_CODES = new Set(['11000', 'ER_DUP_ENTRY', '23505', '23503', '22P02', 'P2002', 'P2025', 'SQLITE_CONSTRAINT', 'LIMIT_FILE_SIZE', 'ObjectId']);

/** A test that checks for a client-error class: `err.name === 'ValidationError'`, `err.code === 11000`, `instanceof`. */
function clientErrorTest(test: Node): string | null {
  const n = unwrap(test);
  if (n.type === 'LogicalExpression') return clientErrorTest(n.left as Node) ?? clientErrorTest(n.right);
  if (n.type !== 'BinaryExpression') return null;
  if (n.operator === 'instanceof') {
    const name = dottedName(n.right);
    const last = name?.split('.').pop();
    return last && CLIENT_ERROR_NAMES.test(last) ? last : null;
  }
  if (!['==', '==='].includes(n.operator)) return null;
  const sides = [n.left as Node, n.right];
  for (const [a, b] of [sides, [...sides].reverse()] as [Node, Node][]) {
    const prop = dottedName(a)?.split('.').pop();
    const v = unwrap(b);
    const value = v.type === 'NumericLiteral' ? String(v.value) : literalText(v);
    if (!prop || value === null) continue;
    if (prop === 'name' && CLIENT_ERROR_NAMES.test(value)) return value;
    if ((prop === 'code' || prop === 'kind' || prop === 'errno') && CLIENT_ERROR_CODES.has(value)) return `code ${value}`;
  }
  return null;
}

function branchReason(site: Site): { reason: string; errorClass: string } | null {
  for (const test of guardingTests(site.raw.node)) {
    const cls = clientErrorTest(test);
    if (cls) return { reason: `the branch handles ${cls}`, errorClass: /Unique|11000|DUP|23505|P2002/i.test(cls) ? 'ConflictError' : /NotFound|P2025/.test(cls) ? 'NotFoundError' : 'BadRequestError' };
    for (const checked of missingChecks(test)) {
      if (isRequestInput(checked, site.scope)) return { reason: `the branch handles missing request input (${dottedName(checked) ?? 'input'})`, errorClass: 'BadRequestError' };
      if (isLookupResult(checked, site.scope)) return { reason: `the branch handles a lookup that found nothing (${(checked as t.Identifier).name})`, errorClass: 'NotFoundError' };
    }
  }
  return null;
}

export const clientErrorAs500: Rule = {
  meta: {
    id: 'client-error-as-500',
    defaultSeverity: 'warning',
    description: 'A 500 sent for a client error (validation, not found, bad credentials).',
    rationale:
      "A 500 says the server is broken: it pages the on-call, trips alerts and invites retries, while the client is not told that " +
      'its own request was wrong. Validation failures are 400, missing resources 404, conflicts 409, bad credentials 401.',
    bad: "if (!user) {\n  return res.status(500).json({ error: 'User not found' });\n}",
    good: "if (!user) {\n  throw new NotFoundError('User not found');\n}",
    tags: ['correctness', 'http'],
    cwe: [],
  },
  checkSite(site) {
    if (!sendsResponse(site) || exactStatus(site) !== 500) return [];
    const text = messageText(site);
    if (text && readsAsClientFault(text)) {
      return [{ site, message: `500 sent for a client error ("${text}")`, fix: replaceWith(site, classForMessage(text), text) }];
    }
    const branch = branchReason(site);
    if (!branch) return [];
    return [{ site, message: `500 sent for a client error: ${branch.reason}`, fix: replaceWith(site, text ? classForMessage(text) : branch.errorClass, text) }];
  },
};
