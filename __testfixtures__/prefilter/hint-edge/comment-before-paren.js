const express = require('express');

const app = express();

app.get('/status', async (req, res) => {
  try {
    res.json // the health document as is
      (await health());
  } catch (e) {
    res.status(500).send /* legacy clients read the raw error */ (e.message);
  }
});

async function health() {
  return { ok: true };
}

module.exports = app;
