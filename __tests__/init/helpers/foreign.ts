// Real errors from the libraries the contract maps, captured once from the libraries themselves.
import http from 'node:http';
import axios from 'axios';
import express from 'express';
import { expressjwt } from 'express-jwt';
import Fastify from 'fastify';
import { closeServer, listen } from './net';

export const SECRET = 'sk_live_51HxQ9s3cr3tT0k3nZ';
export const INTERNAL_HOST = 'billing.internal.example';
export const INTERNAL_URL = `http://admin:${SECRET}@${INTERNAL_HOST}:8443/v1/charges?token=${SECRET}`;

export interface ForeignErrors {
  /** body-parser's JSON syntax error (entity.parse.failed). */
  bodyParserJson: unknown;
  /** express-jwt: a malformed token, and no token at all. */
  jwtInvalid: unknown;
  jwtMissing: unknown;
  /** Fastify: schema validation of the body, and a body that is not JSON. */
  fastifyValidation: unknown;
  fastifyInvalidJson: unknown;
  /** axios: a 500 from the downstream (URL with credentials, body with a secret), and a timeout. */
  axiosServerError: unknown;
  axiosTimeout: unknown;
}

async function captureFromExpress(): Promise<Pick<ForeignErrors, 'bodyParserJson' | 'jwtInvalid' | 'jwtMissing'>> {
  const captured: unknown[] = [];
  const app = express();
  app.post('/json', express.json(), (_req, res) => res.end());
  app.get('/jwt', expressjwt({ secret: SECRET, algorithms: ['HS256'] }), (_req, res) => res.end());
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    captured.push(err);
    res.status(500).end();
  });
  const server = http.createServer(app);
  const base = await listen(server);
  await fetch(`${base}/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"card": "${SECRET}"` });
  await fetch(`${base}/jwt`, { headers: { authorization: `Bearer not.a.${SECRET}` } });
  await fetch(`${base}/jwt`);
  await closeServer(server);
  const [bodyParserJson, jwtInvalid, jwtMissing] = captured;
  return { bodyParserJson, jwtInvalid, jwtMissing };
}

async function captureFromFastify(): Promise<Pick<ForeignErrors, 'fastifyValidation' | 'fastifyInvalidJson'>> {
  const captured: unknown[] = [];
  const app = Fastify();
  app.setErrorHandler((error, _request, reply) => {
    captured.push(error);
    return reply.code(500).send();
  });
  app.post(
    '/validated',
    { schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, age: { type: 'integer' } } } } },
    async () => ({ ok: true }),
  );
  await app.inject({ method: 'POST', url: '/validated', payload: { age: 'x' } });
  await app.inject({ method: 'POST', url: '/validated', headers: { 'content-type': 'application/json' }, payload: `{"x": "${SECRET}"` });
  await app.close();
  const [fastifyValidation, fastifyInvalidJson] = captured;
  return { fastifyValidation, fastifyInvalidJson };
}

async function captureFromAxios(): Promise<Pick<ForeignErrors, 'axiosServerError' | 'axiosTimeout'>> {
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/slow')) {
      setTimeout(() => res.end('late'), 300);
      return;
    }
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: `card declined for ${SECRET}`, host: INTERNAL_HOST }));
  });
  const base = await listen(server);
  const errors: unknown[] = [];
  for (const [url, timeout] of [
    [`${base.replace('//', `//admin:${SECRET}@`)}/v1/charges?token=${SECRET}`, 0],
    [`${base}/slow?token=${SECRET}`, 50],
  ] as const) {
    try {
      await axios.get(url, { timeout, headers: { Authorization: `Bearer ${SECRET}` } });
    } catch (error) {
      errors.push(error);
    }
  }
  await closeServer(server);
  const [axiosServerError, axiosTimeout] = errors;
  return { axiosServerError, axiosTimeout };
}

let cache: Promise<ForeignErrors> | undefined;

/** Captures every foreign error once per test file. */
export function foreignErrors(): Promise<ForeignErrors> {
  cache ??= (async () => ({
    ...(await captureFromExpress()),
    ...(await captureFromFastify()),
    ...(await captureFromAxios()),
  }))();
  return cache;
}

/** Shaped like express-oauth2-jwt-bearer's errors (that package is not installed here). */
export class OAuthUnauthorizedError extends Error {
  status = 401;
  statusCode = 401;
  headers: Record<string, string> = { 'WWW-Authenticate': 'Bearer realm="api"' };

  constructor(message = 'Unauthorized') {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

export class OAuthInsufficientScopeError extends OAuthUnauthorizedError {
  code = 'insufficient_scope';

  constructor(scopes: string[] = []) {
    super('Insufficient Scope');
    this.name = 'InsufficientScopeError';
    this.status = 403;
    this.statusCode = 403;
    this.headers = {
      'WWW-Authenticate': `Bearer realm="api", error="insufficient_scope", error_description="Insufficient Scope", scope="${scopes.join(' ')}"`,
    };
  }
}
