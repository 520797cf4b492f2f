import { Router, type Request, type Response, type NextFunction } from 'express';
import { legacyStore } from '../legacy/store.js';
import { InternalError } from '../errors/index.js';

export const tagsRouter = Router();

tagsRouter.get('/tags', (req: Request, res: Response, next: NextFunction) => {
  legacyStore.listTags(req.query.prefix as string, (err: Error | null, tags?: string[]) => {
    if (err) {
      return next(new InternalError(undefined, { cause: err }));
    }
    res.json({ tags });
  });
});
