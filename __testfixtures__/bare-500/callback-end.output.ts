import type { Request, Response, NextFunction } from 'express';
import { redis } from '../lib/redis';
import { InternalError } from '../errors';

// POST /sessions/:id/touch  (called by the SPA every minute)
export function touchSession(req: Request, res: Response, next: NextFunction) {
  redis.expire(`sess:${req.params.id}`, 1800, (err) => {
    if (err) {
      return next(new InternalError(undefined, { cause: err }));
    }
    res.status(204).end();
  });
}
