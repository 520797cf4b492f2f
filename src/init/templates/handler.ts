// What every framework adapter shares: options, the request id, toProblem() and one log entry per error.
import { toProblem, type Problem } from './problem';
import { createRedactor, describeError, type ErrorDescription } from './redact';
import { DEFAULT_REQUEST_ID_HEADER, isHeaderName, readHeader, resolveRequestId, type HeadersLike } from './request-id';

/** Console, pino, winston, bunyan...: anything with error(obj, msg); warn/info are used for 4xx when present. */
export interface Logger {
  error(obj: object, msg?: string): void;
  warn?(obj: object, msg?: string): void;
  info?(obj: object, msg?: string): void;
}

export interface HandlerOptions {
  /** Where the one entry per error goes. Default: JSON lines on the console. */
  logger?: Logger;
  /** Put messages, stacks and causes in responses. Default false, whatever NODE_ENV says. */
  debug?: boolean;
  /** Header that carries the request id in and out. Default X-Request-Id. */
  requestIdHeader?: string;
  /** Keys whose values are replaced by [REDACTED] in the log (headers, params, error properties). */
  redact?: string[];
}

export interface RequestInfo {
  method: string;
  /** Path and query string as received; redacted before it is logged. */
  url: string;
  requestId: string;
}

/** The log entry: one per error. */
export interface ErrorLogEntry {
  requestId: string;
  method: string;
  path: string;
  status: number;
  code: string;
  error: ErrorDescription;
  /** Set when the response had already started and could not be replaced. */
  responseStarted?: boolean;
}

export interface ErrorResponder {
  readonly requestIdHeader: string;
  /** The request id for a request, from its headers (Node object or Web Headers). */
  requestId(headers: HeadersLike | undefined): string;
  /** The problem+json response for `error`; logs it. */
  respond(error: unknown, request: RequestInfo): Problem;
  /** Logs an error that came after the response started: it can no longer be answered. */
  abandon(error: unknown, request: RequestInfo): void;
}

/** Headers describing a body that the error response replaces. */
export const REPLACED_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-range',
  'content-disposition',
  'content-location',
  'etag',
  'last-modified',
];

/** The parts of Node's ServerResponse (Express's res, NextApiResponse, ...) used to send a problem. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  removeHeader(name: string): void;
  end(body?: string): unknown;
}

/** Sends a problem on a Node response, first removing `clear` (by default the headers of the replaced body). */
export function sendProblem(res: NodeResponseLike, problem: Problem, clear: readonly string[] = REPLACED_HEADERS): void {
  for (const name of clear) res.removeHeader(name);
  res.statusCode = problem.status;
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res.end(JSON.stringify(problem.body));
}

function consoleLine(level: string, obj: object, msg?: string): string {
  try {
    return JSON.stringify({ level, time: new Date().toISOString(), msg, ...obj });
  } catch {
    return JSON.stringify({ level, msg });
  }
}

/** The default logger: one JSON line per entry on stderr (errors, warnings) or stdout (info). */
export const consoleLogger: Logger = {
  error: (obj, msg) => console.error(consoleLine('error', obj, msg)),
  warn: (obj, msg) => console.warn(consoleLine('warn', obj, msg)),
  info: (obj, msg) => console.info(consoleLine('info', obj, msg)),
};

function write(logger: Logger, status: number, entry: ErrorLogEntry, msg: string): void {
  try {
    if (status >= 500) logger.error(entry, msg);
    else if (status === 401 || status === 403 || status === 429) {
      if (logger.warn) logger.warn(entry, msg);
      else if (logger.info) logger.info(entry, msg);
      else logger.error(entry, msg);
    } else if (logger.info) logger.info(entry, msg);
    else if (logger.warn) logger.warn(entry, msg);
    else logger.error(entry, msg);
  } catch {
    // A failing logger must not turn an error response into a crash.
  }
}

export function createErrorResponder(options: HandlerOptions = {}): ErrorResponder {
  const requestIdHeader = options.requestIdHeader ?? DEFAULT_REQUEST_ID_HEADER;
  if (!isHeaderName(requestIdHeader)) throw new TypeError(`requestIdHeader is not a valid header name: ${requestIdHeader}`);
  const logger = options.logger ?? consoleLogger;
  const redactor = createRedactor(options.redact ?? []);
  const debug = options.debug === true;

  const log = (error: unknown, request: RequestInfo, problem: Problem, responseStarted: boolean): void => {
    let path = '';
    try {
      path = redactor.text(String(request.url));
    } catch {
      path = '';
    }
    const entry: ErrorLogEntry = {
      requestId: problem.body.requestId,
      method: String(request.method),
      path,
      status: problem.status,
      code: problem.body.code,
      error: describeError(error, redactor),
    };
    if (responseStarted) entry.responseStarted = true;
    write(logger, problem.status, entry, `${entry.method} ${path} failed with ${problem.status} ${problem.body.code}`);
  };

  return {
    requestIdHeader,
    requestId: (headers) => resolveRequestId(readHeader(headers, requestIdHeader)),
    respond(error, request) {
      const problem = toProblem(error, {
        requestId: request.requestId,
        debug,
        requestIdHeader,
        redact: options.redact ?? [],
      });
      log(error, request, problem, false);
      return problem;
    },
    abandon(error, request) {
      log(error, request, toProblem(error, { requestId: request.requestId, requestIdHeader }), true);
    },
  };
}
