import { Request, Response, NextFunction, RequestHandler } from 'express';
import jwt, { JwtPayload, TokenExpiredError } from 'jsonwebtoken';
import { documents } from '../services/documents';

type Role = 'viewer' | 'editor' | 'admin';

interface AuthUser {
  id: string;
  role: Role;
  isAdmin: boolean;
}

declare global {
  namespace Express {
    interface Request {
      user?: AuthUser;
    }
  }
}

export function authenticate(req: Request, res: Response, next: NextFunction) {
  const header = req.get('authorization');
  const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
  if (!token) {
    return res.status(401).json({ error: 'Authentication required' });
  }
  try {
    const payload = jwt.verify(token, process.env.JWT_SECRET as string) as JwtPayload & AuthUser;
    req.user = { id: payload.sub as string, role: payload.role, isAdmin: payload.role === 'admin' };
    return next();
  } catch (err) {
    if (err instanceof TokenExpiredError) {
      return res.status(403).json({ error: 'Token expired' }); // expect: auth-status-mismatch
    }
    return res.status(401).json({ error: 'Invalid token' });
  }
}

export const requireRole = (...roles: Role[]): RequestHandler => (req, res, next) => {
  if (!req.user) {
    return res.status(403).json({ error: 'Forbidden' }); // expect: auth-status-mismatch
  }
  if (!roles.includes(req.user.role)) {
    return res.status(401).json({ error: 'Insufficient role' }); // expect: auth-status-mismatch
  }
  next();
};

export function requireAdmin(req: Request, res: Response, next: NextFunction) {
  if (req.user?.role !== 'admin') {
    return res.status(403).json({ error: 'Admins only' });
  }
  next();
}

export async function canEditDocument(req: Request<{ id: string }>, res: Response, next: NextFunction) {
  const doc = await documents.findById(req.params.id);
  if (!doc) {
    return res.status(404).json({ error: 'Document not found' });
  }
  if (!req.user!.isAdmin && doc.ownerId !== req.user!.id) {
    return res.status(403).json({ error: 'You can only edit your own documents' });
  }
  next();
}
