import type { Request, Response, Router } from 'express';

type Handler = (input: Request, output: Response) => Promise<void>;

/**
 * Every route of the service goes through here so that handlers can be plain async functions.
 * (Written before the team adopted express-async-errors.)
 */
export function route(router: Router, method: 'get' | 'post' | 'put' | 'delete', path: string, handler: Handler): void {
  router[method](path, (req, res, next) => {
    handler(req, res).catch(next);
  });
}
