// Shared by every pages/api route of this Next.js 12 app (see package.json); it imports nothing from Next.
import { logger } from './logger';

export function handleApiError(req, res, err) {
  logger.error({ err, url: req.url });
  if (err.code === 'P2025') {
    return res.status(404).json({ error: 'Not found' });
  }
  return res.status(500).json({ error: err.message }); // expect: leaked-exception
}

export function withMethods(methods, handler) {
  return async (req, res) => {
    if (!methods.includes(req.method)) {
      res.setHeader('Allow', methods);
      return res.status(405).json({ error: `Method ${req.method} not allowed` });
    }
    try {
      await handler(req, res);
    } catch (err) {
      handleApiError(req, res, err);
    }
  };
}

export function jsonError(message, status = 500) {
  return new Response(JSON.stringify({ success: false, message }), { status, headers: { 'content-type': 'application/json' } });
}
