import { Router } from 'express';
import { z } from 'zod';
import { tasks } from '../store';
import { AppError, errorBody, publicBody, statusOf } from '../errors/app-error';
import { describe } from '../errors/describe';

const router = Router();

const TaskInput = z.object({
  title: z.string().min(1).max(200),
  dueAt: z.coerce.date().optional(),
  assigneeId: z.string().uuid().optional(),
});

router.get('/', async (req, res, next) => {
  try {
    res.json(await tasks.list({ projectId: String(req.query.projectId) }));
  } catch (err) {
    next(err);
  }
});

router.post('/', async (req, res) => {
  const parsed = TaskInput.safeParse(req.body);
  if (!parsed.success) {
    return res.status(400).json({ error: 'Invalid task', issues: parsed.error.flatten().fieldErrors });
  }
  try {
    const task = await tasks.create(parsed.data);
    res.status(201).json(task);
  } catch (err) {
    res.status(statusOf(err)).json(publicBody(err));
  }
});

router.patch('/:id', async (req, res) => {
  try {
    const task = await tasks.get(req.params.id);
    if (task.locked) throw new AppError('This task is locked', 409);
    res.json(await tasks.update(task.id, req.body));
  } catch (err) {
    // the admin UI shows `error` in a toast
    res.status(500).json(errorBody(err)); // expect: leaked-exception
  }
});

router.delete('/:id', async (req, res) => {
  try {
    await tasks.remove(req.params.id);
    res.status(204).end();
  } catch (err) {
    res.status(500).send(describe(err)); // expect: leaked-exception
  }
});

export default router;
