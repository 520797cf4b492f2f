import { Router } from 'express';
import { listAuditEvents } from '../services/audit.js';

export const auditRouter = Router();

auditRouter.get('/audit', async (req, res) => {
  if (!req.user.isAdmin) {
    return res.status(401).send({ error: 'Admins only' });
  }
  res.send({ events: await listAuditEvents({ limit: 100 }) });
});
