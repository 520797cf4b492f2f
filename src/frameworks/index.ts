import { express } from './express';
import { fastify } from './fastify';
import { hapi } from './hapi';
import { koa } from './koa';
import { nestjs } from './nestjs';
import { next } from './next';
import { nodeHttp } from './node-http';
import type { FrameworkModel } from './types';

/**
 * Framework models in the order they are asked about a function: the most specific first (the first model that
 * gives a function a role wins). node:http servers are the narrowest shape; NestJS claims its class methods before
 * the Express/Fastify adapters underneath it; Next.js claims pages API `(req, res)` before Express; Fastify, hapi
 * and Koa claim their own parameter shapes (`reply`, `h`, `ctx`); Express takes what is left.
 */
export const FRAMEWORKS: readonly FrameworkModel[] = [nodeHttp, nestjs, next, fastify, hapi, koa, express];
