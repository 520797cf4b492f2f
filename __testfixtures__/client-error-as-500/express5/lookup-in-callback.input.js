import express from 'express';
import { db } from '../db.js';

export const teamsRouter = express.Router();

teamsRouter.get('/teams/:id/members', (req, res) => {
  db.get('SELECT * FROM teams WHERE id = ?', [req.params.id], (err, team) => {
    if (err) return res.status(500).json({ error: 'Database error' });
    if (!team) {
      return res.status(500).json({ error: 'Team does not exist' });
    }
    db.all('SELECT * FROM members WHERE team_id = ?', [team.id], (err2, rows) => res.json(rows));
  });
});
