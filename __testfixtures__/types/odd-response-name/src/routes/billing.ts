import express, { Response, Router, type NextFunction, type Request } from 'express';
import { chargeCard, findInvoice } from '../services/billing';

// Legacy helpers: the response goes by whatever name the author liked that day.
export function sendFailure(out: Response, err: unknown) { // type: response express out
  out.status(500).json({ error: (err as Error).message });
}

export function renderProblem(http: express.Response, status: number, detail: string) { // type: response express http
  http.status(status).type('application/problem+json').send({ status, detail });
}

type AsyncHandler = (req: Request, res: Response, next: NextFunction) => Promise<void>;

function wrap(fn: AsyncHandler) {
  return (req: Request, res: Response, next: NextFunction) => { // type: response express res
    fn(req, res, next).catch(next);
  };
}

const router: Router = express.Router();

router.get('/invoices/:id', async (request, reply) => { // type: response express reply
  try {
    const invoice = await findInvoice(request.params.id);
    if (invoice.paid) {
      const chain = reply.status(409); // type: response express chain
      chain.json({ error: 'already paid' });
      return;
    }
    reply.json(invoice);
  } catch (failure) {
    sendFailure(reply, failure);
  }
});

router.post(
  '/invoices/:id/charge',
  wrap(async (rq, rs) => { // type: response express rs
    const receipt = await chargeCard(rq.params.id, rq.body.card);
    rs.status(201).json(receipt);
  }),
);

router.delete('/invoices/:id', (_req, sink: Response | undefined) => { // type: response express sink
  renderProblem(sink!, 405, 'invoices cannot be deleted');
});

router.use((problem: Error, _req: Request, output: Response, _next: NextFunction) => { // type: error null problem; response express output
  const status = 500;
  const message = problem.message;
  renderProblem(output, status, message);
});

export default router;
