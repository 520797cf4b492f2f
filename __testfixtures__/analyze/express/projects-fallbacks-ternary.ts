import { Router, Request, Response } from 'express';
import { ProjectService } from '../services/project-service';

interface CreateProjectBody {
  name: string;
  ownerId: string;
  tags?: string[];
}

const router = Router();
const projects = new ProjectService();

router.get('/', async (req: Request, res: Response) => {
  try {
    const list = await projects.listForUser(req.user!.id);
    res.json(list);
  } catch (err) {
    res.status(500).json({ // expect: leaked-exception
      error: err instanceof Error ? err.message : 'Unknown error',
    });
  }
});

router.post('/', async (req: Request<{}, unknown, CreateProjectBody>, res: Response) => {
  try {
    const body = req.body as CreateProjectBody;
    const project = await projects.create(body);
    res.status(201).json(project);
  } catch (err: any) {
    res.status(500).json({ error: err.message || 'Could not create project' }); // expect: leaked-exception
  }
});

router.patch('/:id', async (req: Request<{ id: string }>, res: Response) => {
  try {
    const updated = await projects.update(req.params.id, req.body);
    res.json(updated);
  } catch (error) {
    res.status(500).json({ message: (error as Error)?.message ?? 'Update failed' }); // expect: leaked-exception
  }
});

router.delete('/:id', async (req: Request<{ id: string }>, res: Response) => {
  try {
    await projects.archive(req.params.id);
    res.status(204).end();
  } catch (e: unknown) {
    const reason = typeof e === 'string' ? e : (e as Error).message;
    res.status(500).send(reason); // expect: leaked-exception
  }
});

router.get('/:id/stats', async (req: Request<{ id: string }>, res: Response) => {
  try {
    const stats = await projects.stats(req.params.id);
    res.json(stats);
  } catch (err) {
    const status = (err as { status?: number }).status ?? 500;
    res.status(status).json({ error: status === 404 ? 'Project not found' : 'Could not load stats' });
  }
});

export default router;
