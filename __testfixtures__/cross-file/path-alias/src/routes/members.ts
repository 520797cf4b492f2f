import { Router, Request, Response, NextFunction } from 'express';
import { memberRepo } from '@/db/repositories';
import formatError from '@/lib/format-error';
import { getErrorMessage } from '@/i18n/messages';
import { isHttpError } from '../lib/errors';

const router = Router({ mergeParams: true });

router.get('/', async (req: Request, res: Response, next: NextFunction) => {
  try {
    res.json(await memberRepo.list(req.params.projectId));
  } catch (err) {
    next(err);
  }
});

router.post('/', async (req: Request, res: Response) => {
  try {
    const member = await memberRepo.add(req.params.projectId, req.body.userId, req.body.role);
    res.status(201).json(member);
  } catch (err: any) {
    if (err.code === 'MEMBER_EXISTS') {
      return res.status(409).json({ error: getErrorMessage('member.exists', req.acceptsLanguages('en', 'de') || 'en') });
    }
    if (isHttpError(err) && err.status === 423) {
      return res.status(err.status).json({ error: getErrorMessage('project.locked') });
    }
    res.status(500).json({ error: 'Could not add the member', details: formatError(err).message }); // expect: leaked-exception
  }
});

router.delete('/:userId', async (req: Request, res: Response) => {
  try {
    const removed = await memberRepo.remove(req.params.projectId, req.params.userId);
    if (!removed) {
      return res.status(404).json({ error: getErrorMessage('member.notFound') });
    }
    res.status(204).end();
  } catch (err) {
    const { message, stack } = formatError(err);
    console.error(stack);
    res.status(500).json({ error: 'Could not remove the member', reason: message }); // expect: leaked-exception
  }
});

export default router;
