// Koa. Register first, before any other middleware:
//   app.use(errorMiddleware());
import type { Middleware } from 'koa';
import { HttpError } from './errors';
import {
  createErrorResponder,
  REPLACED_HEADERS,
  sendProblem,
  type ErrorResponder,
  type HandlerOptions,
  type RequestInfo,
} from './handler';

/**
 * Catches everything thrown downstream and answers with application/problem+json, sets the request id header
 * on every response, and turns an error status left without a body (Koa's default 404) into a problem.
 */
export function errorMiddleware(options: HandlerOptions = {}): Middleware {
  const responder: ErrorResponder = createErrorResponder(options);

  return async function problemDetails(ctx, next) {
    const request: RequestInfo = {
      method: ctx.method,
      url: ctx.originalUrl,
      requestId: responder.requestId(ctx.headers),
    };
    ctx.state['requestId'] = request.requestId;
    ctx.set(responder.requestIdHeader, request.requestId);

    // Once the response has started it can only be logged, and the connection ended so that the client sees
    // an error rather than a short body.
    const abandoned = (error: unknown): boolean => {
      if (!ctx.headerSent && ctx.writable) return false;
      responder.abandon(error, request);
      if (!ctx.res.destroyed) ctx.res.destroy();
      return true;
    };

    // Errors Koa routes to ctx.onerror without this middleware seeing them (a body stream that fails):
    // Koa's own onerror would clear every header, the request id included, and answer in text/plain.
    ctx.onerror = (error: unknown): void => {
      if (error === null || error === undefined || abandoned(error)) return;
      sendProblem(ctx.res, responder.respond(error, request), ctx.res.getHeaderNames());
    };

    try {
      await next();
      if (ctx.status >= 400 && ctx.body == null && !ctx.headerSent && ctx.respond !== false) {
        throw new HttpError(ctx.status);
      }
    } catch (error) {
      if (abandoned(error)) return;
      const problem = responder.respond(error, request);
      for (const name of REPLACED_HEADERS) ctx.remove(name);
      ctx.status = problem.status;
      ctx.set(problem.headers);
      ctx.body = JSON.stringify(problem.body);
    }
  };
}
