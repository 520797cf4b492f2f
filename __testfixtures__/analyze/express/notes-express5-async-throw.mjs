// Express 5: rejected promises from async handlers go to the error handler.
import express from 'express';
import { z } from 'zod';
import { db } from './db.mjs';
import { search } from './search.mjs';
import {
  NotFoundError,
  ForbiddenError,
  UpstreamError,
  errorHandler,
} from './errors/index.mjs';

const app = express();
app.use(express.json());

const NoteInput = z.object({ title: z.string().min(1), body: z.string().default('') });

app.get('/notes', async (req, res) => {
  const notes = await db.notes.findMany({
    where: { ownerId: req.user.id },
    orderBy: { updatedAt: 'desc' },
  });
  res.json(notes);
});

app.get('/notes/:id', async (req, res) => {
  const note = await db.notes.findUnique({ where: { id: req.params.id } });
  if (!note) throw new NotFoundError('Note not found');
  if (note.ownerId !== req.user.id) throw new ForbiddenError();
  res.json(note);
});

app.post('/notes', async (req, res) => {
  const input = NoteInput.parse(req.body);
  const note = await db.notes.create({ data: { ...input, ownerId: req.user.id } });
  res.status(201).location(`/notes/${note.id}`).json(note);
});

app.delete('/notes/:id', async (req, res) => {
  const { count } = await db.notes.deleteMany({ where: { id: req.params.id, ownerId: req.user.id } });
  if (count === 0) throw new NotFoundError('Note not found');
  res.sendStatus(204);
});

app.get('/search', async (req, res) => {
  try {
    const hits = await search.query({ index: 'notes', q: String(req.query.q ?? ''), owner: req.user.id });
    res.json({ hits, total: hits.length });
  } catch (err) {
    throw new UpstreamError('Search is unavailable', { cause: err, service: 'search' });
  }
});

app.use(errorHandler({ logger: console }));

app.listen(3000, () => console.log('notes api on :3000'));
