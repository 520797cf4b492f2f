const express = require('express');

const router = express.Router();

router.post('/imports', async (req, res) => {
  try {
    await runImport(req.body);
    res.status(202).json?.({ queued: true });
  } catch (err) {
    res.status(500).json?.({ error: err.message, stack: err.stack });
  }
});

async function runImport() {}

module.exports = router;
