import express, { Request, Response } from 'express';
import { SmsService } from '../services/sms';
import { UserRepo } from '../repos/user-repo';

interface ApiResult<T = unknown> {
  code: number;
  message: string;
  data?: T;
}

const router = express.Router();
const sms = new SmsService();
const users = new UserRepo();

const ok = <T>(data: T): ApiResult<T> => ({ code: 0, message: 'success', data });

router.post('/sms/code', async (req: Request, res: Response) => {
  const phone = String(req.body.phone ?? '');
  if (!/^\+?\d{8,15}$/.test(phone)) {
    return res.json({ code: 40001, message: 'Invalid phone number' }); // expect: error-in-2xx
  }
  try {
    await sms.sendCode(phone);
    res.json(ok({ sent: true }));
  } catch (err) {
    res.status(200).send({ code: 50001, message: (err as Error).message }); // expect: leaked-exception, error-in-2xx
  }
});

router.get('/profile', async (req: Request, res: Response) => {
  const user = await users.findById(req.session!.userId as string);
  if (!user) {
    return res.json({ status: 0, msg: 'Please log in again' }); // expect: error-in-2xx
  }
  res.json({ status: 1, msg: 'ok', data: user });
});

router.get('/ping', (_req: Request, res: Response) => {
  const result: ApiResult<null> = { code: 0, message: 'pong', data: null };
  res.json(result);
});

router.post('/sms/verify', async (req: Request, res: Response) => {
  const valid = await sms.verifyCode(String(req.body.phone), String(req.body.code));
  if (!valid) {
    const body: ApiResult = { code: 40002, message: 'Verification code is wrong or expired' };
    return res.json(body); // expect: error-in-2xx
  }
  res.json(ok({ verified: true }));
});

export default router;
