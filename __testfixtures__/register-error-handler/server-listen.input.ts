import 'dotenv/config';
import express from 'express';
import helmet from 'helmet';
import { router as apiRouter } from './routes';
import { logger } from './logger';

const app = express();
const port = Number(process.env.PORT ?? 3000);

app.use(helmet());
app.use(express.json({ limit: '2mb' }));
app.use('/api', apiRouter);

app.listen(port, () => {
  logger.info(`listening on ${port}`);
});
