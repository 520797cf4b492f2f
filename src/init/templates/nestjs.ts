// NestJS. Register globally in main.ts, before app.listen():
//   app.useGlobalFilters(new ProblemDetailsFilter());
// Works on the Express and the Fastify platform.
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import {
  createErrorResponder,
  REPLACED_HEADERS,
  sendProblem,
  type ErrorResponder,
  type HandlerOptions,
  type NodeResponseLike,
} from './handler';
import type { HeadersLike } from './request-id';

interface HttpRequestLike {
  method?: string;
  url?: string;
  originalUrl?: string;
  headers?: HeadersLike;
}

// Express (Node's ServerResponse) on @nestjs/platform-express.
interface ServerResponseLike extends NodeResponseLike {
  headersSent: boolean;
  destroy(): unknown;
}

// FastifyReply on @nestjs/platform-fastify.
interface FastifyReplyLike {
  sent: boolean;
  raw: ServerResponseLike;
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  removeHeader(name: string): unknown;
  send(body: Uint8Array): unknown;
}

function isFastifyReply(value: unknown): value is FastifyReplyLike {
  const reply = value as Partial<FastifyReplyLike> | null;
  return reply !== null && typeof reply === 'object' && typeof reply.code === 'function' && typeof reply.send === 'function' && reply.raw !== undefined;
}

/** Exception filter that answers every error with application/problem+json. */
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly responder: ErrorResponder;

  constructor(options: HandlerOptions = {}) {
    this.responder = createErrorResponder(options);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const req = http.getRequest<HttpRequestLike>();
    const res = http.getResponse<unknown>();
    const request = {
      method: req.method ?? 'GET',
      url: req.originalUrl ?? req.url ?? '',
      requestId: this.responder.requestId(req.headers),
    };
    const node = isFastifyReply(res) ? res.raw : (res as ServerResponseLike);
    if ((isFastifyReply(res) && res.sent) || node.headersSent) {
      // The response has started: end the connection so that the client sees an error, not a short body.
      this.responder.abandon(exception, request);
      node.destroy();
      return;
    }
    const problem = this.responder.respond(exception, request);
    if (isFastifyReply(res)) {
      for (const name of REPLACED_HEADERS) res.removeHeader(name);
      res.code(problem.status);
      for (const [name, value] of Object.entries(problem.headers)) res.header(name, value);
      // A Buffer, so that Fastify leaves the Content-Type alone (it appends a charset to string payloads).
      res.send(Buffer.from(JSON.stringify(problem.body)));
      return;
    }
    sendProblem(node, problem);
  }
}
// The same as writing @Catch() above the class, without needing decorator support in the compiler.
Catch()(ProblemDetailsFilter);
