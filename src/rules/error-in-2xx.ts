import { exceptionFacts } from '../core/taint-facts';
import { classForMessage, replaceWith, wrapCause } from './fix-plans';
import { helperSuffix } from './leaks';
import { isSuccessStatus, sendsResponse, statusWords } from './status';
import type { Rule } from './types';
import type { Site } from '../core/site';
import { errorSignal, messageText, readsAsClientFault, sentBody } from './wording';

/** Through an imported helper that takes its status from the caller: what its own body template says. */
function helperSignal(site: Site): string | null {
  const sends = site.raw.helperCall?.summary.sends;
  return sends?.status.param !== undefined ? (sends.errorSignal ?? null) : null;
}

export const errorIn2xx: Rule = {
  meta: {
    id: 'error-in-2xx',
    defaultSeverity: 'warning',
    description: 'A 2xx response (explicit or implicit) whose body signals an error.',
    rationale:
      'Clients, caches, monitoring and retries read the status code, not the body. An error sent with 200 is cached, counted as ' +
      'a success and never retried; every client has to parse the body to find out it failed. Send the 4xx/5xx the error calls for.',
    bad: "if (!user) {\n  return res.json({ success: false, message: 'User not found' });\n}",
    good: "if (!user) {\n  throw new NotFoundError('User not found');\n}",
    tags: ['correctness', 'http'],
    cwe: [],
  },
  checkSite(site) {
    if (!sendsResponse(site) || site.raw.bodyless || !isSuccessStatus(site)) return [];
    const body = sentBody(site);
    let signal = errorSignal(body, site.scope) ?? helperSignal(site);
    const fromError = site.errorContext && exceptionFacts(site.bodyTaint).length > 0;
    if (!signal && fromError) signal = 'the caught error';
    if (!signal) return [];
    const text = messageText(site);
    // In a catch, a failure is the server's unless the message says the client is at fault.
    const fix = site.errorContext
      ? text && readsAsClientFault(text)
        ? replaceWith(site, classForMessage(text), text)
        : wrapCause(site, 'InternalError', undefined, fromError ? null : text)
      : text
        ? replaceWith(site, classForMessage(text), text)
        : undefined;
    return [{ site, message: `Error response sent with ${statusWords(site)}: the body has ${signal}${helperSuffix(site)}`, fix }];
  },
};
