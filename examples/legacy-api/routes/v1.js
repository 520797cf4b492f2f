'use strict';

// Endpoints for the iOS/Android app before 3.0. Envelope is { status: 1|0, msg, data }
// because that is what the agency built the app against. DO NOT change the shape.
const express = require('express');
const { authenticate } = require('../middleware/auth');
const authController = require('../controllers/authController');
const coupons = require('../controllers/couponsController');

const router = express.Router();

router.post('/login', authController.login);
router.get('/me', authenticate, authController.me);
router.get('/coupons/check', coupons.check);
router.post('/coupons/apply', authenticate, coupons.apply);

module.exports = router;
