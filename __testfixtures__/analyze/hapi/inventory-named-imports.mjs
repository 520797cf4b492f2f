import { badGateway, notFound, badImplementation, conflict } from '@hapi/boom';
import axios from 'axios';
import { Stock } from './models/stock.mjs';

export const inventoryRoutes = [
  {
    method: 'GET',
    path: '/inventory/{sku}',
    handler: async (request) => {
      const stock = await Stock.findBySku(request.params.sku);
      if (!stock) throw notFound();
      return stock;
    },
  },
  {
    method: 'POST',
    path: '/inventory/{sku}/sync',
    handler: async (request, h) => {
      try {
        const { data } = await axios.post(`https://warehouse.internal/sync/${request.params.sku}`);
        return data;
      } catch (err) {
        throw badGateway(`Warehouse said: ${err.response?.data?.error}`); // expect: leaked-downstream
      }
    },
  },
  {
    method: 'POST',
    path: '/inventory',
    handler: async (request, h) => {
      try {
        return h.response(await Stock.create(request.payload)).code(201);
      } catch (err) {
        if (err.code === 11000) throw conflict('SKU already exists');
        throw badImplementation('Could not create the stock entry', err);
      }
    },
  },
];
