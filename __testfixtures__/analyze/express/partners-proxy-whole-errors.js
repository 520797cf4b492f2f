// Partner catalogue proxy (2019). Support asked to "see the real error" in the admin UI.
const express = require('express');
const axios = require('axios');
const mysql = require('mysql');

const pool = mysql.createPool(process.env.MYSQL_URL);
const router = express.Router();

router.get('/partners/:id/catalogue', (req, res) => {
  axios
    .get(`${process.env.PARTNER_API}/v2/catalogue/${req.params.id}?api_key=${process.env.PARTNER_KEY}`)
    .then((r) => res.json(r.data))
    .catch((err) => res.status(500).send(err)); // expect: leaked-exception, leaked-downstream
});

router.get('/partners/:id', (req, res) => {
  pool.query('SELECT * FROM partners WHERE id = ?', [req.params.id], (error, rows) => {
    if (error) return res.status(500).json({ error }); // expect: leaked-exception, leaked-downstream
    if (!rows.length) return res.status(404).json({ error: 'Partner not found' });
    res.json(rows[0]);
  });
});

router.post('/partners/:id/sync', async (req, res) => {
  try {
    await axios.post(`${process.env.PARTNER_API}/v2/sync`, { id: req.params.id });
    res.status(202).json({ queued: true });
  } catch (err) {
    // the message alone is not a downstream detail dump, but it is still the exception's text
    res.status(502).json({ error: 'Partner sync failed', reason: err.message }); // expect: leaked-exception
  }
});

router.get('/partners/:id/logo', async (req, res) => {
  try {
    const logo = await loadLogo(req.params.id);
    res.type('png').send(logo);
  } catch (err) {
    res.status(500).json(err); // expect: leaked-exception
  }
});

module.exports = router;
