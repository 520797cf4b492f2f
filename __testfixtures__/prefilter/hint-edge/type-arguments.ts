import { Router, Request, Response } from 'express';

interface ErrorBody {
  error: string;
}

const router = Router();

router.get('/reports/:id', async (req: Request, res: Response) => {
  try {
    const report = await loadReport(req.params.id);
    res.json<unknown>(report);
  } catch (err: any) {
    res.status(500).json<ErrorBody>({ error: err.message });
  }
});

declare function loadReport(id: string): Promise<unknown>;

export default router;
