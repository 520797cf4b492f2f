// Property: whatever a handler throws, each adapter answers with a valid problem+json response, the status
// the contract implies, and none of the thrown value's secrets or stack lines, with NODE_ENV unset,
// development and production. The bulk runs in-process (light-my-request / fastify.inject / direct calls);
// a smaller share goes through real servers on 127.0.0.1.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, descriptorArb, type Built } from './helpers/arbitraries';
import { foreignErrors, INTERNAL_HOST, type ForeignErrors } from './helpers/foreign';
import { generated, removeProjects, type Generated, type OutputKind } from './helpers/generated';
import { ADAPTERS, FRAMEWORK_OF, startApp, type Adapter, type Injected } from './helpers/harness';
import { captureLogger, type LogRecord } from './helpers/logger';
import type { Framework } from '../../src/init';

const RUNS = Number(process.env['INIT_PROPERTY_RUNS'] ?? 1000);
const SERVER_RUNS = Math.max(1, Math.round(RUNS / 10));
const ENVS = [undefined, 'development', 'production'] as const;
const BODY_KEYS = new Set(['type', 'title', 'status', 'code', 'requestId', 'detail', 'instance', 'errors']);
const STACK_LINE = /\bat [^\n"]*:\d+:\d+|\n\s+at /;

let foreign: ForeignErrors;
const modules = new Map<string, Generated>();

async function module(framework: Framework, kind: OutputKind): Promise<Generated> {
  const key = `${framework}/${kind}`;
  if (!modules.has(key)) modules.set(key, await generated(framework, kind));
  return modules.get(key)!;
}

beforeAll(async () => {
  foreign = await foreignErrors();
});
afterAll(() => removeProjects());

function withNodeEnv<T>(env: string | undefined, run: () => Promise<T>): Promise<T> {
  const saved = process.env['NODE_ENV'];
  if (env === undefined) delete process.env['NODE_ENV'];
  else process.env['NODE_ENV'] = env;
  return run().finally(() => {
    if (saved === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = saved;
  });
}

/** What the response for `built` must be on `adapter`. */
function expectation(adapter: Adapter, built: Built): { status: number; detail?: string | null } {
  // Express treats next() with a falsy value as "no error": the request goes on to notFoundHandler().
  if ((adapter === 'express4' || adapter === 'express5') && !built.value) {
    return { status: 404, detail: 'No route matches this request.' };
  }
  return { status: built.status, ...(built.detail !== undefined && { detail: built.detail }) };
}

// Plain checks rather than expect(): this runs tens of thousands of times.
function assert(condition: boolean, message: string, res: Injected): asserts condition {
  if (!condition) throw new Error(`${message}\nstatus ${res.status}, headers ${JSON.stringify(res.headers)}\n${res.text}`);
}

function check(adapter: Adapter, built: Built, res: Injected, logs: LogRecord[], logsBefore: number): void {
  const expected = expectation(adapter, built);
  assert(res.status === expected.status, `status should be ${expected.status}`, res);
  assert(res.headers['content-type'] === 'application/problem+json', 'content-type', res);
  const body = JSON.parse(res.text) as Record<string, unknown>;
  for (const key of Object.keys(body)) assert(BODY_KEYS.has(key), `unexpected member ${key}`, res);
  assert(body['type'] === 'about:blank', 'type', res);
  assert(body['status'] === expected.status, 'body status', res);
  assert(typeof body['title'] === 'string' && typeof body['code'] === 'string', 'title and code', res);
  assert(body['requestId'] === res.headers['x-request-id'], 'requestId = X-Request-Id', res);
  assert(/^[A-Za-z0-9._-]{1,128}$/.test(String(body['requestId'])), 'safe request id', res);
  if (expected.status >= 500 || expected.detail === null) assert(!('detail' in body), 'no detail', res);
  else if (expected.detail !== undefined) assert(body['detail'] === expected.detail, `detail ${expected.detail}`, res);
  if ('errors' in body) {
    const errors = body['errors'];
    assert(Array.isArray(errors), 'errors is an array', res);
    for (const e of errors as Array<Record<string, unknown>>) {
      const keys = Object.keys(e).sort().join(',');
      assert(keys === 'field,message' && typeof e['field'] === 'string' && typeof e['message'] === 'string', 'errors entry', res);
    }
  }
  const everything = `${res.text}\n${Object.values(res.headers).join('\n')}`;
  for (const secret of [...built.secrets, INTERNAL_HOST]) assert(!everything.includes(secret), `leaked ${secret}`, res);
  assert(!STACK_LINE.test(everything), 'stack line in the response', res);
  assert(logs.length - logsBefore === 1, `one log entry, got ${logs.length - logsBefore}`, res);
}

async function runProperty(adapter: Adapter, kind: OutputKind, env: string | undefined, listen: boolean, numRuns: number): Promise<void> {
  const m = await module(FRAMEWORK_OF[adapter], kind);
  await withNodeEnv(env, async () => {
    let current: unknown;
    const logs: LogRecord[] = [];
    const app = await startApp(adapter, m, { logger: captureLogger(logs) }, () => current, listen);
    try {
      await fc.assert(
        fc.asyncProperty(descriptorArb, async (descriptor) => {
          const built = build(descriptor, m, foreign);
          current = built.value;
          const before = logs.length;
          const res: Injected = listen ? await app.get('/throw/x') : await app.inject('/throw/x');
          check(adapter, built, res, logs, before);
        }),
        { numRuns },
      );
    } finally {
      await app.close();
    }
  });
}

describe.each(ADAPTERS)('%s', (adapter) => {
  test.each(ENVS.map((env) => [env ?? 'unset', env] as const))(
    `${RUNS} arbitrary thrown values in-process, NODE_ENV %s`,
    async (_label, env) => {
      await runProperty(adapter, 'ts', env, false, RUNS);
    },
    120_000,
  );

  test.runIf(adapter !== 'next-app')(
    `${SERVER_RUNS} arbitrary thrown values through a real server (CommonJS output, NODE_ENV production)`,
    async () => {
      await runProperty(adapter, 'cjs', 'production', true, SERVER_RUNS);
    },
    120_000,
  );
});

test(`toProblem: ${RUNS * 5} arbitrary values, with and without a safe request id`, async () => {
  const m = await module('express', 'esm');
  await fc.assert(
    fc.property(descriptorArb, fc.oneof(fc.constant('req-1'), fc.string()), (descriptor, requestId) => {
      const built = build(descriptor, m, foreign);
      const problem = m.toProblem(built.value, { requestId });
      expect(problem.status).toBe(built.status);
      expect(problem.body['status']).toBe(built.status);
      expect(problem.headers['Content-Type']).toBe('application/problem+json');
      expect(problem.headers['X-Request-Id']).toBe(problem.body['requestId']);
      expect(m.isSafeRequestId(problem.body['requestId'])).toBe(true);
      if (m.isSafeRequestId(requestId)) expect(problem.body['requestId']).toBe(requestId);
      const text = JSON.stringify(problem);
      for (const secret of built.secrets) expect(text).not.toContain(secret);
      expect(text).not.toMatch(STACK_LINE);
    }),
    { numRuns: RUNS * 5 },
  );
});
