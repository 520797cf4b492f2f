import express from 'express';
import { db } from '../db';
import { InternalError } from '../errors';

export const settingsRouter = express.Router();

settingsRouter.put('/settings/:key', async (req, res, next) => {
  try {
    await db.settings.upsert({ key: req.params.key, value: req.body.value });
    res.sendStatus(204);
  } catch (err) {
    // TODO(ops): remove once the settings migration is done
    // shown in the admin toast
    return next(new InternalError('Could not save the setting', { cause: err }));
  }
});
