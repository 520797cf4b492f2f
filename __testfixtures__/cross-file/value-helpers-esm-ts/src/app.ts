import express, { type NextFunction, type Request, type Response } from 'express';
import invoices from './routes/invoices.js';
import reports from './routes/reports.js';
import { getPublicMessage, toLogLine } from './utils/error-utils.js';
import { ErrorFormatter } from './utils/error-formatter.js';

const app = express();
app.use(express.json());

app.use('/invoices', invoices);
app.use('/reports', reports);

app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
  console.error(toLogLine(err, `${req.method} ${req.path}`));
  const status = ErrorFormatter.statusOf(err);
  res.status(status).json({ error: status < 500 ? ErrorFormatter.forClient(err) : getPublicMessage(err) });
});

app.listen(Number(process.env.PORT ?? 8080));
