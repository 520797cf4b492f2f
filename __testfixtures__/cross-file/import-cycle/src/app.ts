import express, { ErrorRequestHandler } from 'express';
import tasksRouter from './routes/tasks';
import { publicBody, statusOf } from './errors/app-error';
import { describe } from './errors/describe';

const app = express();
app.use(express.json());
app.use('/tasks', tasksRouter);

const onError: ErrorRequestHandler = (err, req, res, _next) => {
  console.error(`${req.method} ${req.originalUrl} failed: ${describe(err)}`);
  res.status(statusOf(err)).json(publicBody(err));
};
app.use(onError);

export default app;
