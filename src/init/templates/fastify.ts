// Fastify. Register on the root instance:
//   app.setErrorHandler(errorHandler());
//   app.setNotFoundHandler(notFoundHandler());
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from './errors';
import { createErrorResponder, REPLACED_HEADERS, type HandlerOptions } from './handler';

/** For app.setErrorHandler(): answers every error with application/problem+json. */
export function errorHandler(options: HandlerOptions = {}) {
  const responder = createErrorResponder(options);
  return function problemDetailsErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const info = { method: request.method, url: request.url, requestId: responder.requestId(request.headers) };
    if (reply.sent || reply.raw.headersSent) {
      // The response has started: end the connection so that the client sees an error, not a short body.
      responder.abandon(error, info);
      if (!reply.raw.destroyed) reply.raw.destroy();
      return;
    }
    const problem = responder.respond(error, info);
    for (const name of REPLACED_HEADERS) reply.removeHeader(name);
    // A Buffer, so that Fastify leaves the Content-Type alone (it appends a charset to string payloads).
    reply.code(problem.status).headers(problem.headers).send(Buffer.from(JSON.stringify(problem.body)));
  };
}

/** For app.setNotFoundHandler(): requests that no route matched become a 404 problem, via errorHandler(). */
export function notFoundHandler() {
  return async function problemDetailsNotFound(): Promise<never> {
    throw new NotFoundError('No route matches this request.');
  };
}
