// The generated handlers on real servers (127.0.0.1, port 0) for every framework, in TypeScript, CommonJS
// and ESM output: status, headers and body for every error class and every foreign error of the contract.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { foreignErrors, SECRET, type ForeignErrors } from './helpers/foreign';
import { generated, OUTPUT_KINDS, removeProjects, type Generated } from './helpers/generated';
import { ADAPTERS, FRAMEWORK_OF, startApp, type Adapter, type App } from './helpers/harness';
import { captureLogger, levelFor, type LogRecord } from './helpers/logger';
import { expectProblem, read, SCENARIO_BY_NAME, SCENARIOS, UUID } from './helpers/scenarios';

let foreign: ForeignErrors;
beforeAll(async () => {
  foreign = await foreignErrors();
});
afterAll(() => removeProjects());

const isServer = (adapter: Adapter): boolean => adapter !== 'next-app';

describe.each(ADAPTERS)('%s', (adapter) => {
  describe.each(OUTPUT_KINDS)('%s output', (kind) => {
    let m: Generated;
    let app: App;
    const logs: LogRecord[] = [];

    beforeAll(async () => {
      m = await generated(FRAMEWORK_OF[adapter], kind);
      const produce = (name: string): unknown => SCENARIO_BY_NAME.get(name)?.make(m, foreign) ?? new Error(`no scenario ${name}`);
      app = await startApp(adapter, m, { logger: captureLogger(logs), redact: ['email'] }, produce);
    });
    afterAll(() => app?.close());

    test.each(SCENARIOS)('$name', async ({ name, expected }) => {
      const before = logs.length;
      const requestId = `req-${name}.1`;
      const res = await read(await app.fetch(`/throw/${name}?token=${SECRET}`, { headers: { 'X-Request-Id': requestId } }));
      expectProblem(res, expected, requestId);

      expect(logs.length - before).toBe(1);
      const entry = logs[before]!;
      expect(entry.level).toBe(levelFor(expected.status));
      expect(entry.obj).toMatchObject({ requestId, method: 'GET', status: expected.status, code: expected.code });
      expect(entry.obj['path']).toBe(`/throw/${name}?token=[REDACTED]`);
      expect(typeof entry.obj['error']['class']).toBe('string');
    });

    test('an unsafe incoming request id is replaced by a random one; none is never sequential', async () => {
      const ids: string[] = [];
      for (const incoming of ['has space', 'x'.repeat(129), '<script>', undefined]) {
        const headers: Record<string, string> = incoming === undefined ? {} : { 'x-request-id': incoming };
        const res = await read(await app.fetch('/throw/not-found', { headers }));
        const body = expectProblem(res, SCENARIO_BY_NAME.get('not-found')!.expected);
        expect(body['requestId']).toMatch(UUID);
        ids.push(String(body['requestId']));
      }
      expect(new Set(ids).size).toBe(ids.length);
    });

    test('the log entry has the cause chain and stack, with credentials redacted', async () => {
      const before = logs.length;
      await app.fetch('/throw/upstream');
      const entry = logs[before]!;
      const error = entry.obj['error'];
      expect(error).toMatchObject({ class: 'UpstreamError', details: { service: 'payments', status: 502 } });
      expect(error.message).toContain('payments answered 500 for http://[REDACTED]@billing.internal.example');
      expect(error.stack).toContain('UpstreamError');
      expect(error.cause).toMatchObject({ class: 'AxiosError', upstream: { method: 'GET', status: 500 } });
      expect(error.cause.upstream.url).toMatch(/^http:\/\/\[REDACTED\]@127\.0\.0\.1:\d+\/v1\/charges\?token=\[REDACTED\]$/);
      expect(JSON.stringify(entry.obj)).not.toContain(SECRET);
    });

    test.runIf(isServer(adapter))('an error after the response started closes the connection', async () => {
      const before = logs.length;
      const res = await app.fetch('/partial');
      expect(res.status).toBe(200);
      await expect(res.text()).rejects.toThrow();
      await expect.poll(() => logs.length).toBe(before + 1);
      expect(logs[before]!.obj).toMatchObject({ status: 500, responseStarted: true });
    });

    if (adapter === 'express4' || adapter === 'express5') {
      test('real body-parser, express-jwt, sync throws and unmatched routes', async () => {
        const json = await read(
          await app.fetch('/json', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"card":"${SECRET}"` }),
        );
        expectProblem(json, { status: 400, code: 'INVALID_JSON', detail: 'The request body is not valid JSON.' });
        const jwt = await read(await app.fetch('/jwt', { headers: { authorization: `Bearer ${SECRET}` } }));
        expectProblem(jwt, SCENARIO_BY_NAME.get('express-jwt-invalid')!.expected);
        const sync = await read(await app.fetch('/sync-throw/conflict'));
        expectProblem(sync, SCENARIO_BY_NAME.get('conflict')!.expected);
        const missing = await read(await app.fetch('/nope'));
        expectProblem(missing, { status: 404, code: 'NOT_FOUND', detail: 'No route matches this request.' });
      });
    }

    if (adapter === 'koa') {
      test('ctx.throw, unmatched routes and error statuses without a body become problems', async () => {
        expectProblem(await read(await app.fetch('/ctx-throw')), { status: 404, code: 'NOT_FOUND', detail: 'No such page.' });
        expectProblem(await read(await app.fetch('/nope')), { status: 404, code: 'NOT_FOUND', detail: 'Not Found' });
        const res = await read(await app.fetch('/empty-401', { headers: { 'x-request-id': 'abc' } }));
        expectProblem(res, { status: 401, code: 'UNAUTHENTICATED', detail: 'Unauthorized', headers: { 'www-authenticate': 'Basic realm="admin"' } }, 'abc');
      });

      test('a failing body stream (Koa ctx.onerror) still gets a problem with the request id header', async () => {
        const res = await read(await app.fetch('/stream-error', { headers: { 'x-request-id': 'stream-1' } }));
        expectProblem(res, { status: 500, code: 'INTERNAL', detail: null }, 'stream-1');
        expect(res.headers).not.toHaveProperty('x-custom');
      });
    }

    if (adapter === 'fastify') {
      test('real schema validation, invalid JSON and the not-found handler', async () => {
        const post = (body: string) =>
          app.fetch('/validated', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        expectProblem(await read(await post('{}')), SCENARIO_BY_NAME.get('fastify-validation')!.expected);
        expectProblem(await read(await post(`{"x":"${SECRET}"`)), SCENARIO_BY_NAME.get('fastify-invalid-json')!.expected);
        expectProblem(await read(await app.fetch('/nope')), { status: 404, code: 'NOT_FOUND', detail: 'No route matches this request.' });
      });
    }

    if (adapter === 'nestjs') {
      test('real pipes, body parsing and unmatched routes', async () => {
        expectProblem(await read(await app.fetch('/parse/abc')), {
          status: 400,
          code: 'BAD_REQUEST',
          detail: 'Validation failed (numeric string is expected)',
        });
        const json = await read(
          await app.fetch('/json', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"card":"${SECRET}"` }),
        );
        expectProblem(json, { status: 400, code: 'INVALID_JSON', detail: 'The request body is not valid JSON.' });
        expectProblem(await read(await app.fetch('/nope')), { status: 404, code: 'NOT_FOUND', detail: 'Cannot GET /nope' });
      });
    }

    if (adapter === 'next-app' || adapter === 'next-pages') {
      test('successful responses pass through untouched', async () => {
        const res = await app.fetch('/ok');
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ ok: true });
      });
    }
  });
});

describe('Next.js control flow', () => {
  const redirect = Object.assign(new Error('NEXT_REDIRECT'), { digest: 'NEXT_REDIRECT;replace;/login;307;' });
  const notFound = Object.assign(new Error('NEXT_HTTP_ERROR_FALLBACK;404'), { digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
  const oldNotFound = Object.assign(new Error('NEXT_NOT_FOUND'), { digest: 'NEXT_NOT_FOUND' });
  const wrapped = new Error('wrapper', { cause: redirect });

  test.each(OUTPUT_KINDS)('redirect() and notFound() errors are rethrown to Next (%s output)', async (kind) => {
    const m = await generated('next', kind);
    for (const error of [redirect, notFound, oldNotFound, wrapped]) {
      const route = m.withErrorHandler(async () => {
        throw error;
      });
      await expect(route(new Request('http://localhost/api/x'), {})).rejects.toBe(error);
      expect(m.isNextControlFlowError(error)).toBe(true);
    }
    expect(m.isNextControlFlowError(new Error('NEXT_REDIRECT'))).toBe(false);
  });

  test('pages API routes rethrow them too', async () => {
    const m = await generated('next', 'cjs');
    const route = m.withErrorHandler(async () => {
      throw redirect;
    });
    const res = { headersSent: false, statusCode: 200, setHeader: () => {}, removeHeader: () => {}, end: () => {} };
    await expect(route({ method: 'GET', url: '/api/x', headers: {} }, res)).rejects.toBe(redirect);
  });
});

describe.each(ADAPTERS)('%s with debug', (adapter) => {
  test('debug: true is the only way to see internals in a response', async () => {
    const m = await generated(FRAMEWORK_OF[adapter], 'ts');
    const produce = (): unknown => new Error('disk full on /var/lib/db');
    const quiet = { logger: captureLogger([]) };
    const debugApp = await startApp(adapter, m, { ...quiet, debug: true }, produce);
    const plainApp = await startApp(adapter, m, quiet, produce);
    try {
      const debug = JSON.parse(await (await debugApp.fetch('/throw/x')).text()) as Record<string, any>;
      expect(debug['detail']).toBe('disk full on /var/lib/db');
      expect(debug['debug']['stack']).toContain('disk full on /var/lib/db');
      const plain = await (await plainApp.fetch('/throw/x')).text();
      expect(plain).not.toContain('disk full');
      expect(plain).not.toContain('stack');
    } finally {
      await debugApp.close();
      await plainApp.close();
    }
  });
});
