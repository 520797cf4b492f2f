'use strict';

const axios = require('axios');
const logger = require('pino')();

const USERS_URL = process.env.USERS_URL || 'http://users.internal:4000';
const PREFS_URL = process.env.PREFS_URL || 'http://preferences.internal:4010';
const UPDATABLE = ['displayName', 'locale', 'timezone', 'avatarUrl'];

exports.getUser = async (id) => (await axios.get(`${USERS_URL}/users/${id}`)).data;

exports.getActivity = function (id, limit) {
  return axios
    .get(`${USERS_URL}/users/${id}/activity`, { params: { limit, token: process.env.USERS_TOKEN } })
    .then((r) => r.data.items);
};

// Preferences are optional: when the service is down we fail with our own error, not axios'.
exports.getPreferences = async (id) => {
  try {
    const { data } = await axios.get(`${PREFS_URL}/preferences/${id}`, { timeout: 2000 });
    return data;
  } catch (err) {
    logger.warn({ err, userId: id }, 'preferences lookup failed');
    const unavailable = new Error('Preferences are temporarily unavailable');
    unavailable.status = 503;
    throw unavailable;
  }
};

exports.saveUser = async (id, changes) => {
  const { data } = await axios.patch(`${USERS_URL}/users/${id}`, changes);
  return data;
};

// Pure validation, no I/O.
exports.pickUpdatableFields = (body) => {
  if (!body || typeof body !== 'object') throw new TypeError('Expected a JSON object');
  const unknown = Object.keys(body).filter((k) => !UPDATABLE.includes(k));
  if (unknown.length) throw new TypeError(`Unknown fields: ${unknown.join(', ')}`);
  return UPDATABLE.reduce((acc, k) => (k in body ? { ...acc, [k]: body[k] } : acc), {});
};
