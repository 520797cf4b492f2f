import { exceptionFacts } from '../core/taint-facts';
import { developmentOnly, helperRelated, helperSuffix, joinPhrases, leakPlan } from './leaks';
import type { Rule } from './types';

export const leakedException: Rule = {
  meta: {
    id: 'leaked-exception',
    defaultSeverity: 'error',
    description: 'Exception details (message, stack, the error object or its string forms) reach a response body or header.',
    rationale:
      'Error messages and stacks describe the server: file paths, library versions, SQL, internal host names, sometimes secrets. ' +
      'Clients should get a vetted message and a request id; the details belong in the server log. Hand the error to the error handler instead.',
    bad: "catch (err) {\n  res.status(500).json({ error: err.message });\n}",
    good: "catch (err) {\n  next(new InternalError('Could not load the order', { cause: err }));\n}",
    tags: ['security', 'external/cwe/cwe-209', 'external/cwe/cwe-497'],
    cwe: ['CWE-209', 'CWE-497'],
  },
  checkSite(site, ctx) {
    if (developmentOnly(site)) return [];
    const body = exceptionFacts(site.bodyTaint);
    const headers = exceptionFacts(site.headerTaint);
    if (!body.length && !headers.length) return [];
    const where = body.length ? 'sent to the client' : 'sent to the client in a response header';
    const facts = body.length ? [...body, ...headers] : headers;
    const verb = new Set(facts.map((f) => f.text)).size > 1 ? 'are' : 'is';
    return [
      {
        site,
        message: `${joinPhrases(facts)} ${verb} ${where}${site.raw.note ? ` ${site.raw.note}` : ''}${helperSuffix(site)}`,
        fix: leakPlan(site, false, ctx.file),
        related: helperRelated(site),
      },
    ];
  },
};
