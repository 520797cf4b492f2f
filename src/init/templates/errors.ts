// Typed HTTP errors. Throw them (or pass them to next()) and let the error handler answer with
// application/problem+json: 4xx carry the message you write as `detail`; 5xx never show their message.
import { codeForStatus, normalizeStatus, statusTitle } from './status';

/** One invalid input field of a ValidationError. */
export interface FieldError {
  field: string;
  message: string;
}

export interface HttpErrorOptions {
  /** The underlying error: logged with the whole chain, never sent to the client. */
  cause?: unknown;
  /** Stable machine-readable code sent as `code`; defaults to one derived from the status. */
  code?: string;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Set to false to hide the message of a 4xx error too. 5xx messages are never exposed. */
  expose?: boolean;
}

export interface ValidationErrorOptions extends HttpErrorOptions {
  errors?: FieldError[];
}

export interface UnauthenticatedErrorOptions extends HttpErrorOptions {
  /** The WWW-Authenticate challenge; defaults to `Bearer`. */
  challenge?: string;
}

export interface RetryableErrorOptions extends HttpErrorOptions {
  /** Seconds after which the client may retry, sent as Retry-After. */
  retryAfter?: number;
}

export interface UpstreamErrorOptions extends HttpErrorOptions {
  /** Name of the downstream service, for the log only. */
  service?: string;
}

// Marks HttpError instances so that a second copy of this module (another bundle, a test runner's
// module registry) still recognises them.
const HTTP_ERROR = Symbol.for('err-codemod.HttpError');

export class HttpError extends Error {
  /** HTTP status, 400-599. */
  readonly status: number;
  /** Stable machine-readable code. */
  readonly code: string;
  /** Whether the message may be sent to the client as `detail` (only ever below 500). */
  readonly expose: boolean;
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;

  constructor(status: number, message?: string, options: HttpErrorOptions = {}) {
    const normalized = normalizeStatus(status);
    super(message ?? statusTitle(normalized));
    this.name = new.target.name || 'HttpError';
    this.status = normalized;
    this.code = options.code ?? codeForStatus(normalized);
    this.expose = normalized < 500 && options.expose !== false;
    if (options.headers !== undefined) this.headers = { ...options.headers };
    if (options.cause !== undefined) {
      // Set by hand rather than with super(message, { cause }) so that this file also compiles
      // against libs older than ES2022.
      Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true });
    }
  }
}
Object.defineProperty(HttpError.prototype, HTTP_ERROR, { value: true });

/** True for an HttpError, including one created by another copy of this module. */
export function isHttpError(value: unknown): value is HttpError {
  if (value instanceof HttpError) return true;
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[HTTP_ERROR] === true;
}

function withHeader(options: HttpErrorOptions, name: string, value: string | undefined): HttpErrorOptions {
  if (value === undefined) return options;
  return { ...options, headers: { [name]: value, ...options.headers } };
}

function retryAfterHeader(seconds: number | undefined): string | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  return String(Math.max(0, Math.ceil(seconds)));
}

export class BadRequestError extends HttpError {
  constructor(message?: string, options: HttpErrorOptions = {}) {
    super(400, message, options);
    this.name = 'BadRequestError';
  }
}

export class ValidationError extends HttpError {
  /** Which fields are invalid and why; sent to the client as `errors`. */
  readonly errors: FieldError[];

  constructor(message?: string, options: ValidationErrorOptions = {}) {
    super(400, message ?? 'The request is invalid.', { code: 'VALIDATION_FAILED', ...options });
    this.name = 'ValidationError';
    this.errors = (options.errors ?? []).map((e) => ({ field: e.field, message: e.message }));
  }
}

export class UnauthenticatedError extends HttpError {
  constructor(message?: string, options: UnauthenticatedErrorOptions = {}) {
    super(401, message, withHeader(options, 'WWW-Authenticate', options.challenge ?? 'Bearer'));
    this.name = 'UnauthenticatedError';
  }
}

export class ForbiddenError extends HttpError {
  constructor(message?: string, options: HttpErrorOptions = {}) {
    super(403, message, options);
    this.name = 'ForbiddenError';
  }
}

/** 404, also for a resource the caller is not allowed to know about. */
export class NotFoundError extends HttpError {
  constructor(message?: string, options: HttpErrorOptions = {}) {
    super(404, message, options);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends HttpError {
  constructor(message?: string, options: HttpErrorOptions = {}) {
    super(409, message, options);
    this.name = 'ConflictError';
  }
}

export class RateLimitedError extends HttpError {
  readonly retryAfter?: number;

  constructor(message?: string, options: RetryableErrorOptions = {}) {
    super(429, message, withHeader(options, 'Retry-After', retryAfterHeader(options.retryAfter)));
    this.name = 'RateLimitedError';
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }
}

/** 500. The message is for the log only. */
export class InternalError extends HttpError {
  constructor(message?: string, options: HttpErrorOptions = {}) {
    super(500, message, options);
    this.name = 'InternalError';
  }
}

/** 502: a downstream service failed. Its details go to the log only. */
export class UpstreamError extends HttpError {
  readonly service?: string;

  constructor(message?: string, options: UpstreamErrorOptions = {}) {
    super(502, message, options);
    this.name = 'UpstreamError';
    if (options.service !== undefined) this.service = options.service;
  }
}

export class ServiceUnavailableError extends HttpError {
  readonly retryAfter?: number;

  constructor(message?: string, options: RetryableErrorOptions = {}) {
    super(503, message, withHeader(options, 'Retry-After', retryAfterHeader(options.retryAfter)));
    this.name = 'ServiceUnavailableError';
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }
}

/** 504: a downstream service did not answer in time. */
export class UpstreamTimeoutError extends HttpError {
  readonly service?: string;

  constructor(message?: string, options: UpstreamErrorOptions = {}) {
    super(504, message, options);
    this.name = 'UpstreamTimeoutError';
    if (options.service !== undefined) this.service = options.service;
  }
}
