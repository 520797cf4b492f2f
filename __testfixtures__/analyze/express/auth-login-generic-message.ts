import { Router, Request, Response, NextFunction } from 'express';
import bcrypt from 'bcrypt';
import { randomBytes } from 'node:crypto';
import { prisma } from '../db';
import { mailer } from '../mailer';
import { signSession } from '../auth/session';

const router = Router();

interface Credentials {
  email: string;
  password: string;
}

const INVALID_LOGIN = 'Invalid email or password';

router.post('/login', async (req: Request<{}, unknown, Credentials>, res: Response, next: NextFunction) => {
  try {
    const { email, password } = req.body;
    const user = await prisma.user.findUnique({ where: { email: email.toLowerCase() } });
    if (!user) {
      return res.status(401).json({ error: INVALID_LOGIN });
    }
    const ok = await bcrypt.compare(password, user.passwordHash);
    if (!ok) {
      return res.status(401).json({ error: INVALID_LOGIN });
    }
    res.json({ token: signSession(user.id) });
  } catch (err) {
    next(err);
  }
});

router.post('/register', async (req: Request<{}, unknown, Credentials>, res: Response, next: NextFunction) => {
  try {
    const existing = await prisma.user.findUnique({ where: { email: req.body.email } });
    if (existing) {
      return res.status(409).json({ error: 'An account with that email already exists' });
    }
    const passwordHash = await bcrypt.hash(req.body.password, 12);
    const user = await prisma.user.create({ data: { email: req.body.email, passwordHash } });
    res.status(201).json({ id: user.id });
  } catch (err) {
    next(err);
  }
});

router.post('/forgot-password', async (req: Request<{}, unknown, { email: string }>, res: Response, next: NextFunction) => {
  try {
    const user = await prisma.user.findUnique({ where: { email: req.body.email } });
    if (user) {
      const token = randomBytes(32).toString('hex');
      await prisma.passwordReset.create({
        data: { userId: user.id, token, expiresAt: new Date(Date.now() + 3_600_000) },
      });
      await mailer.sendPasswordReset(user.email, token);
    }
    res.json({ message: 'If that email is registered, you will receive a reset link shortly.' });
  } catch (err) {
    next(err);
  }
});

export default router;
