import type { Request, Response } from 'express';
import { redis } from '../lib/redis';

// POST /sessions/:id/touch  (called by the SPA every minute)
export function touchSession(req: Request, res: Response) {
  redis.expire(`sess:${req.params.id}`, 1800, (err) => {
    if (err) {
      res.status(500).end();
      return;
    }
    res.status(204).end();
  });
}
