import express, { NextFunction, Request, Response } from 'express';

export const router = express.Router();

router.delete('/sessions/:id', async (req: Request, res: Response, next: NextFunction) => {
  try {
    await revoke(req.params.id);
    res.sendStatus(204);
  } catch (error) {
    res
      .status(500)
      .json({
        message: 'Could not revoke the session',
        details: (error as Error).stack,
      });
  }
});

async function revoke(_id: string): Promise<void> {}
