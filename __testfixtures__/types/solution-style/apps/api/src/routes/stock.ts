import type { Request, Response } from 'express';
import { InventoryUnavailable } from '@api/upstream';

// `@api/*` only resolves with tsconfig.app.json's paths, not with the solution tsconfig.json next to it.
export function stockFailure(res: Response, failure: InventoryUnavailable) { // type: response express res; error http failure
  res.status(502).json({ error: failure.message });
}

export function getStock(req: Request, res: Response) { // type: response express res
  res.json({ sku: req.params.sku, count: 0 });
}
