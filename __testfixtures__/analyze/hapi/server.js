'use strict';

const Hapi = require('@hapi/hapi');
const Boom = require('@hapi/boom');
const Joi = require('joi');
const Product = require('./models/product');

const init = async () => {
  const server = Hapi.server({ port: 3000, host: 'localhost' });

  server.route({
    method: 'GET',
    path: '/products/{id}',
    handler: async (request, h) => {
      try {
        const product = await Product.findById(request.params.id);
        if (!product) {
          throw Boom.notFound('Product not found');
        }
        return product;
      } catch (err) {
        if (err.isBoom) throw err;
        // Boom hides the message of a 500
        throw Boom.badImplementation(err.message);
      }
    },
  });

  server.route({
    method: 'GET',
    path: '/products/{id}/stock',
    handler: async (request, h) => {
      try {
        return await Product.stockFromWarehouse(request.params.id);
      } catch (err) {
        // ...but not of a 502
        throw Boom.badGateway(err.message); // expect: leaked-exception
      }
    },
  });

  server.route({
    method: 'POST',
    path: '/products',
    options: {
      validate: {
        payload: Joi.object({ name: Joi.string().required(), priceCents: Joi.number().integer().min(0) }),
        failAction: (request, h, err) => {
          return h.response({ message: err.message }).code(400).takeover(); // expect: leaked-exception
        },
      },
      handler: async (request, h) => {
        try {
          const product = await Product.create(request.payload);
          return h.response(product).code(201);
        } catch (err) {
          return h.response({ error: err.message }).code(500); // expect: leaked-exception
        }
      },
    },
  });

  server.route({
    method: 'PUT',
    path: '/products/{id}',
    options: {
      validate: {
        params: Joi.object({ id: Joi.string().hex().length(24) }),
        failAction: async (request, h, err) => {
          request.log(['validation'], err);
          throw Boom.badRequest('Invalid product id');
        },
      },
    },
    handler: async (request, h) => {
      const product = await Product.findById(request.params.id);
      if (!product) {
        return h.response({ success: false, message: 'Product not found' }); // expect: error-in-2xx
      }
      try {
        return await product.update(request.payload);
      } catch (err) {
        throw Boom.badImplementation(); // expect: bare-500
      }
    },
  });

  server.route({
    method: 'DELETE',
    path: '/products/{id}',
    handler: async (request, h) => {
      try {
        await Product.remove(request.params.id);
        return h.response().code(204);
      } catch (err) {
        throw Boom.badImplementation('Could not delete the product', err);
      }
    },
  });

  server.route({
    method: 'POST',
    path: '/products/{id}/publish',
    handler: async (request, h) => {
      try {
        await Product.publish(request.params.id);
        return { published: true };
      } catch (err) {
        return { error: err.message }; // expect: leaked-exception, error-in-2xx
      }
    },
  });

  await server.start();
  console.log('Server running on %s', server.info.uri);
};

init();
