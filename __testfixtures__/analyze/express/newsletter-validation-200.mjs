import express from 'express';
import Joi from 'joi';
import { Newsletter } from '../models/newsletter.js';

const router = express.Router();

const subscribeSchema = Joi.object({
  email: Joi.string().email().required(),
  lists: Joi.array().items(Joi.string()).default([]),
});

function validateSignup(body) {
  if (!body.email) return 'Email is required';
  if (!/^[^@\s]+@[^@\s]+$/.test(body.email)) return 'Email is not valid';
  return null;
}

router.post('/subscribe', async (req, res, next) => {
  const { error, value } = subscribeSchema.validate(req.body);
  if (error) {
    return res.status(400).json({ error: error.details[0].message });
  }
  try {
    await Newsletter.subscribe(value.email, value.lists);
    res.status(201).json({ subscribed: true, errors: [] });
  } catch (err) {
    next(err);
  }
});

router.post('/signup-check', (req, res) => {
  const error = validateSignup(req.body);
  if (error) {
    return res.json({ error }); // expect: error-in-2xx
  }
  res.json({ valid: true, error: null });
});

router.post('/unsubscribe', async (req, res, next) => {
  try {
    const removed = await Newsletter.unsubscribe(req.body.token);
    if (!removed) {
      return res.send('Invalid unsubscribe link'); // expect: error-in-2xx
    }
    res.send('You have been unsubscribed.');
  } catch (err) {
    next(err);
  }
});

router.get('/lists/:slug', async (req, res, next) => {
  try {
    const list = await Newsletter.findList(req.params.slug);
    if (!list) {
      return res.send('Mailing list not found'); // expect: error-in-2xx
    }
    res.render('newsletter/list', { list });
  } catch (err) {
    next(err);
  }
});

export default router;
