import { replaceWith, wrapCause } from './fix-plans';
import { helperSuffix } from './leaks';
import { exactStatus, sendsResponse } from './status';
import type { Rule } from './types';
import { GENERIC_500, messageText, objectLiteral, sentBody } from './wording';
import { unwrap } from '../core/ast';

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
  checkSite(site) {
    if (!sendsResponse(site) || exactStatus(site) !== 500) return [];
    if (site.handler?.role?.kind === 'error-middleware' && !site.helper) return [];
    const body = sentBody(site);
    let emptiness: string | null = null;
    if (site.raw.bodyless || !body) emptiness = 'no body';
    else {
      const n = unwrap(body);
      const obj = objectLiteral(n, site.scope);
      const text = messageText(site);
      if (obj && obj.properties.length === 0) emptiness = 'an empty body';
      else if (n.type === 'StringLiteral' && n.value.trim() === '') emptiness = 'an empty body';
      else if (text !== null && GENERIC_500.test(text.trim()) && (!obj || obj.properties.length <= 2)) emptiness = `only "${text}"`;
    }
    if (!emptiness) return [];
    const fix = site.errorContext?.name ? wrapCause(site, 'InternalError') : replaceWith(site, 'InternalError');
    return [{ site, message: `500 sent with ${emptiness}; hand the error to the error handler instead${helperSuffix(site)}`, fix }];
  },
};
