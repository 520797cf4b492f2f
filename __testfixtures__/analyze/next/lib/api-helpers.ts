import type { NextApiRequest, NextApiResponse } from 'next';

export function sendError(res: NextApiResponse, err: unknown, status = 500) {
  console.error(err);
  res.status(status).json({ message: String(err) }); // expect: leaked-exception
}

export function methodNotAllowed(req: NextApiRequest, res: NextApiResponse, allowed: string[]) {
  res.setHeader('Allow', allowed);
  res.status(405).json({ message: `Method ${req.method} not allowed` });
}

export function withErrors(handler: (req: NextApiRequest, res: NextApiResponse) => Promise<void>) {
  return async (req: NextApiRequest, res: NextApiResponse) => {
    try {
      await handler(req, res);
    } catch (err) {
      res.status(500).json({ message: 'Internal Server Error' }); // expect: bare-500
    }
  };
}
