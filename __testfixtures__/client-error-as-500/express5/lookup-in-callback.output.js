import express from 'express';
import { db } from '../db.js';
import { NotFoundError } from '../errors/index.js';

export const teamsRouter = express.Router();

teamsRouter.get('/teams/:id/members', (req, res, next) => {
  db.get('SELECT * FROM teams WHERE id = ?', [req.params.id], (err, team) => {
    if (err) return res.status(500).json({ error: 'Database error' });
    if (!team) {
      return next(new NotFoundError('Team does not exist'));
    }
    db.all('SELECT * FROM members WHERE team_id = ?', [team.id], (err2, rows) => res.json(rows));
  });
});
