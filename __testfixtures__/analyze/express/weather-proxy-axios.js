const express = require('express');
const axios = require('axios');

const router = express.Router();
const weatherApi = axios.create({
  baseURL: 'https://api.openweathermap.org/data/2.5',
  params: { appid: process.env.OPENWEATHER_KEY, units: 'metric' },
  timeout: 5000,
});

router.get('/current', async (req, res) => {
  try {
    const { data } = await weatherApi.get('/weather', { params: { q: req.query.city } });
    res.json({ city: data.name, temp: data.main.temp, description: data.weather[0].description });
  } catch (err) {
    if (err.response) {
      return res.status(err.response.status).json(err.response.data); // expect: leaked-downstream
    }
    res.status(502).json({ error: 'Weather service unavailable' });
  }
});

router.get('/search', async (req, res) => {
  try {
    const { data } = await weatherApi.get('/find', { params: { q: req.query.q, type: 'like' } });
    res.json(data.list.map((c) => ({ id: c.id, name: c.name, country: c.sys.country })));
  } catch (err) {
    if (err.response && err.response.status === 404) {
      return res.status(404).json({ error: 'City not found' });
    }
    res.status(502).json({ error: 'Weather service unavailable' });
  }
});

router.get('/forecast', async (req, res) => {
  try {
    const { data } = await weatherApi.get('/forecast', { params: { q: req.query.city, cnt: 8 } });
    res.json(data.list);
  } catch (err) {
    res.status(502).json({ error: `Request to ${err.config.url} failed` }); // expect: leaked-downstream
  }
});

router.get('/air-quality', (req, res) => {
  weatherApi
    .get('/air_pollution', { params: { lat: req.query.lat, lon: req.query.lon } })
    .then(({ data }) => res.json(data.list[0]))
    .catch((error) => {
      if (error.request && !error.response) {
        return res.status(504).json({ error: 'No response from upstream', upstream: error.request.host }); // expect: leaked-downstream
      }
      res.status(502).json({ error: 'Upstream error', params: error.config.params }); // expect: leaked-downstream
    });
});

module.exports = router;
