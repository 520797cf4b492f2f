// Every error class and every foreign error of the contract, with the response each must produce.
import Boom from '@hapi/boom';
import { BadRequestException, HttpException, InternalServerErrorException, NotFoundException } from '@nestjs/common';
import createError from 'http-errors';
import Joi from 'joi';
import { expect } from 'vitest';
import { z } from 'zod';
import { INTERNAL_HOST, INTERNAL_URL, OAuthInsufficientScopeError, SECRET, type ForeignErrors } from './foreign';
import type { Generated } from './generated';

export interface FieldError {
  field: string;
  message: string;
}

export interface Expected {
  status: number;
  code: string;
  /** The exact `detail`, or null when the body must have none. */
  detail: string | null;
  /** The exact `errors`; when absent the body must have none. */
  errors?: FieldError[];
  /** Headers that must be present with these values. */
  headers?: Record<string, string>;
}

export interface Scenario {
  name: string;
  make: (m: Generated, foreign: ForeignErrors) => unknown;
  expected: Expected;
}

/** Strings that must never reach a response. */
export const NEVER_IN_RESPONSE = [SECRET, INTERNAL_HOST, 'admin:', '    at ', 'node_modules', '.ts:', '.js:'];

const secretCause = (): Error => new Error(`POST ${INTERNAL_URL} failed: password=${SECRET}`);

function zodError(): unknown {
  const result = z.object({ name: z.string(), age: z.number().min(0) }).safeParse({ name: 42, age: -1, card: SECRET });
  return result.error;
}

function joiError(): unknown {
  return Joi.object({ email: Joi.string().email().required(), age: Joi.number() }).validate(
    { age: SECRET },
    { abortEarly: false },
  ).error;
}

const JWT_CHALLENGE = 'Bearer error="invalid_token"';

export const SCENARIOS: Scenario[] = [
  // The generated classes.
  {
    name: 'http-error',
    make: (m) => new m.HttpError(418, 'This pot only brews tea.', { code: 'TEAPOT', cause: secretCause() }),
    expected: { status: 418, code: 'TEAPOT', detail: 'This pot only brews tea.' },
  },
  {
    name: 'bad-request',
    make: (m) => new m.BadRequestError('The "from" date must come before "to".'),
    expected: { status: 400, code: 'BAD_REQUEST', detail: 'The "from" date must come before "to".' },
  },
  {
    name: 'validation',
    make: (m) =>
      new m.ValidationError('The order is invalid.', {
        errors: [
          { field: 'quantity', message: 'must be at least 1' },
          { field: 'items.0.sku', message: 'is unknown' },
        ],
        cause: secretCause(),
      }),
    expected: {
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The order is invalid.',
      errors: [
        { field: 'quantity', message: 'must be at least 1' },
        { field: 'items.0.sku', message: 'is unknown' },
      ],
    },
  },
  {
    name: 'unauthenticated',
    make: (m) => new m.UnauthenticatedError('Log in to see your orders.'),
    expected: { status: 401, code: 'UNAUTHENTICATED', detail: 'Log in to see your orders.', headers: { 'www-authenticate': 'Bearer' } },
  },
  {
    name: 'forbidden',
    make: (m) => new m.ForbiddenError('Only admins can refund orders.', { cause: secretCause() }),
    expected: { status: 403, code: 'FORBIDDEN', detail: 'Only admins can refund orders.' },
  },
  {
    name: 'not-found',
    make: (m) => new m.NotFoundError('No such order.'),
    expected: { status: 404, code: 'NOT_FOUND', detail: 'No such order.' },
  },
  {
    name: 'conflict',
    make: (m) => new m.ConflictError('That email is already registered.', { code: 'EMAIL_TAKEN' }),
    expected: { status: 409, code: 'EMAIL_TAKEN', detail: 'That email is already registered.' },
  },
  {
    name: 'rate-limited',
    make: (m) => new m.RateLimitedError('Too many login attempts.', { retryAfter: 30 }),
    expected: { status: 429, code: 'RATE_LIMITED', detail: 'Too many login attempts.', headers: { 'retry-after': '30' } },
  },
  {
    name: 'internal',
    make: (m) => new m.InternalError(`query failed: password=${SECRET}`, { cause: secretCause() }),
    expected: { status: 500, code: 'INTERNAL', detail: null },
  },
  {
    name: 'upstream',
    make: (m, f) => new m.UpstreamError(`payments answered 500 for ${INTERNAL_URL}`, { service: 'payments', cause: f.axiosServerError }),
    expected: { status: 502, code: 'UPSTREAM_ERROR', detail: null },
  },
  {
    name: 'service-unavailable',
    make: (m) => new m.ServiceUnavailableError(`maintenance of ${INTERNAL_HOST}`, { retryAfter: 120 }),
    expected: { status: 503, code: 'SERVICE_UNAVAILABLE', detail: null, headers: { 'retry-after': '120' } },
  },
  {
    name: 'upstream-timeout',
    make: (m, f) => new m.UpstreamTimeoutError(`shipping timed out: ${INTERNAL_URL}`, { service: 'shipping', cause: f.axiosTimeout }),
    expected: { status: 504, code: 'UPSTREAM_TIMEOUT', detail: null },
  },

  // Foreign errors.
  {
    name: 'http-errors-404',
    make: () => createError(404, 'No such coupon.'),
    expected: { status: 404, code: 'NOT_FOUND', detail: 'No such coupon.' },
  },
  {
    name: 'http-errors-405',
    make: () => createError(405, 'Use POST.', { headers: { Allow: 'POST', 'Set-Cookie': 'sid=1' } }),
    expected: { status: 405, code: 'METHOD_NOT_ALLOWED', detail: 'Use POST.', headers: { allow: 'POST' } },
  },
  {
    name: 'http-errors-503-exposed',
    make: () => createError(503, `redis at ${INTERNAL_URL} is down`, { expose: true }),
    expected: { status: 503, code: 'SERVICE_UNAVAILABLE', detail: null },
  },
  {
    name: 'http-errors-400-hidden',
    make: () => createError(400, `parser state ${SECRET}`, { expose: false }),
    expected: { status: 400, code: 'BAD_REQUEST', detail: null },
  },
  {
    name: 'boom-404',
    make: () => Boom.notFound('No such invoice.', { secret: SECRET }),
    expected: { status: 404, code: 'NOT_FOUND', detail: 'No such invoice.' },
  },
  {
    name: 'boom-401',
    make: () => Boom.unauthorized('Token expired.', 'Bearer'),
    expected: {
      status: 401,
      code: 'UNAUTHENTICATED',
      detail: 'Token expired.',
      headers: { 'www-authenticate': 'Bearer error="Token expired."' },
    },
  },
  {
    name: 'boom-502',
    make: () => Boom.badGateway(`upstream ${INTERNAL_URL} said no`),
    expected: { status: 502, code: 'UPSTREAM_ERROR', detail: null },
  },
  {
    name: 'boom-504',
    make: () => Boom.gatewayTimeout(`upstream ${INTERNAL_URL} timed out`),
    expected: { status: 504, code: 'UPSTREAM_TIMEOUT', detail: null },
  },
  {
    name: 'body-parser-json',
    make: (_m, f) => f.bodyParserJson,
    expected: { status: 400, code: 'INVALID_JSON', detail: 'The request body is not valid JSON.' },
  },
  {
    name: 'express-jwt-invalid',
    make: (_m, f) => f.jwtInvalid,
    expected: {
      status: 401,
      code: 'UNAUTHENTICATED',
      detail: 'The access token is invalid or has expired.',
      headers: { 'www-authenticate': JWT_CHALLENGE },
    },
  },
  {
    name: 'express-jwt-missing',
    make: (_m, f) => f.jwtMissing,
    expected: {
      status: 401,
      code: 'UNAUTHENTICATED',
      detail: 'No authorization token was found.',
      headers: { 'www-authenticate': 'Bearer' },
    },
  },
  {
    name: 'oauth2-insufficient-scope',
    make: () => new OAuthInsufficientScopeError(['orders:write']),
    expected: {
      status: 403,
      code: 'FORBIDDEN',
      detail: 'The access token does not grant the required scope.',
      headers: {
        'www-authenticate':
          'Bearer realm="api", error="insufficient_scope", error_description="Insufficient Scope", scope="orders:write"',
      },
    },
  },
  {
    name: 'zod',
    make: () => zodError(),
    expected: {
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The request is invalid.',
      errors: [
        { field: 'name', message: 'Invalid input: expected string, received number' },
        { field: 'age', message: 'Too small: expected number to be >=0' },
      ],
    },
  },
  {
    name: 'joi',
    make: () => joiError(),
    expected: {
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The request is invalid.',
      errors: [
        { field: 'email', message: '"email" is required' },
        { field: 'age', message: '"age" must be a number' },
      ],
    },
  },
  {
    name: 'fastify-validation',
    make: (_m, f) => f.fastifyValidation,
    expected: {
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The request is invalid.',
      errors: [{ field: 'name', message: "must have required property 'name'" }],
    },
  },
  {
    name: 'fastify-invalid-json',
    make: (_m, f) => f.fastifyInvalidJson,
    expected: { status: 400, code: 'INVALID_JSON', detail: 'The request body is not valid JSON.' },
  },
  {
    name: 'axios-500',
    make: (_m, f) => f.axiosServerError,
    expected: { status: 502, code: 'UPSTREAM_ERROR', detail: null },
  },
  {
    name: 'axios-timeout',
    make: (_m, f) => f.axiosTimeout,
    expected: { status: 504, code: 'UPSTREAM_TIMEOUT', detail: null },
  },
  {
    name: 'nest-not-found',
    make: () => new NotFoundException('No such cat.'),
    expected: { status: 404, code: 'NOT_FOUND', detail: 'No such cat.' },
  },
  {
    name: 'nest-validation',
    make: () => new BadRequestException(['name must be a string', 'age must not be less than 0']),
    expected: {
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The request is invalid.',
      errors: [
        { field: 'name', message: 'name must be a string' },
        { field: 'age', message: 'age must not be less than 0' },
      ],
    },
  },
  {
    name: 'nest-500',
    make: () => new InternalServerErrorException(`pool exhausted at ${INTERNAL_URL}`),
    expected: { status: 500, code: 'INTERNAL', detail: null },
  },
  {
    name: 'nest-custom-object',
    make: () => new HttpException({ statusCode: 400, message: 'Coupon expired.', internal: SECRET }, 400),
    expected: { status: 400, code: 'BAD_REQUEST', detail: 'Coupon expired.' },
  },

  // Everything else is a 500 with nothing of the thrown value in it.
  {
    name: 'plain-error',
    make: () => new TypeError(`Cannot read properties of undefined (reading '${SECRET}')`, { cause: secretCause() }),
    expected: { status: 500, code: 'INTERNAL', detail: null },
  },
  {
    name: 'status-without-expose',
    make: () => Object.assign(new Error(`Stripe: no such customer ${SECRET}`), { statusCode: 404, raw: { url: INTERNAL_URL } }),
    expected: { status: 500, code: 'INTERNAL', detail: null },
  },
  {
    name: 'thrown-string',
    make: () => `connect ${INTERNAL_URL} ECONNREFUSED`,
    expected: { status: 500, code: 'INTERNAL', detail: null },
  },
  {
    name: 'thrown-object',
    make: () => ({ statusCode: 400, message: `bad ${SECRET}` }),
    expected: { status: 500, code: 'INTERNAL', detail: null },
  },
];

export const SCENARIO_BY_NAME = new Map(SCENARIOS.map((s) => [s.name, s]));

const BODY_KEYS = new Set(['type', 'title', 'status', 'code', 'requestId', 'detail', 'instance', 'errors']);
/** A random (version 4) UUID, as generated request ids are. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export interface ResponseLike {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export async function read(response: Response): Promise<ResponseLike> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: response.status, headers, text: await response.text() };
}

/** A valid problem+json response with nothing secret in it; returns the body. */
export function expectProblem(response: ResponseLike, expected: Expected, requestId?: string): Record<string, unknown> {
  expect(response.headers['content-type'], response.text).toBe('application/problem+json');
  expect(response.status, response.text).toBe(expected.status);
  const body = JSON.parse(response.text) as Record<string, unknown>;
  for (const key of Object.keys(body)) expect(BODY_KEYS.has(key), `unexpected member ${key}`).toBe(true);
  expect(body['type']).toBe('about:blank');
  expect(typeof body['title']).toBe('string');
  expect(body['status']).toBe(expected.status);
  expect(body['code']).toBe(expected.code);
  expect(body['requestId']).toBe(response.headers['x-request-id']);
  if (requestId !== undefined) expect(body['requestId']).toBe(requestId);
  else expect(body['requestId']).toMatch(UUID);
  if (expected.detail === null) expect(body).not.toHaveProperty('detail');
  else expect(body['detail']).toBe(expected.detail);
  if (expected.errors === undefined) expect(body).not.toHaveProperty('errors');
  else expect(body['errors']).toEqual(expected.errors);
  for (const [name, value] of Object.entries(expected.headers ?? {})) expect(response.headers[name]).toBe(value);
  expect(response.headers).not.toHaveProperty('set-cookie');
  const everything = `${response.text}\n${Object.values(response.headers).join('\n')}`;
  for (const secret of NEVER_IN_RESPONSE) expect(everything).not.toContain(secret);
  return body;
}
