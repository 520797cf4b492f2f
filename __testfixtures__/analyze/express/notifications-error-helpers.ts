import express, { Request, Response, NextFunction } from 'express';
import { NotificationService } from '../services/notifications';

const router = express.Router();
const notifications = new NotificationService();

function getErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function handleError(res: Response, error: unknown): void {
  console.error(error);
  res.status(500).json({ error: 'Internal server error' }); // expect: bare-500
}

router.get('/', async (req: Request, res: Response) => {
  try {
    const items = await notifications.forUser(req.user!.id, { unreadOnly: req.query.unread === '1' });
    res.json({ items });
  } catch (err) {
    res.status(500).json({ error: getErrorMessage(err) }); // expect: leaked-exception
  }
});

router.post('/:id/read', async (req: Request<{ id: string }>, res: Response) => {
  try {
    await notifications.markRead(req.params.id, req.user!.id);
    res.status(204).end();
  } catch (err) {
    handleError(res, err);
  }
});

router.post('/read-all', async (req: Request, res: Response, next: NextFunction) => {
  try {
    const count = await notifications.markAllRead(req.user!.id);
    res.json({ updated: count });
  } catch (err) {
    next(err);
  }
});

router.delete('/:id', async (req: Request<{ id: string }>, res: Response) => {
  try {
    await notifications.remove(req.params.id, req.user!.id);
    res.sendStatus(204);
  } catch (err) {
    handleError(res, err);
  }
});

export default router;
