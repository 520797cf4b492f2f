import { Request, Response } from 'express';
import argon2 from 'argon2';
import { UserRepository } from '../repositories/user-repository';
import { TokenService } from '../services/token-service';
import { Mailer } from '../services/mailer';

interface LoginBody {
  email: string;
  password: string;
}

export class AuthController {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
    private readonly mailer: Mailer,
  ) {}

  async login(req: Request<{}, unknown, LoginBody>, res: Response) {
    const { email, password } = req.body;
    const user = await this.users.findByEmail(email);
    if (!user) {
      return res.status(401).json({ message: 'No account found for this email' }); // expect: account-enumeration
    }
    if (!(await argon2.verify(user.passwordHash, password))) {
      return res.status(401).json({ message: 'Incorrect password' });
    }
    if (!user.emailVerifiedAt) {
      return res.status(403).json({ message: 'Please verify your email address first' });
    }
    const session = await this.tokens.issue(user.id);
    return res.json({ accessToken: session.accessToken, expiresIn: session.ttl });
  }

  async requestPasswordReset(req: Request<{}, unknown, { email: string }>, res: Response) {
    const user = await this.users.findByEmail(req.body.email);
    if (!user) {
      return res.status(404).json({ message: 'Email not registered' }); // expect: account-enumeration
    }
    const token = await this.tokens.issueResetToken(user.id);
    await this.mailer.sendReset(user.email, token);
    return res.status(202).json({ message: 'Reset link sent' });
  }

  async logout(req: Request, res: Response) {
    await this.tokens.revoke(req.get('authorization')?.replace('Bearer ', '') ?? '');
    return res.status(204).end();
  }
}
