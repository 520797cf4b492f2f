import express from 'express';
import session from 'express-session';
import { booksRouter } from './routes/books.js';
import { authorsRouter } from './routes/authors.js';
import { errorHandler } from './src/errors/index.js';

export const app = express();

app.use(express.urlencoded({ extended: true }));
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
app.use('/books', booksRouter);
app.use('/authors', authorsRouter);
app.use(errorHandler());

export default app;
