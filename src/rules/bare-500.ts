import { replaceWith, wrapCause } from './fix-plans';
import { helperSuffix } from './leaks';
import { exactStatus, sendsResponse } from './status';
import type { Rule } from './types';
import { GENERIC_500, messageText, objectLiteral, sentBody } from './wording';
import type * as t from '@babel/types';
import { unwrap, type Node } from '../core/ast';
import { exceptionFacts } from '../core/taint-facts';

/** `{ success: false, message: 'Server error' }`: nothing but constants, so nothing the client can use. */
function onlyLiterals(obj: t.ObjectExpression): boolean {
  return obj.properties.every((p) => {
    if (p.type !== 'ObjectProperty') return false;
    const v = unwrap(p.value as Node);
    return v.type === 'StringLiteral' || v.type === 'NumericLiteral' || v.type === 'BooleanLiteral' || v.type === 'NullLiteral' ||
      (v.type === 'TemplateLiteral' && v.expressions.length === 0) || (v.type === 'Identifier' && v.name === 'undefined');
  });
}

export const bare500: Rule = {
  meta: {
    id: 'bare-500',
    defaultSeverity: 'warning',
    description: 'A 500 response with no useful body, sent instead of handing the error to a handler.',
    rationale:
      'A hand-written 500 with nothing in it tells the client nothing it can act on or quote to support, and the error itself ' +
      'is usually swallowed: no log entry, no request id. Hand the error to the error handler (next(err) / throw).',
    bad: 'catch (err) {\n  res.sendStatus(500);\n}',
    good: 'catch (err) {\n  next(err);\n}',
    tags: ['correctness', 'http', 'observability'],
    cwe: [],
  },
  checkSite(site, ctx) {
    if (!sendsResponse(site) || exactStatus(site) !== 500) return [];
    if (site.handler?.role?.kind === 'error-middleware' && !site.helper) return [];
    // a helper only the error middleware calls (`sendErrorProd(err, res)`) is part of the handler
    if (site.helper?.calls.length && site.helper.calls.every((c) => c.scope.handler()?.role?.kind === 'error-middleware')) return [];
    // Raising an error hands it to the framework's handler: only a 500 raised in place of a caught error, without
    // that error as its cause, loses it.
    if (site.raw.raises && (!site.errorContext || (site.raw.cause && exceptionFacts(ctx.ev.taint(site.raw.cause, site.scope)).length))) return [];
    const body = sentBody(site);
    let emptiness: string | null = null;
    if (site.raw.bodyless || !body) emptiness = 'no body';
    else {
      const n = unwrap(body);
      const obj = objectLiteral(n, site.scope);
      const text = messageText(site);
      if (obj && obj.properties.length === 0) emptiness = 'an empty body';
      else if (n.type === 'StringLiteral' && n.value.trim() === '') emptiness = 'an empty body';
      else if (text !== null && GENERIC_500.test(text.trim()) && (!obj || onlyLiterals(obj))) emptiness = `only "${text}"`;
    }
    if (!emptiness) return [];
    const fix = site.errorContext?.name ? wrapCause(site, 'InternalError') : replaceWith(site, 'InternalError');
    return [{ site, message: `500 sent with ${emptiness}; hand the error to the error handler instead${helperSuffix(site)}`, fix }];
  },
};
