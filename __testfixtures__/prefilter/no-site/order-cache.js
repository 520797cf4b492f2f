'use strict';

// A cache of orders in a Map: no HTTP response anywhere.
const cache = new Map();
const TTL_MS = 60_000;

function get(id) {
  const hit = cache.get(id);
  if (!hit || hit.expires < Date.now()) return undefined;
  return hit.value;
}

function set(id, value) {
  cache.set(id, { value, expires: Date.now() + TTL_MS });
}

module.exports = { get, set };
