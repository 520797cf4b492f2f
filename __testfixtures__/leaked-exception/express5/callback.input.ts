import { Router, type Request, type Response } from 'express';
import { legacyStore } from '../legacy/store.js';

export const tagsRouter = Router();

tagsRouter.get('/tags', (req: Request, res: Response) => {
  legacyStore.listTags(req.query.prefix as string, (err: Error | null, tags?: string[]) => {
    if (err) {
      return res.status(500).json({ error: err });
    }
    res.json({ tags });
  });
});
