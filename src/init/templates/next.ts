// Next.js. Wrap each route handler:
//   app router (app/**/route.ts):  export const GET = withErrorHandler(async (request) => { ... });
//   pages router (pages/api/**):   export default withErrorHandler(async (req, res) => { ... });
// redirect(), notFound() and Next's other control-flow errors are rethrown untouched.
import {
  createErrorResponder,
  sendProblem,
  type ErrorResponder,
  type HandlerOptions,
  type NodeResponseLike,
} from './handler';

/** The parts of NextApiRequest used here. */
export interface PagesApiRequest {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/** The parts of NextApiResponse used here. */
export interface PagesApiResponse extends NodeResponseLike {
  headersSent: boolean;
  destroy?(): unknown;
}

const NEXT_DIGESTS = [
  'NEXT_REDIRECT',
  'NEXT_NOT_FOUND',
  'NEXT_HTTP_ERROR_FALLBACK',
  'DYNAMIC_SERVER_USAGE',
  'BAILOUT_TO_CLIENT_SIDE_RENDERING',
  'HANGING_PROMISE_REJECTION',
  'NEXT_PRERENDER_INTERRUPTED',
];
const REACT_POSTPONE = Symbol.for('react.postpone');

/** True for the errors Next.js throws to steer rendering (redirect(), notFound(), dynamic bail-outs...). */
export function isNextControlFlowError(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 5) return false;
  try {
    const { digest, $$typeof, code, cause } = error as Record<string, unknown>;
    if (typeof digest === 'string' && NEXT_DIGESTS.some((d) => digest === d || digest.startsWith(`${d};`))) return true;
    if ($$typeof === REACT_POSTPONE || code === 'NEXT_STATIC_GEN_BAILOUT') return true;
    return isNextControlFlowError(cause, depth + 1);
  } catch {
    return false;
  }
}

function isPagesResponse(value: unknown): value is PagesApiResponse {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as PagesApiResponse).setHeader === 'function' &&
    typeof (value as PagesApiResponse).end === 'function'
  );
}

function appRouterUrl(request: Request): string {
  try {
    const url = new URL(request.url);
    return url.pathname + url.search;
  } catch {
    return '';
  }
}

function answerPages(responder: ErrorResponder, error: unknown, req: PagesApiRequest, res: PagesApiResponse): void {
  const request = { method: req.method ?? 'GET', url: req.url ?? '', requestId: responder.requestId(req.headers) };
  if (res.headersSent) {
    // The response has started: end the connection so that the client sees an error, not a short body.
    responder.abandon(error, request);
    res.destroy?.();
    return;
  }
  sendProblem(res, responder.respond(error, request));
}

function answerAppRouter(responder: ErrorResponder, error: unknown, req: Request): Response {
  const request = { method: req.method, url: appRouterUrl(req), requestId: responder.requestId(req.headers) };
  const problem = responder.respond(error, request);
  return new Response(JSON.stringify(problem.body), { status: problem.status, headers: problem.headers });
}

/** Wraps an app router route handler: errors become application/problem+json responses. */
export function withErrorHandler<R extends Request, C = unknown>(
  handler: (request: R, context: C) => Response | Promise<Response>,
  options?: HandlerOptions,
): (request: R, context: C) => Promise<Response>;
/** Wraps a pages router API route: errors become application/problem+json responses. */
export function withErrorHandler<Q extends PagesApiRequest, S extends PagesApiResponse>(
  handler: (req: Q, res: S) => unknown,
  options?: HandlerOptions,
): (req: Q, res: S) => Promise<void>;
export function withErrorHandler(
  handler: (first: never, second: never) => unknown,
  options: HandlerOptions = {},
): (first: Request | PagesApiRequest, second: unknown) => Promise<unknown> {
  const responder = createErrorResponder(options);
  const call = handler as (first: unknown, second: unknown) => unknown;
  return async function withProblemDetails(first, second) {
    if (isPagesResponse(second)) {
      try {
        await call(first, second);
      } catch (error) {
        if (isNextControlFlowError(error)) throw error;
        answerPages(responder, error, first as PagesApiRequest, second);
      }
      return;
    }
    try {
      return await call(first, second);
    } catch (error) {
      if (isNextControlFlowError(error)) throw error;
      return answerAppRouter(responder, error, first as Request);
    }
  };
}
