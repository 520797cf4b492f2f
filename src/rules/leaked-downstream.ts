import { downstreamFacts, exceptionFacts } from '../core/taint-facts';
import type { Site } from '../core/site';
import type { FileModel } from '../core/file-model';
import { developmentOnly, downstreamCause, helperRelated, helperSuffix, joinPhrases, leakPlan } from './leaks';
import type { Rule } from './types';

/**
 * A whole error object from a downstream call, serialised into the response: an axios error's JSON holds the request
 * URL, headers and configuration; a mysql/pg error holds the SQL text and the values that failed.
 */
function wholeDownstreamError(site: Site, file: FileModel): string | null {
  const objects = exceptionFacts(site.bodyTaint).filter((f) => f.form === 'object' || f.form === 'inspect');
  if (!objects.length) return null;
  const origin = downstreamCause(site, file)?.origin;
  if (!origin) return null;
  const what = origin === 'http' ? 'the request URL, headers and configuration of the failed HTTP call' : 'the SQL text and the values of the failed query';
  return `the error object \`${objects[0]!.text}\` of a downstream ${origin === 'http' ? 'HTTP call' : 'database query'} is sent to the client, with ${what}`;
}

export const leakedDownstream: Rule = {
  meta: {
    id: 'leaked-downstream',
    defaultSeverity: 'error',
    description: "A downstream call's URL, parameters, status, headers or body reach a response.",
    rationale:
      'Forwarding what a backend service or database answered tells clients how the system is built (internal URLs, query ' +
      'parameters, API keys in query strings, SQL) and lets a failing dependency decide your status codes. Answer 502/504 with ' +
      'a vetted message and log the downstream details.',
    bad: 'catch (err) {\n  res.status(err.response.status).json(err.response.data);\n}',
    good: "catch (err) {\n  next(new UpstreamError('Payment provider unavailable', { service: 'payments', cause: err }));\n}",
    tags: ['security', 'external/cwe/cwe-209', 'external/cwe/cwe-200'],
    cwe: ['CWE-209', 'CWE-200'],
  },
  checkSite(site, ctx) {
    if (developmentOnly(site)) return [];
    const body = downstreamFacts(site.bodyTaint);
    const headers = downstreamFacts(site.headerTaint);
    const status = downstreamFacts(site.statusTaint);
    const whole = wholeDownstreamError(site, ctx.file);
    if (!body.length && !headers.length && !status.length && !whole) return [];
    const parts: string[] = [];
    if (whole) parts.push(whole);
    if (body.length) parts.push(`${joinPhrases(body)} ${body.length > 1 ? 'are' : 'is'} sent to the client`);
    if (headers.length) parts.push(`${joinPhrases(headers)} ${headers.length > 1 ? 'are' : 'is'} sent in a response header`);
    if (status.length) parts.push(`${joinPhrases(status)} is used as the response status`);
    const fix = leakPlan(site, true, ctx.file);
    return [{ site, message: `${parts.join('; ')}${helperSuffix(site)}`, fix, related: helperRelated(site) }];
  },
};
