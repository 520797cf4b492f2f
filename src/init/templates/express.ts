// Express 4 and 5. Register after all routes:
//   app.use(notFoundHandler());
//   app.use(errorHandler());
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { NotFoundError } from './errors';
import { createErrorResponder, sendProblem, type HandlerOptions } from './handler';

/** The 4-argument error middleware: answers every error with application/problem+json. */
export function errorHandler(options: HandlerOptions = {}): ErrorRequestHandler {
  const responder = createErrorResponder(options);
  return function problemDetailsErrorHandler(error, req, res, next) {
    const request = {
      method: req.method,
      url: req.originalUrl || req.url,
      requestId: responder.requestId(req.headers),
    };
    if (res.headersSent) {
      // Too late for a new response: log it, and let Express's default handler close the connection.
      responder.abandon(error, request);
      next(error);
      return;
    }
    sendProblem(res, responder.respond(error, request));
  };
}

/** Turns requests that no route handled into a 404 problem. Register it just before errorHandler(). */
export function notFoundHandler(): RequestHandler {
  return function problemDetailsNotFound(_req, _res, next) {
    next(new NotFoundError('No route matches this request.'));
  };
}
