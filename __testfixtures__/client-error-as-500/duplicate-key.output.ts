import { Request, Response, NextFunction } from 'express';
import { UserModel } from '../models/user.model';
import { ConflictError } from '../errors';

export class AccountController {
  async register(req: Request, res: Response, next: NextFunction) {
    try {
      const user = await UserModel.create({ username: req.body.username, email: req.body.email });
      return res.status(201).json({ id: user.id });
    } catch (err: any) {
      if (err.code === 11000) {
        return next(new ConflictError('Username already taken', { cause: err }));
      }
      throw err;
    }
  }
}
