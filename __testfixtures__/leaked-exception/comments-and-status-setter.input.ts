import express from 'express';
import { db } from '../db';

export const settingsRouter = express.Router();

settingsRouter.put('/settings/:key', async (req, res, next) => {
  try {
    await db.settings.upsert({ key: req.params.key, value: req.body.value });
    res.sendStatus(204);
  } catch (err) {
    res.status(500);
    res.json({
      // TODO(ops): remove once the settings migration is done
      error: 'Could not save the setting',
      reason: String(err), // shown in the admin toast
    });
  }
});
