// Turns any thrown value into a plain, JSON-safe description for the server log, with secrets redacted.
// Nothing here throws: getters that throw, proxies, cycles and huge values are all survived.

export const REDACTED = '[REDACTED]';

// A key is secret when its normalised form (lower case, no `-`, `_`, `.`) contains one of these...
const SECRET_KEY_PARTS = [
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'authorization',
  'cookie',
  'credential',
  'privatekey',
  'sessionid',
  'signature',
];
// ...or is one of these.
const SECRET_KEYS = ['auth', 'pwd', 'pass', 'sig', 'key', 'jwt', 'session', 'otp'];

// Properties of errors that are never copied into the log: request/response objects and bodies.
const SKIPPED_ERROR_KEYS = new Set([
  'name',
  'message',
  'stack',
  'cause',
  'config',
  'request',
  'response',
  'req',
  'res',
  'socket',
  'agent',
  'client',
  'connection',
  'body',
  'rawBody',
  '_original',
]);

const MAX_DEPTH = 4;
const MAX_CAUSES = 8;
const MAX_STRING = 4000;
const MAX_ITEMS = 25;

export interface Redactor {
  /** True when values under this key must not be logged. */
  isSecretKey(key: string): boolean;
  /** Removes credentials from free text: `user:pass@` in URLs, secret query parameters, bearer tokens. */
  text(value: string): string;
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_.\s[\]]/g, '');
}

export function createRedactor(keys: readonly string[] = []): Redactor {
  const extra = new Set(keys.map((k) => normalizeKey(k.split('.').pop() ?? k)));
  const isSecretKey = (key: string): boolean => {
    const k = normalizeKey(key);
    return extra.has(k) || SECRET_KEYS.includes(k) || SECRET_KEY_PARTS.some((part) => k.includes(part));
  };
  const text = (value: string): string =>
    value
      // scheme://user:password@host
      .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi, `$1${REDACTED}@`)
      // Authorization header values
      .replace(/\b(Bearer|bearer|Basic|basic)\s+[A-Za-z0-9._~+/=-]{4,}/g, `$1 ${REDACTED}`)
      // key=value in query strings, form bodies and messages
      .replace(/(^|[?&;#\s,(])([A-Za-z0-9_.[\]-]+)=([^&\s#"'<>;,)]*)/g, (match: string, lead: string, key: string) =>
        isSecretKey(key) ? `${lead}${key}=${REDACTED}` : match,
      )
      // "key": "value" in JSON-ish text
      .replace(/(["'])([A-Za-z0-9_.-]+)\1(\s*:\s*)(["'])(?:\\.|(?!\4)[^\\])*\4/g, (match: string, q: string, key: string, sep: string, vq: string) =>
        isSecretKey(key) ? `${q}${key}${q}${sep}${vq}${REDACTED}${vq}` : match,
      );
  return { isSecretKey, text };
}

const UNREADABLE = Symbol('unreadable');

/** Reads a property; a getter or proxy trap that throws yields undefined. */
export function read(value: unknown, key: PropertyKey): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  try {
    return (value as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

function readOrMark(value: object, key: PropertyKey): unknown {
  try {
    return (value as Record<PropertyKey, unknown>)[key];
  } catch {
    return UNREADABLE;
  }
}

/** True for Error instances, including ones from another realm. Never throws. */
export function isErrorLike(value: unknown): value is Error {
  if (value === null || typeof value !== 'object') return false;
  try {
    return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
  } catch {
    return false;
  }
}

function truncate(value: string): string {
  return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}...[truncated]` : value;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object' && typeof value !== 'function') return typeof value;
  const name = read(value, 'name');
  if (isErrorLike(value) && typeof name === 'string' && name !== '') return truncate(name).slice(0, 100);
  const ctor = read(value, 'constructor');
  const ctorName = read(ctor, 'name');
  return typeof ctorName === 'string' && ctorName !== '' ? ctorName.slice(0, 100) : 'Object';
}

/** A JSON-safe copy of any value: depth-, size- and cycle-limited, secret keys and credentials redacted. */
export function safeValue(value: unknown, redactor: Redactor, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  switch (typeof value) {
    case 'string':
      return redactor.text(truncate(value));
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return `${value.toString()}n`;
    case 'symbol':
      return redactor.text(truncate(value.toString()));
    case 'function':
      return `[Function ${typeName(value)}]`;
  }
  if (value === null) return null;
  const object = value as object;
  try {
    if (seen.has(object)) return '[Circular]';
    if (isErrorLike(object)) return describeError(object, redactor, depth, seen);
    if (depth >= MAX_DEPTH) return `[${typeName(object)}]`;
    seen.add(object);
    if (Array.isArray(object)) {
      const items = object.slice(0, MAX_ITEMS).map((item) => safeValue(item, redactor, depth + 1, seen));
      if (object.length > MAX_ITEMS) items.push(`[${object.length - MAX_ITEMS} more]`);
      return items;
    }
    if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
    if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) return `[${typeName(object)}]`;
    if (object instanceof Map || object instanceof Set || object instanceof Promise) return `[${typeName(object)}]`;
    const copy: Record<string, unknown> = {};
    const keys = Object.keys(object);
    for (const key of keys.slice(0, MAX_ITEMS)) {
      if (redactor.isSecretKey(key)) {
        copy[key] = REDACTED;
        continue;
      }
      const item = readOrMark(object, key);
      copy[key] = item === UNREADABLE ? '[Unreadable]' : safeValue(item, redactor, depth + 1, seen);
    }
    if (keys.length > MAX_ITEMS) copy['[more]'] = keys.length - MAX_ITEMS;
    return copy;
  } catch {
    return '[Unreadable]';
  }
}

/** What the log (and a `debug: true` response) shows of a thrown value. */
export interface ErrorDescription {
  class: string;
  message?: string;
  stack?: string;
  /** Own properties of the error (code, status, service, ...), secrets redacted. */
  details?: Record<string, unknown>;
  /** Method, URL (credentials redacted) and status of a failed downstream HTTP call. */
  upstream?: Record<string, unknown>;
  cause?: ErrorDescription;
  errors?: ErrorDescription[];
  /** For thrown values that are not errors. */
  value?: unknown;
}

function describeUpstream(error: object, redactor: Redactor): Record<string, unknown> | undefined {
  if (read(error, 'isAxiosError') !== true) return undefined;
  const config = read(error, 'config');
  const method = read(config, 'method');
  const baseURL = read(config, 'baseURL');
  const url = read(config, 'url');
  const fullUrl =
    typeof url === 'string'
      ? typeof baseURL === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(url)
        ? `${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`
        : url
      : undefined;
  const upstream: Record<string, unknown> = {};
  if (typeof method === 'string') upstream['method'] = method.toUpperCase();
  if (fullUrl !== undefined) upstream['url'] = redactor.text(truncate(fullUrl));
  const status = read(read(error, 'response'), 'status');
  if (typeof status === 'number') upstream['status'] = status;
  const timeout = read(config, 'timeout');
  if (typeof timeout === 'number' && timeout > 0) upstream['timeoutMs'] = timeout;
  return upstream;
}

/** Describes a thrown value and its cause chain for the log. */
export function describeError(
  value: unknown,
  redactor: Redactor,
  depth = 0,
  seen: WeakSet<object> = new WeakSet(),
): ErrorDescription {
  try {
    if (!isErrorLike(value)) {
      return { class: typeName(value), value: safeValue(value, redactor, 1, seen) };
    }
    if (seen.has(value)) return { class: '[Circular]' };
    seen.add(value);
    const description: ErrorDescription = { class: typeName(value) };
    const message = read(value, 'message');
    if (typeof message === 'string') description.message = redactor.text(truncate(message));
    const stack = read(value, 'stack');
    if (typeof stack === 'string') description.stack = redactor.text(truncate(stack));
    const details: Record<string, unknown> = {};
    let keys: string[] = [];
    try {
      keys = Object.keys(value);
    } catch {
      keys = [];
    }
    for (const key of keys.slice(0, MAX_ITEMS)) {
      if (SKIPPED_ERROR_KEYS.has(key)) continue;
      if (redactor.isSecretKey(key)) {
        details[key] = REDACTED;
        continue;
      }
      const item = readOrMark(value, key);
      // Undefined values add nothing; an AggregateError-style list of errors is described below.
      if (item === undefined || (key === 'errors' && Array.isArray(item) && item.some(isErrorLike))) continue;
      details[key] = item === UNREADABLE ? '[Unreadable]' : safeValue(item, redactor, MAX_DEPTH - 2, seen);
    }
    for (const key of ['code', 'status', 'statusCode']) {
      const item = read(value, key);
      if (!(key in details) && (typeof item === 'string' || typeof item === 'number')) {
        details[key] = safeValue(item, redactor);
      }
    }
    if (Object.keys(details).length > 0) description.details = details;
    const upstream = describeUpstream(value, redactor);
    if (upstream !== undefined) description.upstream = upstream;
    const cause = read(value, 'cause');
    if (cause !== undefined && depth < MAX_CAUSES) description.cause = describeError(cause, redactor, depth + 1, seen);
    const errors = read(value, 'errors');
    if (Array.isArray(errors) && depth < MAX_CAUSES && errors.some(isErrorLike)) {
      description.errors = errors.slice(0, 10).map((e) => describeError(e, redactor, depth + 1, seen));
    }
    return description;
  } catch {
    return { class: 'Unknown', message: '[unreadable thrown value]' };
  }
}
