import { Request, Response, NextFunction } from 'express';
import { ValidationError, NotFoundError } from '../errors';
import { AccountService } from '../services/account-service';

interface UpdateAccountBody {
  displayName?: string;
  timezone?: string;
}

const accounts = new AccountService();

export async function getAccount(req: Request<{ id: string }>, res: Response, next: NextFunction) {
  try {
    const account = await accounts.findById(req.params.id);
    if (!account) {
      return res.status(404).json({ error: 'Account not found' });
    }
    return res.json(account);
  } catch (err) {
    return next(err);
  }
}

export async function updateAccount(
  req: Request<{ id: string }, unknown, UpdateAccountBody>,
  res: Response,
  next: NextFunction,
) {
  try {
    const updated = await accounts.update(req.params.id, req.body);
    return res.json(updated);
  } catch (err) {
    if (err instanceof ValidationError) {
      return res.status(500).json({ error: 'Account update rejected' }); // expect: client-error-as-500
    }
    if (err instanceof NotFoundError) {
      return res.status(404).json({ error: 'Account not found' });
    }
    return next(err);
  }
}

export async function deleteAccount(req: Request<{ id: string }>, res: Response, next: NextFunction) {
  const confirm = req.body?.confirm as string | undefined;
  if (!confirm) {
    return res.status(500).json({ error: 'Confirmation missing' }); // expect: client-error-as-500
  }
  try {
    await accounts.scheduleDeletion(req.params.id, confirm);
    return res.status(202).json({ scheduled: true });
  } catch (err) {
    return next(err);
  }
}

export async function changeEmail(req: Request, res: Response) {
  const { email } = req.body as { email?: string };
  if (!email) {
    return res.status(400).json({ error: 'Email is required' });
  }
  try {
    await accounts.changeEmail(req.user!.id, email);
    return res.status(204).end();
  } catch (err) {
    console.error(err);
    return res.status(500).json({ error: 'That email address already exists' }); // expect: client-error-as-500
  }
}
