// Request ids: the caller's own id when it is a safe token, else a fresh random (never sequential) one.
import { randomUUID } from 'node:crypto';

export const DEFAULT_REQUEST_ID_HEADER = 'X-Request-Id';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** True for an id that may be echoed back: 1-128 characters of `A-Z a-z 0-9 . _ -`. */
export function isSafeRequestId(value: unknown): value is string {
  return typeof value === 'string' && SAFE_REQUEST_ID.test(value);
}

/** True for a syntactically valid HTTP header name. */
export function isHeaderName(value: unknown): value is string {
  return typeof value === 'string' && HEADER_NAME.test(value);
}

/** Node's `req.headers` object or a Web `Headers`. */
export type HeadersLike = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

/** Reads one header from Node's `req.headers` (lower-case keys) or from a Web `Headers` object. */
export function readHeader(headers: HeadersLike | undefined, name: string): string | undefined {
  if (headers === undefined || headers === null) return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    const value: unknown = get.call(headers, name);
    return typeof value === 'string' ? value : undefined;
  }
  const value = (headers as Record<string, string | string[] | undefined>)[name.toLowerCase()];
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
  return value;
}

/** The incoming id when it is safe to echo, else a new random UUID. */
export function resolveRequestId(incoming: unknown): string {
  return isSafeRequestId(incoming) ? incoming : randomUUID();
}
