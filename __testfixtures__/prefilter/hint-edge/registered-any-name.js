const express = require('express');

const router = express.Router();

// The route registration makes the second parameter a response, whatever it is called.
router.get('/orders/:id', async (rq, out) => {
  try {
    out.json(await loadOrder(rq.params.id));
  } catch (e) {
    out.status(500).json({ error: e.message, stack: e.stack });
  }
});

async function loadOrder() {
  return {};
}

module.exports = router;
