const request = require('supertest');
const { createApp } = require('../src/app');

// An HTTP test: supertest's .post(path).send(body) builds a request, and `res` is a local, not a handler parameter.
describe('POST /orders', () => {
  const app = createApp();

  it('rejects an order without items', async () => {
    const res = await request(app).post('/orders').set('Authorization', 'Bearer t').send({ items: [] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/items/);
  });

  it('creates an order', async () => {
    const res = await request(app).post('/orders').send({ items: [{ sku: 'a', qty: 1 }] });
    expect(res.status).toBe(201);
  });
});
