const express = require('express');
const Booking = require('../models/booking');
const Room = require('../models/room');

const router = express.Router();

router.get('/bookings/:id', async (req, res) => {
  try {
    const booking = await Booking.findById(req.params.id).populate('room');
    if (!booking) {
      return res.status(500).json({ message: 'Could not load booking' }); // expect: client-error-as-500
    }
    res.json(booking);
  } catch (err) {
    if (err.name === 'CastError') {
      return res.status(500).json({ message: 'Bad booking id' }); // expect: client-error-as-500
    }
    res.status(500).json({ message: 'Failed to load booking', code: err.code });
  }
});

router.post('/bookings', async (req, res, next) => {
  const { roomId, from, to } = req.body;
  if (!roomId || !from || !to) {
    return res.status(500).json({ message: 'roomId, from and to are required' }); // expect: client-error-as-500
  }
  try {
    const room = await Room.findById(roomId);
    if (!room) {
      return res.status(404).json({ message: 'Room not found' });
    }
    const booking = await Booking.create({ room: room.id, guest: req.user.id, from, to });
    res.status(201).json(booking);
  } catch (err) {
    if (err.name === 'ValidationError') {
      return res.status(500).json({ message: 'Booking validation failed' }); // expect: client-error-as-500
    }
    if (err.code === 11000) {
      return res.status(409).json({ message: 'Room is already booked for these dates' });
    }
    next(err);
  }
});

router.patch('/bookings/:id/dates', async (req, res, next) => {
  if (!req.body.from) {
    return res.status(400).json({ message: 'from is required' });
  }
  try {
    const booking = await Booking.findById(req.params.id);
    if (!booking) return res.status(404).json({ message: 'Booking not found' });
    booking.from = req.body.from;
    await booking.save();
    res.json(booking);
  } catch (err) {
    if (err.code === 11000) {
      return res.status(500).send('Duplicate booking'); // expect: client-error-as-500
    }
    next(err);
  }
});

router.post('/bookings/:id/pay', async (req, res) => {
  try {
    const receipt = await Booking.pay(req.params.id, req.body.cardToken);
    res.json(receipt);
  } catch (err) {
    console.error('payment failed', err);
    res.status(500).json({ message: 'Invalid card details' }); // expect: client-error-as-500
  }
});

module.exports = router;
