import { Request, Response, NextFunction } from 'express';
import { logger } from '../lib/logger';

interface HttpError extends Error {
  status?: number;
  statusCode?: number;
  code?: string;
}

export function notFound(req: Request, res: Response): void {
  res.status(404).json({ code: 'not_found', message: `Cannot ${req.method} ${req.path}` });
}

export function errorHandler(err: HttpError, req: Request, res: Response, _next: NextFunction): void {
  const status = err.status ?? err.statusCode ?? 500;
  logger.error({ err, method: req.method, url: req.originalUrl }, err.message);

  res.status(status).json({ // expect: leaked-exception
    code: err.code ?? 'internal_error',
    message: 'Something went wrong',
    stack: process.env.NODE_ENV !== 'production' ? err.stack : undefined,
  });
}
