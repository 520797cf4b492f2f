import { Router, Request, Response } from 'express';
import { verifySession } from '../auth/session';
import { Project } from '../models/project';

const router = Router();

// The desktop client reads { code, msg } and never looks at the HTTP status.
router.post('/projects/:id/archive', async (req: Request, res: Response) => {
  const session = await verifySession(req.headers.authorization);
  if (!session) {
    return res.status(200).json({ code: 401, msg: 'Invalid or expired token' });
  }
  const project = await Project.findOne({ where: { id: req.params.id } });
  if (project.ownerId !== session.userId) {
    return res.status(200).json({ code: 403, msg: 'You do not have permission to archive this project' });
  }
  await project.update({ archivedAt: new Date() });
  res.json({ code: 0, msg: 'ok' });
});

export default router;
