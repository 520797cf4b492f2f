const express = require('express');
const multer = require('multer');
const storage = require('../lib/storage');
const Avatar = require('../models/avatar');

const upload = multer({ limits: { fileSize: 2 * 1024 * 1024 } });
const router = express.Router();

router.post('/avatar', upload.single('avatar'), async (req, res) => {
  try {
    const key = await storage.put(`avatars/${req.user.id}`, req.file.buffer, req.file.mimetype);
    await Avatar.upsert({ userId: req.user.id, key });
    res.redirect(303, '/settings/profile?saved=1');
  } catch (err) {
    res.redirect('/settings/profile?error=' + encodeURIComponent(err.message)); // expect: leaked-exception
  }
});

router.get('/avatar/:userId', async (req, res) => {
  try {
    const avatar = await Avatar.findOne({ where: { userId: req.params.userId } });
    if (!avatar) return res.redirect('/img/default-avatar.png');
    const stream = await storage.get(avatar.key);
    res.set('Cache-Control', 'public, max-age=3600');
    res.type('image/png');
    stream.pipe(res);
  } catch (err) {
    res.set('X-Error', err.message); // expect: leaked-exception
    res.status(502).json({ error: 'Storage unavailable' });
  }
});

router.delete('/avatar', async (req, res, next) => {
  try {
    await storage.remove(`avatars/${req.user.id}`);
    await Avatar.destroy({ where: { userId: req.user.id } });
    res.setHeader('X-Avatar-Removed', 'true');
    res.status(204).end();
  } catch (err) {
    res.append('Warning', `199 - "${err}"`); // expect: leaked-exception
    next(err);
  }
});

router.get('/avatar/:userId/meta', async (req, res, next) => {
  try {
    const avatar = await Avatar.findOne({ where: { userId: req.params.userId } });
    if (!avatar) return res.status(404).json({ error: 'No avatar uploaded' });
    res.header('ETag', `"${avatar.key}"`).json({ key: avatar.key, updatedAt: avatar.updatedAt });
  } catch (err) {
    res.header('Retry-After', '30');
    next(err);
  }
});

module.exports = router;
