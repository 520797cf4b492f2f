// The template modules themselves (the code `init` copies), tested where they live.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  HttpError,
  InternalError,
  isHttpError,
  NotFoundError,
  RateLimitedError,
  ServiceUnavailableError,
  UnauthenticatedError,
  UpstreamError,
  ValidationError,
} from '../../src/init/templates/errors';
import { consoleLogger, createErrorResponder } from '../../src/init/templates/handler';
import { isNextControlFlowError } from '../../src/init/templates/next';
import { toProblem } from '../../src/init/templates/problem';
import { createRedactor, describeError, safeValue } from '../../src/init/templates/redact';
import { isSafeRequestId, readHeader, resolveRequestId } from '../../src/init/templates/request-id';
import { codeForStatus, statusTitle } from '../../src/init/templates/status';
import { UUID } from './helpers/scenarios';

describe('error classes', () => {
  test('status, code, expose, name, headers and a non-enumerable cause', () => {
    const cause = new Error('db down');
    const e = new NotFoundError('No such user.', { cause, code: 'USER_NOT_FOUND' });
    expect(e).toMatchObject({ status: 404, code: 'USER_NOT_FOUND', expose: true, name: 'NotFoundError', message: 'No such user.' });
    expect(e.cause).toBe(cause);
    expect(Object.keys(e)).not.toContain('cause');
    expect(e).toBeInstanceOf(HttpError);
    expect(new NotFoundError().message).toBe('Not Found');
    expect(new InternalError('x', { expose: true }).expose).toBe(false);
    expect(new HttpError(200).status).toBe(500);
    class PaymentRequiredError extends HttpError {
      constructor() {
        super(402);
      }
    }
    expect(new PaymentRequiredError()).toMatchObject({ name: 'PaymentRequiredError', code: 'PAYMENT_REQUIRED' });
  });

  test('class headers: WWW-Authenticate and Retry-After', () => {
    expect(new UnauthenticatedError().headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
    expect(new UnauthenticatedError('x', { challenge: 'Basic realm="admin"' }).headers).toEqual({ 'WWW-Authenticate': 'Basic realm="admin"' });
    expect(new RateLimitedError('x', { retryAfter: 2.2 })).toMatchObject({ retryAfter: 2.2, headers: { 'Retry-After': '3' } });
    expect(new ServiceUnavailableError('x', { retryAfter: -5 }).headers).toEqual({ 'Retry-After': '0' });
    expect(new ServiceUnavailableError('x').headers).toBeUndefined();
    expect(new UpstreamError('x', { service: 'payments' }).service).toBe('payments');
  });

  test('isHttpError recognises errors of another copy of the module', () => {
    class OtherCopyHttpError extends Error {}
    Object.defineProperty(OtherCopyHttpError.prototype, Symbol.for('err-codemod.HttpError'), { value: true });
    expect(isHttpError(new OtherCopyHttpError('x'))).toBe(true);
    expect(isHttpError(new Error('x'))).toBe(false);
    expect(isHttpError(null)).toBe(false);
  });
});

describe('status helpers', () => {
  test.each([
    [400, 'Bad Request', 'BAD_REQUEST'],
    [401, 'Unauthorized', 'UNAUTHENTICATED'],
    [418, "I'm a Teapot", 'IM_A_TEAPOT'],
    [422, 'Unprocessable Content', 'UNPROCESSABLE'],
    [499, 'Client Error', 'CLIENT_ERROR'],
    [500, 'Internal Server Error', 'INTERNAL'],
    [502, 'Bad Gateway', 'UPSTREAM_ERROR'],
    [599, 'Server Error', 'SERVER_ERROR'],
  ])('%i: %s, %s', (status, title, code) => {
    expect(statusTitle(status)).toBe(title);
    expect(codeForStatus(status)).toBe(code);
  });
});

describe('toProblem', () => {
  test('headers: request id under the configured name, error headers sanitised, last spelling wins', () => {
    const error = new HttpError(405, 'Use GET.', {
      headers: {
        Allow: 'GET',
        allow: 'GET, HEAD',
        'Content-Type': 'text/html',
        'Set-Cookie': 'sid=1',
        'X-Evil': 'a\r\nInjected: 1',
        'Bad Name': 'x',
        'X-Request-Id': 'spoofed',
      },
    });
    const problem = toProblem(error, { requestId: 'abc', requestIdHeader: 'X-Correlation-Id', instance: '/orders/1' });
    expect(problem.headers).toEqual({
      allow: 'GET, HEAD',
      'Content-Type': 'application/problem+json',
      'X-Correlation-Id': 'abc',
    });
    expect(problem.body).toEqual({
      type: 'about:blank',
      title: 'Method Not Allowed',
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
      requestId: 'abc',
      detail: 'Use GET.',
      instance: '/orders/1',
    });
  });

  test('an unsafe request id is replaced by a random UUID', () => {
    expect(toProblem(new Error('x'), { requestId: 'a b' }).body.requestId).toMatch(UUID);
    expect(toProblem(new Error('x'), { requestId: 'x'.repeat(129) }).body.requestId).toMatch(UUID);
  });

  test('ValidationError errors are copied field by field; a 4xx with expose: false has no detail', () => {
    const e = new ValidationError(undefined, { errors: [{ field: 'a', message: 'b', extra: 1 } as never] });
    expect(toProblem(e, { requestId: 'r' }).body).toMatchObject({ detail: 'The request is invalid.', errors: [{ field: 'a', message: 'b' }] });
    expect(toProblem(new NotFoundError('secret', { expose: false }), { requestId: 'r' }).body).not.toHaveProperty('detail');
  });

  test('debug: true adds the message, stack and causes, with credentials still redacted', () => {
    const error = new InternalError('pool exhausted', { cause: new Error('connect postgres://app:hunter2@db:5432/x') });
    const plain = toProblem(error, { requestId: 'r' });
    expect(JSON.stringify(plain)).not.toContain('pool exhausted');
    const debug = toProblem(error, { requestId: 'r', debug: true });
    expect(debug.body.detail).toBe('pool exhausted');
    expect(debug.body.debug?.stack).toContain('InternalError: pool exhausted');
    expect(debug.body.debug?.cause?.message).toBe('connect postgres://[REDACTED]@db:5432/x');
  });
});

describe('redaction', () => {
  const redactor = createRedactor(['email', 'x-api-version']);

  test.each([
    ['GET https://bob:s3cret@api.example.com/x failed', 'GET https://[REDACTED]@api.example.com/x failed'],
    ['/cb?token=abc123&page=2', '/cb?token=[REDACTED]&page=2'],
    ['/cb?access_token=abc&id_token=def&code=7', '/cb?access_token=[REDACTED]&id_token=[REDACTED]&code=7'],
    ['/x?email=a@b.c&q=1', '/x?email=[REDACTED]&q=1'],
    ['Authorization: Bearer eyJhbGciOi.x.y', 'Authorization: Bearer [REDACTED]'],
    ['body {"password": "hunter2", "user": "bob"}', 'body {"password": "[REDACTED]", "user": "bob"}'],
    ['api_key=AIzaSy123 and secret=shh', 'api_key=[REDACTED] and secret=[REDACTED]'],
    ['nothing to see at /orders/42?page=3', 'nothing to see at /orders/42?page=3'],
  ])('%s', (input, output) => {
    expect(redactor.text(input)).toBe(output);
  });

  test('secret and configured keys in objects', () => {
    expect(
      safeValue({ password: 'x', apiKey: 'y', Authorization: 'z', email: 'e', 'X-Api-Version': '2', name: 'n', nested: { refresh_token: 't' } }, redactor),
    ).toEqual({
      password: '[REDACTED]',
      apiKey: '[REDACTED]',
      Authorization: '[REDACTED]',
      email: '[REDACTED]',
      'X-Api-Version': '[REDACTED]',
      name: 'n',
      nested: { refresh_token: '[REDACTED]' },
    });
  });

  test('describeError survives cycles, throwing getters, bigint, symbols and depth', () => {
    const error = new Error('outer') as Error & Record<string, unknown>;
    error['cause'] = error;
    error['self'] = { error, n: 10n, s: Symbol('s'), f: function named() {}, deep: { a: { b: { c: { d: { e: 1 } } } } } };
    Object.defineProperty(error, 'boom', { enumerable: true, get: () => { throw new Error('getter'); } });
    const described = describeError(error, redactor);
    expect(described.cause).toEqual({ class: '[Circular]' });
    expect(described.details?.['boom']).toBe('[Unreadable]');
    expect(JSON.parse(JSON.stringify(described))).toMatchObject({ class: 'Error', message: 'outer' });
    const proxy = new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } });
    expect(() => JSON.stringify(describeError(proxy, redactor))).not.toThrow();
    const aggregate = describeError(new AggregateError([new TypeError('a'), new RangeError('b')], 'both'), redactor);
    expect(aggregate.errors?.map((e) => e.class)).toEqual(['TypeError', 'RangeError']);
  });
});

describe('request ids', () => {
  test('safe tokens are kept, anything else gets a random UUID', () => {
    expect(isSafeRequestId('Req-1.a_b')).toBe(true);
    for (const bad of ['', 'a b', 'x'.repeat(129), 'é', 42, null, ['a']]) expect(isSafeRequestId(bad)).toBe(false);
    expect(resolveRequestId('abc')).toBe('abc');
    const a = resolveRequestId(undefined);
    const b = resolveRequestId(undefined);
    expect(a).toMatch(UUID);
    expect(a).not.toBe(b);
  });

  test('readHeader reads Node header objects and Web Headers', () => {
    expect(readHeader({ 'x-request-id': 'a' }, 'X-Request-Id')).toBe('a');
    expect(readHeader({ 'x-request-id': ['a'] }, 'X-Request-Id')).toBe('a');
    expect(readHeader({ 'x-request-id': ['a', 'b'] }, 'X-Request-Id')).toBeUndefined();
    expect(readHeader({ get: 'not a function', 'x-request-id': 'c' } as never, 'x-request-id')).toBe('c');
    expect(readHeader(new Headers({ 'X-Request-Id': 'w' }), 'x-request-id')).toBe('w');
  });
});

describe('logging', () => {
  afterEach(() => vi.restoreAllMocks());
  const request = { method: 'GET', url: '/x?token=abc', requestId: 'r1' };

  test('levels: 5xx error, 401/403/429 warn, other 4xx info, falling back to what the logger has', () => {
    const calls: string[] = [];
    const full = { error: () => calls.push('error'), warn: () => calls.push('warn'), info: () => calls.push('info') };
    const responder = createErrorResponder({ logger: full });
    for (const error of [new InternalError(), new UnauthenticatedError(), new RateLimitedError(), new NotFoundError()]) {
      responder.respond(error, request);
    }
    expect(calls).toEqual(['error', 'warn', 'warn', 'info']);
    calls.length = 0;
    const errorOnly = createErrorResponder({ logger: { error: () => calls.push('error') } });
    errorOnly.respond(new NotFoundError(), request);
    expect(calls).toEqual(['error']);
  });

  test('pino, with its (obj, msg) signature: one line per error at the right level', () => {
    const lines: Array<Record<string, any>> = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, any>);
        done();
      },
    });
    const responder = createErrorResponder({ logger: pino({ level: 'info' }, stream), redact: ['email'] });
    responder.respond(new InternalError('db down', { cause: Object.assign(new Error('timeout'), { email: 'a@b.c' }) }), request);
    responder.respond(new UnauthenticatedError(), request);
    responder.respond(new NotFoundError(), request);
    expect(lines.map((l) => l['level'])).toEqual([50, 40, 30]);
    expect(lines[0]).toMatchObject({
      msg: 'GET /x?token=[REDACTED] failed with 500 INTERNAL',
      requestId: 'r1',
      method: 'GET',
      path: '/x?token=[REDACTED]',
      status: 500,
      code: 'INTERNAL',
      error: { class: 'InternalError', message: 'db down', cause: { class: 'Error', message: 'timeout', details: { email: '[REDACTED]' } } },
    });
    expect(lines[0]!['error']['stack']).toContain('InternalError: db down');
  });

  test('a logger that throws does not break the response', () => {
    const responder = createErrorResponder({ logger: { error: () => { throw new Error('disk full'); } } });
    expect(responder.respond(new Error('x'), request).status).toBe(500);
  });

  test('the default logger writes one JSON line', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    createErrorResponder().respond(new Error('boom'), request);
    expect(spy).toHaveBeenCalledTimes(1);
    const line = JSON.parse(String(spy.mock.calls[0]![0])) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'error', requestId: 'r1', method: 'GET', path: '/x?token=[REDACTED]', status: 500, code: 'INTERNAL' });
    expect(consoleLogger.info).toBeTypeOf('function');
  });

  test('a bad requestIdHeader is a configuration error', () => {
    expect(() => createErrorResponder({ requestIdHeader: 'X Request Id' })).toThrow(TypeError);
  });
});

test('isNextControlFlowError', () => {
  const digest = (d: string): Error => Object.assign(new Error(d), { digest: d });
  for (const d of ['NEXT_REDIRECT;replace;/a;307;', 'NEXT_NOT_FOUND', 'NEXT_HTTP_ERROR_FALLBACK;404', 'DYNAMIC_SERVER_USAGE', 'BAILOUT_TO_CLIENT_SIDE_RENDERING']) {
    expect(isNextControlFlowError(digest(d))).toBe(true);
  }
  expect(isNextControlFlowError({ $$typeof: Symbol.for('react.postpone') })).toBe(true);
  expect(isNextControlFlowError(new Error('x', { cause: digest('NEXT_REDIRECT;push;/b;303;') }))).toBe(true);
  expect(isNextControlFlowError(digest('NEXT_REDIRECTED'))).toBe(false);
  expect(isNextControlFlowError(new Error('NEXT_REDIRECT'))).toBe(false);
  expect(isNextControlFlowError('NEXT_REDIRECT')).toBe(false);
});
