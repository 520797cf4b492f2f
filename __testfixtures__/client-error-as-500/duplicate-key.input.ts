import { Request, Response } from 'express';
import { UserModel } from '../models/user.model';

export class AccountController {
  async register(req: Request, res: Response) {
    try {
      const user = await UserModel.create({ username: req.body.username, email: req.body.email });
      return res.status(201).json({ id: user.id });
    } catch (err: any) {
      if (err.code === 11000) {
        return res.status(500).json({ error: 'Username already taken' });
      }
      throw err;
    }
  }
}
