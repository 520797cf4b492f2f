import { isMember, parentOf, propertyName, unwrap, walk, type Node } from '../core/ast';
import { isStatementSite, type Site } from '../core/site';
import type { FixPlan } from '../core/types';

const CLASS_BY_STATUS: Record<number, string> = {
  400: 'BadRequestError',
  401: 'UnauthenticatedError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  409: 'ConflictError',
  422: 'BadRequestError',
  429: 'RateLimitedError',
  500: 'InternalError',
  502: 'UpstreamError',
  503: 'ServiceUnavailableError',
  504: 'UpstreamTimeoutError',
};

export function classForStatus(status: number): string | null {
  return CLASS_BY_STATUS[status] ?? (status >= 500 ? 'InternalError' : status >= 400 ? 'BadRequestError' : null);
}

/** The error class a message written for the client calls for. */
export function classForMessage(text: string): string {
  if (/\bnot found\b|does(n't| not) exist|no such/i.test(text)) return 'NotFoundError';
  if (/\b(already exists?|already (registered|taken|in use)|duplicate|conflict)\b/i.test(text)) return 'ConflictError';
  if (/\b(forbidden|permission|not allowed|access denied|admins? only|insufficient)\b/i.test(text)) return 'ForbiddenError';
  if (/\b(unauthori[sz]ed|unauthenticated|token|log ?in|credentials|password)\b/i.test(text)) return 'UnauthenticatedError';
  if (/\b(too many|rate limit)\b/i.test(text)) return 'RateLimitedError';
  return 'BadRequestError';
}

/** A site the transforms can rewrite: a whole statement that sends a complete response. */
export function rewritable(site: Site): boolean {
  // a route passed to some wrapper: whether it may throw, or gets a `next`, is the wrapper's business
  if (site.handler?.role?.fromTypes && site.handler.role.kind === 'route') return false;
  return isStatementSite(site) && !site.raw.partial && !site.raw.headerOnly;
}

/** Hand the caught error on, wrapped in `errorClass` with the error as `cause` (and the author's vetted message). */
export function wrapCause(site: Site, errorClass: string, service?: string, message?: string | null): FixPlan | undefined {
  if (!rewritable(site) || !site.errorContext?.name) return undefined;
  return viaHelper(site, { kind: 'wrap-cause', errorClass, cause: site.errorContext.name, ...(message ? { message } : {}), ...(service ? { service } : {}) });
}

/** A call handing the response to an imported helper names the response for the rewrite: it is not the callee. */
function viaHelper(site: Site, plan: FixPlan): FixPlan {
  return site.raw.helperCall ? { ...plan, response: site.raw.response } : plan;
}

/** Hand the caught error on unchanged: the response took its status from the error itself (`err.status || 500`). */
export function forward(site: Site): FixPlan | undefined {
  if (!rewritable(site) || !site.errorContext?.name) return undefined;
  return viaHelper(site, { kind: 'forward', errorClass: 'HttpError', cause: site.errorContext.name });
}

/** Drop a header-only statement whose value leaks; the response that follows is left to its own findings. */
export function removeStatement(site: Site): FixPlan | undefined {
  if (!site.raw.headerOnly || parentOf(site.raw.node)?.type !== 'ExpressionStatement') return undefined;
  return { kind: 'remove', errorClass: 'HttpError' };
}

/** Whether the status a site sends is read off the caught error (`res.status(err.status || 500)`). */
export function statusFromError(site: Site): boolean {
  const status = site.raw.status;
  const name = site.errorContext?.name;
  if (!status || typeof status === 'number' || !name) return false;
  let found = false;
  walk(status, (n) => {
    if (found) return false;
    if (isMember(n) && unwrap(n.object as Node).type === 'Identifier' && (unwrap(n.object as Node) as { name: string }).name === name &&
      /^(status|statusCode|httpStatus|code)$/.test(propertyName(n) ?? '')) found = true;
    return true;
  });
  return found;
}

/** Replace the response with a typed error carrying the author's vetted message. */
export function replaceWith(site: Site, errorClass: string, message?: string | null): FixPlan | undefined {
  if (!rewritable(site)) return undefined;
  const plan: FixPlan = { kind: 'replace', errorClass, ...(message ? { message } : {}) };
  if (site.errorContext?.name) plan.cause = site.errorContext.name;
  return viaHelper(site, plan);
}
