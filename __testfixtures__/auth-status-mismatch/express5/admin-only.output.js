import { Router } from 'express';
import { listAuditEvents } from '../services/audit.js';
import { ForbiddenError } from '../errors/index.js';

export const auditRouter = Router();

auditRouter.get('/audit', async (req, res) => {
  if (!req.user.isAdmin) {
    throw new ForbiddenError('Admins only');
  }
  res.send({ events: await listAuditEvents({ limit: 100 }) });
});
