// toProblem(): the one pure function every adapter uses to turn any thrown value into an
// application/problem+json response (RFC 9457). It never throws and never puts a 5xx message,
// a stack, a cause or downstream details into the response unless `debug` is true.
import { isHttpError, ValidationError, type FieldError } from './errors';
import { createRedactor, describeError, isErrorLike, read, type ErrorDescription } from './redact';
import { DEFAULT_REQUEST_ID_HEADER, isHeaderName, resolveRequestId } from './request-id';
import { codeForStatus, isErrorStatus, statusTitle } from './status';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemBody {
  /** Always `about:blank`: `title` is the HTTP status phrase and `code` tells errors apart. */
  type: string;
  title: string;
  status: number;
  /** Stable machine-readable code, e.g. NOT_FOUND, VALIDATION_FAILED. */
  code: string;
  /** Quote it to support: the server log entry carries the same id. */
  requestId: string;
  /** 4xx only: the message the code's author wrote. */
  detail?: string;
  instance?: string;
  /** Invalid fields of a validation error. */
  errors?: FieldError[];
  /** Only with `debug: true`: the error, its stack and its causes. */
  debug?: ErrorDescription;
}

export interface Problem {
  status: number;
  headers: Record<string, string>;
  body: ProblemBody;
}

export interface ToProblemOptions {
  /** A safe token (see isSafeRequestId); anything else is replaced by a random id. */
  requestId: string;
  /** RFC 9457 `instance`: a URI reference for this occurrence. */
  instance?: string;
  /** Put the message, stack and causes of every error in the response. Never in production. */
  debug?: boolean;
  /** Response header that carries the request id; default X-Request-Id. */
  requestIdHeader?: string;
  /** Extra keys to redact from debug output. */
  redact?: readonly string[];
}

interface Classification {
  status: number;
  code: string;
  detail?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

// Headers a foreign error may contribute to the response.
const FOREIGN_HEADERS = new Set([
  'allow',
  'accept',
  'accept-patch',
  'accept-post',
  'accept-ranges',
  'content-range',
  'retry-after',
  'www-authenticate',
]);
// Headers no error may set: the handler owns them.
const RESERVED_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'trailer',
  'set-cookie',
  'x-request-id',
]);

const MAX_DETAIL = 2000;
const MAX_FIELD_ERRORS = 100;

const JWT_ERROR_NAMES = new Set(['UnauthorizedError', 'InvalidRequestError', 'InvalidTokenError', 'InsufficientScopeError']);
const JWT_DETAILS: Readonly<Record<string, string>> = {
  credentials_required: 'No authorization token was found.',
  credentials_bad_scheme: 'The Authorization header must have the form "Bearer <token>".',
  credentials_bad_format: 'The Authorization header must have the form "Bearer <token>".',
  invalid_token: 'The access token is invalid or has expired.',
  revoked_token: 'The access token has been revoked.',
  invalid_request: 'The request does not carry a well-formed access token.',
  insufficient_scope: 'The access token does not grant the required scope.',
};
const INTERNAL: Classification = { status: 500, code: codeForStatus(500) };
const AXIOS_TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);
const INVALID_JSON: Classification = { status: 400, code: 'INVALID_JSON', detail: 'The request body is not valid JSON.' };
// JSON.parse messages (V8 and older), which may quote a slice of the body.
const JSON_SYNTAX_MESSAGE = /^Unexpected (token|end of JSON input|non-whitespace character)|in JSON at position \d+|is not valid JSON/;

function text(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return value.length > MAX_DETAIL ? `${value.slice(0, MAX_DETAIL)}...` : value;
}

function statusOf(error: object): number | undefined {
  const status = read(error, 'status');
  if (isErrorStatus(status)) return status;
  const statusCode = read(error, 'statusCode');
  return isErrorStatus(statusCode) ? statusCode : undefined;
}

function headersFrom(source: unknown, allowed: ReadonlySet<string> | undefined): Record<string, string> | undefined {
  if (source === null || typeof source !== 'object') return undefined;
  const headers: Record<string, string> = {};
  for (const name of Object.keys(source).slice(0, 50)) {
    const lower = name.toLowerCase();
    if (!isHeaderName(name) || RESERVED_HEADERS.has(lower)) continue;
    if (allowed !== undefined && !allowed.has(lower)) continue;
    const raw = read(source, name);
    const value = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
    if (typeof value !== 'string' || value.length > 4096 || /[\r\n\0]/.test(value)) continue;
    headers[name] = value;
  }
  return headers;
}

function fieldErrors(items: unknown, map: (item: unknown) => FieldError | undefined): FieldError[] {
  if (!Array.isArray(items)) return [];
  const errors: FieldError[] = [];
  for (const item of items.slice(0, MAX_FIELD_ERRORS)) {
    const entry = map(item);
    if (entry !== undefined) errors.push(entry);
  }
  return errors;
}

function pathOf(path: unknown): string {
  if (!Array.isArray(path)) return '';
  return path
    .filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')
    .map(String)
    .join('.');
}

function validationProblem(errors: FieldError[], detail = 'The request is invalid.'): Classification {
  return { status: 400, code: 'VALIDATION_FAILED', detail, errors };
}

function byStatus(status: number, detail?: string, headers?: Record<string, string>): Classification {
  const result: Classification = { status, code: codeForStatus(status) };
  if (status < 500 && detail !== undefined) result.detail = detail;
  if (headers !== undefined) result.headers = headers;
  return result;
}


function fromHttpError(error: object): Classification {
  const status = statusOf(error) ?? 500;
  const code = read(error, 'code');
  const result: Classification = {
    status,
    code: typeof code === 'string' && code !== '' ? code.slice(0, 100) : codeForStatus(status),
  };
  const detail = text(read(error, 'message'));
  if (status < 500 && read(error, 'expose') !== false && detail !== undefined) result.detail = detail;
  if (status < 500 && (error instanceof ValidationError || Array.isArray(read(error, 'errors')))) {
    result.errors = fieldErrors(read(error, 'errors'), (item) => {
      const field = read(item, 'field');
      const message = read(item, 'message');
      return typeof field === 'string' && typeof message === 'string' ? { field, message } : undefined;
    });
  }
  const headers = headersFrom(read(error, 'headers'), undefined);
  if (headers !== undefined) result.headers = headers;
  return result;
}

// Boom: output.statusCode; the message only for 4xx (Boom itself sends 502-504 messages).
function fromBoom(error: object): Classification {
  const output = read(error, 'output');
  const status = read(output, 'statusCode');
  if (!isErrorStatus(status)) return INTERNAL;
  const payloadMessage = read(read(output, 'payload'), 'message');
  return byStatus(status, text(payloadMessage) ?? text(read(error, 'message')), headersFrom(read(output, 'headers'), FOREIGN_HEADERS));
}

// express-jwt and express-oauth2-jwt-bearer: vetted messages, never the verifier's.
function fromJwtError(error: object, status: number): Classification {
  const code = read(error, 'code');
  const fallback = status === 403 ? 'insufficient_scope' : status === 400 ? 'invalid_request' : 'credentials_required';
  const detail = (typeof code === 'string' ? JWT_DETAILS[code] : undefined) ?? JWT_DETAILS[fallback];
  let headers = headersFrom(read(error, 'headers'), FOREIGN_HEADERS);
  if (status === 401 && (headers === undefined || !Object.keys(headers).some((h) => h.toLowerCase() === 'www-authenticate'))) {
    const challenge = code === 'invalid_token' || code === 'revoked_token' ? 'Bearer error="invalid_token"' : 'Bearer';
    headers = { ...headers, 'WWW-Authenticate': challenge };
  }
  return byStatus(status, detail, headers);
}

// NestJS HttpException: getStatus() / getResponse().
function fromNestException(error: object): Classification {
  const status = (read(error, 'getStatus') as () => unknown).call(error);
  if (!isErrorStatus(status)) return INTERNAL;
  if (status >= 500) return byStatus(status);
  const response: unknown = (read(error, 'getResponse') as () => unknown).call(error);
  if (typeof response === 'string') return byStatus(status, text(response));
  const message = read(response, 'message');
  // NestJS turns body-parser's SyntaxError into new BadRequestException(err.message).
  if (status === 400 && typeof message === 'string' && JSON_SYNTAX_MESSAGE.test(message)) return INVALID_JSON;
  if (Array.isArray(message) && message.length > 0 && message.every((m) => typeof m === 'string')) {
    // class-validator messages start with the property name: "email must be an email".
    const errors = fieldErrors(message, (m) => {
      const field = /^(?:each value in |nested property )?([A-Za-z_$][\w$.]*) /.exec(m as string)?.[1] ?? '';
      return { field, message: m as string };
    });
    return validationProblem(errors);
  }
  return byStatus(status, text(message) ?? text(read(response, 'error')) ?? text(read(error, 'message')));
}

function classify(error: unknown): Classification {
  if (!isErrorLike(error)) return INTERNAL;
  if (isHttpError(error)) return fromHttpError(error);

  if (read(error, 'isBoom') === true) return fromBoom(error);

  // body-parser (Express, NestJS) and Fastify's JSON parser: fixed text, never a slice of the body.
  if (read(error, 'type') === 'entity.parse.failed' || read(error, 'code') === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return INVALID_JSON;
  }

  const name = read(error, 'name');
  const status = statusOf(error);
  // (http-errors has classes of the same names, but they carry `expose`.)
  if (
    typeof name === 'string' &&
    JWT_ERROR_NAMES.has(name) &&
    typeof read(error, 'expose') !== 'boolean' &&
    (status === 400 || status === 401 || status === 403)
  ) {
    return fromJwtError(error, status);
  }

  const issues = read(error, 'issues');
  if (name === 'ZodError' && Array.isArray(issues)) {
    return validationProblem(
      fieldErrors(issues, (issue) => {
        const message = read(issue, 'message');
        return typeof message === 'string' ? { field: pathOf(read(issue, 'path')), message } : undefined;
      }),
    );
  }

  const details = read(error, 'details');
  if ((read(error, 'isJoi') === true || name === 'ValidationError') && Array.isArray(details)) {
    return validationProblem(
      fieldErrors(details, (detail) => {
        const message = read(detail, 'message');
        return typeof message === 'string' ? { field: pathOf(read(detail, 'path')), message } : undefined;
      }),
    );
  }

  const validation = read(error, 'validation');
  if (Array.isArray(validation) && (read(error, 'code') === 'FST_ERR_VALIDATION' || status === 400)) {
    return validationProblem(
      fieldErrors(validation, (item) => {
        const message = read(item, 'message');
        if (typeof message !== 'string') return undefined;
        const path = read(item, 'instancePath');
        const missing = read(read(item, 'params'), 'missingProperty');
        const segments = (typeof path === 'string' ? path.split('/') : []).filter((s) => s !== '');
        if (typeof missing === 'string') segments.push(missing);
        return { field: segments.join('.'), message };
      }),
    );
  }

  if (read(error, 'isAxiosError') === true) {
    const code = read(error, 'code');
    return typeof code === 'string' && AXIOS_TIMEOUT_CODES.has(code) ? byStatus(504) : byStatus(502);
  }

  if (typeof read(error, 'getStatus') === 'function' && typeof read(error, 'getResponse') === 'function') {
    return fromNestException(error);
  }

  // Fastify's own errors (FST_ERR_CTP_*, ...): a status and a fixed, library-written message.
  const code = read(error, 'code');
  if (typeof code === 'string' && code.startsWith('FST_') && typeof read(error, 'statusCode') === 'number') {
    const fastifyStatus = read(error, 'statusCode');
    return isErrorStatus(fastifyStatus) ? byStatus(fastifyStatus, text(read(error, 'message'))) : INTERNAL;
  }

  // http-errors, Koa's ctx.throw(): status + expose.
  const expose = read(error, 'expose');
  if (typeof expose === 'boolean' && status !== undefined) {
    return byStatus(status, expose ? text(read(error, 'message')) : undefined, headersFrom(read(error, 'headers'), FOREIGN_HEADERS));
  }

  return INTERNAL;
}

/** The problem+json response for any thrown value. Pure apart from a random id for an unsafe requestId. */
export function toProblem(error: unknown, options: ToProblemOptions): Problem {
  let found: Classification;
  try {
    found = classify(error);
  } catch {
    found = INTERNAL;
  }
  const requestId = resolveRequestId(options.requestId);
  const body: ProblemBody = {
    type: 'about:blank',
    title: statusTitle(found.status),
    status: found.status,
    code: found.code,
    requestId,
  };
  if (found.detail !== undefined) body.detail = found.detail;
  if (typeof options.instance === 'string') body.instance = options.instance;
  if (found.errors !== undefined) body.errors = found.errors;

  if (options.debug === true) {
    const redactor = createRedactor(options.redact);
    const debug = describeError(error, redactor);
    if (body.detail === undefined && debug.message !== undefined && debug.message !== '') body.detail = debug.message;
    body.debug = debug;
  }

  const requestIdHeader = isHeaderName(options.requestIdHeader) ? options.requestIdHeader : DEFAULT_REQUEST_ID_HEADER;
  const owned = new Set(['content-type', requestIdHeader.toLowerCase()]);
  // Error headers, the last of two spellings of one name winning, then the ones the handler owns.
  const extra = new Map<string, [string, string]>();
  for (const [name, value] of Object.entries(found.headers ?? {})) {
    const lower = name.toLowerCase();
    if (owned.has(lower)) continue;
    extra.delete(lower);
    extra.set(lower, [name, value]);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of extra.values()) headers[name] = value;
  headers['Content-Type'] = PROBLEM_CONTENT_TYPE;
  headers[requestIdHeader] = requestId;
  return { status: found.status, headers, body };
}
