// One small app per adapter, wired the way init's instructions say, with the generated module.
// Every app has GET /throw/:name, which throws (or passes to next()) produce(name), plus a few
// framework-specific routes. Apps can listen on 127.0.0.1 (fetch) or be driven in-process (inject).
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import Router from '@koa/router';
import { Body, Controller, Get, Module, Param, ParseIntPipe, Post, Req, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express4 from 'express';
import { expressjwt } from 'express-jwt';
import Fastify, { type FastifyInstance } from 'fastify';
import Koa from 'koa';
import { inject } from 'light-my-request';
import type { Framework } from '../../../src/init';
import { SECRET } from './foreign';
import type { Generated } from './generated';
import { closeServer, listen } from './net';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
const express5 = require('express5') as typeof express4;

export type Adapter = 'express4' | 'express5' | 'koa' | 'fastify' | 'nestjs' | 'next-app' | 'next-pages';
export const ADAPTERS: Adapter[] = ['express4', 'express5', 'koa', 'fastify', 'nestjs', 'next-app', 'next-pages'];
export const FRAMEWORK_OF: Record<Adapter, Framework> = {
  express4: 'express',
  express5: 'express',
  koa: 'koa',
  fastify: 'fastify',
  nestjs: 'nestjs',
  'next-app': 'next',
  'next-pages': 'next',
};

export interface Injected {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface App {
  /** Base URL when listening. */
  url?: string;
  /** A request through the real socket (listening apps) or in-process (next-app). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The same request, in-process. */
  inject(path: string, headers?: Record<string, string>): Promise<Injected>;
  /** A GET through the real socket with node:http (fetch refuses some statuses, 407 for one). */
  get(path: string, headers?: Record<string, string>): Promise<Injected>;
  close(): Promise<void>;
}

export type Produce = (name: string) => unknown;

function flatten(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

const agent = new http.Agent({ keepAlive: true });

function httpGet(url: string | undefined, path: string, headers: Record<string, string> = {}): Promise<Injected> {
  if (url === undefined) return Promise.reject(new Error('not listening'));
  return new Promise((resolve, reject) => {
    http
      .get(`${url}${path}`, { agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: flatten(res.headers), text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/**
 * light-my-request injects into an Express app by re-parenting Express's module-wide request/response
 * prototypes, which breaks every later real server in the process. Give the app private copies first.
 */
function privatePrototypes(app: any): void {
  for (const key of ['request', 'response']) {
    const shared = Object.getPrototypeOf(app[key]) as object;
    Object.setPrototypeOf(app[key], Object.create(Object.getPrototypeOf(shared), Object.getOwnPropertyDescriptors(shared)));
  }
}

/** An App around a Node (req, res) listener. */
async function nodeApp(listener: http.RequestListener, listening: boolean, onClose?: () => Promise<void>): Promise<App> {
  const server = listening ? http.createServer(listener) : undefined;
  const url = server ? await listen(server) : undefined;
  return {
    ...(url !== undefined && { url }),
    fetch: (path, init) => {
      if (url === undefined) throw new Error('not listening');
      return fetch(`${url}${path}`, init);
    },
    inject: async (path, headers = {}) => {
      const res = await inject(listener as any, { method: 'GET', url: path, headers });
      return { status: res.statusCode, headers: flatten(res.headers), text: res.payload };
    },
    get: (path, headers) => httpGet(url, path, headers),
    close: async () => {
      if (server) await closeServer(server);
      await onClose?.();
    },
  };
}

function expressApp(lib: typeof express4, m: Generated, options: object, produce: Produce): express4.Express {
  const app = lib();
  app.use(lib.json());
  app.get('/throw/:name', (req, _res, next) => next(produce(req.params['name'] ?? '')));
  app.get('/sync-throw/:name', (req) => {
    throw produce(req.params['name'] ?? '');
  });
  app.post('/json', (req, res) => {
    res.json(req.body);
  });
  app.get('/jwt', expressjwt({ secret: SECRET, algorithms: ['HS256'] }), (_req, res) => {
    res.end('ok');
  });
  app.get('/partial', (_req, res, next) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial body');
    setTimeout(() => next(new Error(`late failure ${SECRET}`)), 10);
  });
  app.use(m.notFoundHandler());
  app.use(m.errorHandler(options));
  return app;
}

function koaApp(m: Generated, options: object, produce: Produce): Koa {
  const app = new Koa();
  app.silent = true;
  app.use(m.errorMiddleware(options));
  const router = new Router();
  router.get('/throw/:name', (ctx) => {
    throw produce(ctx.params['name'] ?? '');
  });
  router.get('/ctx-throw', (ctx) => ctx.throw(404, 'No such page.'));
  router.get('/stream-error', (ctx) => {
    ctx.set('X-Custom', 'kept-away');
    ctx.body = new Readable({
      read() {
        this.destroy(new Error(`disk read failed: ${SECRET}`));
      },
    });
  });
  router.get('/empty-401', (ctx) => {
    ctx.status = 401;
    ctx.set('WWW-Authenticate', 'Basic realm="admin"');
  });
  router.get('/partial', async (ctx) => {
    ctx.respond = false;
    ctx.res.writeHead(200, { 'content-type': 'text/plain' });
    ctx.res.write('partial body');
    await new Promise((resolve) => setTimeout(resolve, 10));
    throw new Error(`late failure ${SECRET}`);
  });
  app.use(router.routes());
  return app;
}

function fastifyApp(m: Generated, options: object, produce: Produce): FastifyInstance {
  const app = Fastify();
  app.setErrorHandler(m.errorHandler(options));
  app.setNotFoundHandler(m.notFoundHandler());
  app.get<{ Params: { name: string } }>('/throw/:name', async (request) => {
    throw produce(request.params.name);
  });
  app.post(
    '/validated',
    { schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
    async (request) => request.body,
  );
  app.get('/partial', async (_request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'text/plain' });
    reply.raw.write('partial body');
    throw new Error(`late failure ${SECRET}`);
  });
  return app;
}

async function nestApp(m: Generated, options: object, produce: Produce): Promise<INestApplication> {
  class ThrowController {
    throwIt(req: { params: Record<string, string> }): never {
      throw produce(req.params['name'] ?? '');
    }
    parse(id: number): object {
      return { id };
    }
    echo(body: unknown): unknown {
      return body;
    }
    partial(req: { res: http.ServerResponse }): Promise<never> {
      req.res.writeHead(200, { 'content-type': 'text/plain' });
      req.res.write('partial body');
      return new Promise((_resolve, reject) => setTimeout(() => reject(new Error(`late failure ${SECRET}`)), 10));
    }
  }
  // Decorators applied by hand: the repo's tsconfig has no experimentalDecorators.
  const proto = ThrowController.prototype;
  const route = (decorator: MethodDecorator, method: keyof ThrowController): void => {
    decorator(proto, method, Object.getOwnPropertyDescriptor(proto, method)!);
  };
  route(Get('throw/:name'), 'throwIt');
  Req()(proto, 'throwIt', 0);
  route(Get('parse/:id'), 'parse');
  Param('id', ParseIntPipe)(proto, 'parse', 0);
  route(Post('json'), 'echo');
  Body()(proto, 'echo', 0);
  route(Get('partial'), 'partial');
  Req()(proto, 'partial', 0);
  Controller()(ThrowController);
  class AppModule {}
  Module({ controllers: [ThrowController] })(AppModule);

  const app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
  app.useGlobalFilters(new m.ProblemDetailsFilter(options));
  return app;
}

/** Mimics Next's pages API runtime: res.status()/json()/send(), and a 500 when the handler throws. */
function nextPagesListener(m: Generated, options: object, produce: Produce): http.RequestListener {
  const handler = m.withErrorHandler(async (req: http.IncomingMessage, res: any) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/partial') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial body');
      throw new Error(`late failure ${SECRET}`);
    }
    if (url.pathname === '/ok') return res.status(200).json({ ok: true });
    throw produce(url.pathname.split('/').pop() ?? '');
  }, options);
  return (req, res) => {
    const r = res as any;
    r.status = (code: number) => {
      res.statusCode = code;
      return r;
    };
    r.json = (body: unknown) => {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(body));
    };
    Promise.resolve(handler(req, res)).catch(() => {
      // What Next does with an error that escapes the handler.
      if (res.headersSent) res.destroy();
      else {
        res.statusCode = 500;
        res.end('Internal Server Error');
      }
    });
  };
}

function nextAppApp(m: Generated, options: object, produce: Produce): App {
  const GET = m.withErrorHandler(async (request: Request, context: { params: Promise<Record<string, string>> }) => {
    const params = await context.params;
    const name = params['name'] ?? new URL(request.url).pathname.split('/').pop() ?? '';
    if (name === 'ok') return Response.json({ ok: true });
    throw produce(name);
  }, options);
  const call = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
    GET(new Request(`http://localhost${path}`, { headers }), { params: Promise.resolve({}) });
  return {
    fetch: (path, init) => call(path, (init?.headers as Record<string, string> | undefined) ?? {}),
    inject: async (path, headers) => {
      const res = await call(path, headers);
      const out: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        out[name] = value;
      });
      return { status: res.status, headers: out, text: await res.text() };
    },
    get: () => Promise.reject(new Error('not a server')),
    close: async () => {},
  };
}

/** Builds the app for `adapter`; `listen` starts a real server on 127.0.0.1 (not for next-app). */
export async function startApp(adapter: Adapter, m: Generated, options: object, produce: Produce, listen = true): Promise<App> {
  switch (adapter) {
    case 'express4':
    case 'express5': {
      const app = expressApp(adapter === 'express4' ? express4 : express5, m, options, produce);
      privatePrototypes(app);
      return nodeApp(app, listen);
    }
    case 'koa':
      return nodeApp(koaApp(m, options, produce).callback(), listen);
    case 'next-pages':
      return nodeApp(nextPagesListener(m, options, produce), listen);
    case 'next-app':
      return nextAppApp(m, options, produce);
    case 'fastify': {
      const app = fastifyApp(m, options, produce);
      const url = listen ? await app.listen({ port: 0, host: '127.0.0.1' }) : undefined;
      if (!listen) await app.ready();
      return {
        ...(url !== undefined && { url }),
        fetch: (path, init) => fetch(`${url}${path}`, init),
        inject: async (path, headers = {}) => {
          const res = await app.inject({ method: 'GET', url: path, headers });
          return { status: res.statusCode, headers: flatten(res.headers), text: res.payload };
        },
        get: (path, headers) => httpGet(url, path, headers),
        close: () => app.close(),
      };
    }
    case 'nestjs': {
      const app = await nestApp(m, options, produce);
      if (!listen) {
        await app.init();
        const instance = app.getHttpAdapter().getInstance();
        privatePrototypes(instance);
        return nodeApp(instance, false, () => app.close());
      }
      await app.listen(0, '127.0.0.1');
      const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      return {
        url,
        fetch: (path, init) => fetch(`${url}${path}`, init),
        inject: () => Promise.reject(new Error('use fetch')),
        get: (path, headers) => httpGet(url, path, headers),
        close: () => app.close(),
      };
    }
  }
}
