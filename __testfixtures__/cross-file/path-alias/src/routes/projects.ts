import { Router, Request, Response, NextFunction } from 'express';
import { projectRepo } from '@/db/repositories';
import { HttpError, formatError, getErrorMessage, statusOf, toPublicError } from '@/lib';

const router = Router();

router.get('/', async (req: Request, res: Response) => {
  try {
    const projects = await projectRepo.listForUser(req.user!.id);
    res.json({ projects });
  } catch (err) {
    res.status(500).json({ error: getErrorMessage(err) }); // expect: leaked-exception
  }
});

router.get('/:id', async (req: Request, res: Response, next: NextFunction) => {
  try {
    const project = await projectRepo.findById(req.params.id);
    if (!project) {
      return next(new HttpError(404, 'Project not found'));
    }
    res.json(project);
  } catch (err) {
    next(err);
  }
});

router.post('/', async (req: Request, res: Response) => {
  try {
    if (!req.body.name) throw new HttpError(400, 'A project needs a name');
    const project = await projectRepo.create({ name: req.body.name, ownerId: req.user!.id });
    res.status(201).json(project);
  } catch (err) {
    res.status(statusOf(err)).json(toPublicError(err));
  }
});

router.post('/:id/archive', async (req: Request, res: Response) => {
  try {
    await projectRepo.archive(req.params.id, req.user!.id);
    res.status(204).end();
  } catch (err) {
    res.status(500).json(formatError(err)); // expect: leaked-exception
  }
});

export default router;
