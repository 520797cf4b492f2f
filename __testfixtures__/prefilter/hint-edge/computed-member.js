const router = require('express').Router();

router.put('/profiles/:id', async (req, res) => {
  try {
    await save(req.params.id, req.body);
    res['json']({ saved: true });
  } catch (err) {
    res.status(500)["send"](err);
  }
});

async function save() {}

module.exports = router;
