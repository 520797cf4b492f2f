// fast-check arbitraries for "anything a handler might throw", as plain descriptors (so counterexamples print),
// built into values at run time together with the status the contract implies for them.
import Boom from '@hapi/boom';
import { HttpException } from '@nestjs/common';
import { AxiosError } from 'axios';
import { UnauthorizedError } from 'express-jwt';
import fc from 'fast-check';
import createError from 'http-errors';
import Joi from 'joi';
import { z } from 'zod';
import { INTERNAL_HOST, type ForeignErrors } from './foreign';
import type { Generated } from './generated';
import { SCENARIO_BY_NAME } from './scenarios';

export interface Built {
  value: unknown;
  status: number;
  /** The exact detail, null when there must be none, undefined when not checked. */
  detail?: string | null;
  /** Strings that must not appear anywhere in the response. */
  secrets: string[];
}

const OWN_CLASSES = [
  ['BadRequestError', 400],
  ['ValidationError', 400],
  ['UnauthenticatedError', 401],
  ['ForbiddenError', 403],
  ['NotFoundError', 404],
  ['ConflictError', 409],
  ['RateLimitedError', 429],
  ['InternalError', 500],
  ['UpstreamError', 502],
  ['ServiceUnavailableError', 503],
  ['UpstreamTimeoutError', 504],
] as const;

const ERROR_CTORS = ['Error', 'TypeError', 'RangeError', 'SyntaxError', 'EvalError', 'URIError', 'ReferenceError'] as const;

// Properties the handler (or a framework before it) may look at.
const PROBED_KEYS = [
  'message', 'stack', 'name', 'cause', 'status', 'statusCode', 'expose', 'headers', 'code', 'isBoom', 'output',
  'issues', 'details', 'isJoi', 'validation', 'isAxiosError', 'config', 'response', 'getStatus', 'getResponse',
  'digest', 'type', 'errors', 'constructor', 'toString', 'toJSON', 'then',
];

const JWT_CODES = ['credentials_required', 'credentials_bad_scheme', 'credentials_bad_format', 'invalid_token', 'revoked_token'];
const CAPTURED = ['body-parser-json', 'express-jwt-invalid', 'fastify-validation', 'fastify-invalid-json', 'axios-500', 'axios-timeout'];

const secretArb = fc.stringMatching(/^[A-Za-z0-9]{16}$/).map((s) => `sk_live_${s}`);
const vettedArb = fc.stringMatching(/^[A-Z][a-z]{2,9}( [a-z]{2,9}){0,4}\.$/);
const errorStatusArb = fc.integer({ min: 400, max: 599 });
const anyStatusArb = fc.oneof(errorStatusArb, fc.integer({ min: -5, max: 1000 }), fc.constantFrom(200, 302, 399, 600, 1e9));

export type Descriptor =
  | { kind: 'anything'; value: unknown }
  | { kind: 'primitive'; secret: string; form: 'string' | 'url' | 'number-string' | 'symbol' }
  | { kind: 'error'; ctor: (typeof ERROR_CTORS)[number]; secret: string; causes: number; aggregate: boolean }
  | { kind: 'status-shaped'; secret: string; vetted: string; status?: number; statusCode?: number; expose?: boolean }
  | { kind: 'own'; cls: number; secret: string; vetted: string }
  | { kind: 'own-base'; status: number; secret: string; vetted: string }
  | { kind: 'getters'; base: 'object' | 'error' | 'proxy'; keys: string[]; secret: string }
  | { kind: 'circular'; shape: 'self' | 'cause-self' | 'cause-loop' | 'aggregate' | 'nested'; secret: string }
  | { kind: 'boom'; status: number; secret: string; vetted: string }
  | { kind: 'http-errors'; status: number; secret: string; vetted: string; expose?: boolean }
  | { kind: 'axios'; status: number; code: string; secret: string }
  | { kind: 'zod' | 'joi'; secret: string }
  | { kind: 'jwt'; code: string; secret: string }
  | { kind: 'nest'; status: number; secret: string; vetted: string; objectResponse: boolean }
  | { kind: 'captured'; name: string };

export const descriptorArb: fc.Arbitrary<Descriptor> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('anything' as const),
      value: fc
        .anything({
          maxDepth: 3,
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withBoxedValues: true,
          withTypedArray: true,
          withSparseArray: true,
        })
        // next('route') / next('router') are Express's routing signals, not errors.
        .filter((v) => v !== 'route' && v !== 'router'),
    }),
  },
  fc.record({ kind: fc.constant('primitive' as const), secret: secretArb, form: fc.constantFrom('string', 'url', 'number-string', 'symbol') as fc.Arbitrary<'string' | 'url' | 'number-string' | 'symbol'> }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('error' as const), ctor: fc.constantFrom(...ERROR_CTORS), secret: secretArb, causes: fc.integer({ min: 0, max: 3 }), aggregate: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record(
    { kind: fc.constant('status-shaped' as const), secret: secretArb, vetted: vettedArb, status: anyStatusArb, statusCode: anyStatusArb, expose: fc.boolean() },
    { requiredKeys: ['kind', 'secret', 'vetted'] },
  ) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('own' as const), cls: fc.integer({ min: 0, max: OWN_CLASSES.length - 1 }), secret: secretArb, vetted: vettedArb }) },
  fc.record({ kind: fc.constant('own-base' as const), status: anyStatusArb, secret: secretArb, vetted: vettedArb }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('getters' as const), base: fc.constantFrom('object', 'error', 'proxy') as fc.Arbitrary<'object' | 'error' | 'proxy'>, keys: fc.subarray(PROBED_KEYS, { minLength: 1 }), secret: secretArb }) },
  fc.record({ kind: fc.constant('circular' as const), shape: fc.constantFrom('self', 'cause-self', 'cause-loop', 'aggregate', 'nested') as fc.Arbitrary<'self' | 'cause-self' | 'cause-loop' | 'aggregate' | 'nested'>, secret: secretArb }),
  fc.record({ kind: fc.constant('boom' as const), status: errorStatusArb, secret: secretArb, vetted: vettedArb }),
  fc.record(
    { kind: fc.constant('http-errors' as const), status: errorStatusArb, secret: secretArb, vetted: vettedArb, expose: fc.boolean() },
    { requiredKeys: ['kind', 'status', 'secret', 'vetted'] },
  ),
  fc.record({ kind: fc.constant('axios' as const), status: errorStatusArb, code: fc.constantFrom('ERR_BAD_RESPONSE', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'ERR_NETWORK'), secret: secretArb }),
  fc.record({ kind: fc.constantFrom('zod' as const, 'joi' as const), secret: secretArb }),
  fc.record({ kind: fc.constant('jwt' as const), code: fc.constantFrom(...JWT_CODES), secret: secretArb }),
  fc.record({ kind: fc.constant('nest' as const), status: errorStatusArb, secret: secretArb, vetted: vettedArb, objectResponse: fc.boolean() }),
  fc.record({ kind: fc.constant('captured' as const), name: fc.constantFrom(...CAPTURED) }),
);

const url = (secret: string): string => `https://svc:${secret}@${INTERNAL_HOST}/v2/ledger?token=${secret}`;

function chain(secret: string, depth: number): Error | undefined {
  let cause: Error | undefined;
  for (let i = 0; i < depth; i++) cause = new Error(`step ${i} of GET ${url(secret)} failed`, cause ? { cause } : undefined);
  return cause;
}

function throwing(secret: string): () => never {
  return () => {
    throw new Error(`getter exploded: ${secret}`);
  };
}

function withStatus(status: number | undefined): number | undefined {
  return status !== undefined && Number.isInteger(status) && status >= 400 && status <= 599 ? status : undefined;
}

const INTERNAL: Omit<Built, 'value' | 'secrets'> = { status: 500, detail: null };

/** Builds the thrown value of a descriptor with the classes of `m`, and what the response must be. */
export function build(d: Descriptor, m: Generated, foreign: ForeignErrors): Built {
  switch (d.kind) {
    case 'anything':
      return { value: d.value, ...INTERNAL, secrets: [] };
    case 'primitive': {
      const value =
        d.form === 'string' ? `password=${d.secret}` : d.form === 'url' ? url(d.secret) : d.form === 'symbol' ? Symbol(d.secret) : `${d.secret}404`;
      return { value, ...INTERNAL, secrets: [d.secret] };
    }
    case 'error': {
      const Ctor = globalThis[d.ctor];
      const cause = chain(d.secret, d.causes);
      const error = new Ctor(`${d.ctor} while calling ${url(d.secret)}`, cause ? { cause } : undefined);
      const value = d.aggregate ? new AggregateError([error, new Error(d.secret)], `batch failed: ${d.secret}`) : error;
      return { value, ...INTERNAL, secrets: [d.secret] };
    }
    case 'status-shaped': {
      const status = withStatus(d.status) ?? withStatus(d.statusCode);
      const exposed = d.expose === true && status !== undefined && status < 500;
      const error = new Error(exposed ? d.vetted : `upstream said ${d.secret}`);
      if (d.status !== undefined) Object.assign(error, { status: d.status });
      if (d.statusCode !== undefined) Object.assign(error, { statusCode: d.statusCode });
      if (d.expose !== undefined) Object.assign(error, { expose: d.expose });
      if (d.expose === undefined || status === undefined) return { value: error, ...INTERNAL, secrets: [d.secret] };
      return { value: error, status, detail: exposed ? d.vetted : null, secrets: [d.secret] };
    }
    case 'own': {
      const [name, status] = OWN_CLASSES[d.cls]!;
      const message = status < 500 ? d.vetted : `failed at ${url(d.secret)}`;
      const value = new m[name](message, { cause: chain(d.secret, 2), retryAfter: 5, service: 'ledger' });
      return { value, status, detail: status < 500 ? d.vetted : null, secrets: [d.secret] };
    }
    case 'own-base': {
      const status = withStatus(d.status) ?? 500;
      const value = new m.HttpError(d.status, status < 500 ? d.vetted : d.secret, { cause: chain(d.secret, 1) });
      return { value, status, detail: status < 500 ? d.vetted : null, secrets: [d.secret] };
    }
    case 'getters': {
      const target: object = d.base === 'error' ? new Error(`boom ${d.secret}`) : {};
      // V8 formats an error's stack lazily, from its message: make it format before the getters go in.
      if (target instanceof Error) void target.stack;
      if (d.base === 'proxy') {
        const trap = throwing(d.secret);
        const value = new Proxy(target, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap });
        return { value, ...INTERNAL, secrets: [d.secret] };
      }
      for (const key of d.keys) Object.defineProperty(target, key, { get: throwing(d.secret), enumerable: true, configurable: true });
      return { value: target, ...INTERNAL, secrets: [d.secret] };
    }
    case 'circular': {
      const error = new Error(`loop ${url(d.secret)}`) as Error & Record<string, unknown>;
      if (d.shape === 'self') {
        const o: Record<string, unknown> = { secret: d.secret };
        o['self'] = o;
        return { value: o, ...INTERNAL, secrets: [d.secret] };
      }
      if (d.shape === 'cause-self') error['cause'] = error;
      if (d.shape === 'cause-loop') error['cause'] = { cause: error, note: d.secret };
      if (d.shape === 'nested') error['context'] = { parent: error, list: [error, { error }] };
      if (d.shape === 'aggregate') return { value: new AggregateError([error, error], d.secret), ...INTERNAL, secrets: [d.secret] };
      return { value: error, ...INTERNAL, secrets: [d.secret] };
    }
    case 'boom': {
      const exposed = d.status < 500;
      const value = new Boom.Boom(exposed ? d.vetted : `db ${url(d.secret)}`, { statusCode: d.status, data: { token: d.secret } });
      // Boom only knows standard statuses: for others it falls back to 500.
      const status = value.output.statusCode;
      return { value, status, detail: status < 500 ? d.vetted : null, secrets: [d.secret] };
    }
    case 'http-errors': {
      const value = createError(d.status, `${d.vetted}`, d.expose === undefined ? {} : { expose: d.expose });
      const exposed = d.status < 500 && (d.expose ?? true);
      if (!exposed) value.message = `internal ${url(d.secret)}`;
      return { value, status: d.status, detail: exposed ? d.vetted : null, secrets: [d.secret] };
    }
    case 'axios': {
      const config = { url: url(d.secret), method: 'post', headers: { Authorization: `Bearer ${d.secret}` }, data: { card: d.secret } };
      const response = { status: d.status, statusText: d.secret, data: { leaked: d.secret, host: INTERNAL_HOST }, headers: {}, config };
      const value = new AxiosError(`Request to ${url(d.secret)} failed`, d.code, config as never, {}, response as never);
      const status = d.code === 'ECONNABORTED' || d.code === 'ETIMEDOUT' ? 504 : 502;
      return { value, status, detail: null, secrets: [d.secret] };
    }
    case 'zod': {
      const value = z.object({ name: z.number(), tags: z.array(z.string()) }).safeParse({ name: d.secret, tags: [d.secret, 1] }).error;
      return { value, status: 400, detail: 'The request is invalid.', secrets: [d.secret] };
    }
    case 'joi': {
      const value = Joi.object({ age: Joi.number(), email: Joi.string().email() }).validate(
        { age: d.secret, email: 5 },
        { abortEarly: false },
      ).error;
      return { value, status: 400, detail: 'The request is invalid.', secrets: [d.secret] };
    }
    case 'jwt': {
      const value = new UnauthorizedError(d.code as never, new Error(`jwt ${d.secret} rejected by ${url(d.secret)}`));
      return { value, status: 401, secrets: [d.secret] };
    }
    case 'nest': {
      const message = d.status < 500 ? d.vetted : `replica ${url(d.secret)} is down`;
      const value = new HttpException(d.objectResponse ? { message, secret: d.secret, statusCode: d.status } : message, d.status);
      return { value, status: d.status, detail: d.status < 500 ? d.vetted : null, secrets: [d.secret] };
    }
    case 'captured': {
      const scenario = SCENARIO_BY_NAME.get(d.name)!;
      return { value: scenario.make(m, foreign), status: scenario.expected.status, detail: scenario.expected.detail, secrets: [] };
    }
  }
}
