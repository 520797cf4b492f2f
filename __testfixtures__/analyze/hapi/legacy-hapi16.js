'use strict';

// hapi 16: callable reply(), callbacks everywhere
const Boom = require('boom');
const Order = require('../models/order');

exports.register = function (server, options, next) {
  server.route({
    method: 'GET',
    path: '/orders',
    handler: function (request, reply) {
      Order.find({ userId: request.auth.credentials.id }, function (err, orders) {
        if (err) {
          return reply({ error: err.message }).code(500); // expect: leaked-exception
        }
        reply(orders);
      });
    },
  });

  server.route({
    method: 'GET',
    path: '/orders/{id}',
    handler: function (request, reply) {
      Order.findById(request.params.id, function (err, order) {
        if (err) {
          return reply(err);
        }
        if (!order) {
          return reply(Boom.notFound('Order not found'));
        }
        reply(order);
      });
    },
  });

  server.route({
    method: 'POST',
    path: '/orders/{id}/ship',
    config: {
      handler: function (request, reply) {
        Order.ship(request.params.id, function (err) {
          if (err) {
            return reply(Boom.serverUnavailable(err.message)); // expect: leaked-exception
          }
          reply({ status: 'failed', reason: 'Shipping queue full' }); // expect: error-in-2xx
        });
      },
    },
  });

  next();
};

exports.register.attributes = { name: 'orders', version: '1.0.0' };
