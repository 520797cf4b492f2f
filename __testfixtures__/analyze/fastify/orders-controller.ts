import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import axios from 'axios';
import { OrderService } from '../services/order-service';

type ById = FastifyRequest<{ Params: { id: string } }>;

export class OrdersController {
  constructor(private readonly app: FastifyInstance, private readonly orders: OrderService) {}

  async show(request: ById, reply: FastifyReply) {
    const order = await this.orders.findById(request.params.id);
    if (!order) {
      return reply.notFound('Order not found');
    }
    return order;
  }

  async cancel(request: ById, reply: FastifyReply) {
    try {
      await this.orders.cancel(request.params.id);
      return reply.code(204).send();
    } catch (err) {
      // @fastify/sensible errors go through the error handler, which sends their message
      return reply.internalServerError((err as Error).message); // expect: leaked-exception
    }
  }

  async archive(request: ById, reply: FastifyReply) {
    try {
      await this.orders.archive(request.params.id);
      return { archived: true };
    } catch (err) {
      request.log.error(err);
      return reply.internalServerError(); // expect: bare-500
    }
  }

  async track(request: ById, reply: FastifyReply) {
    try {
      const { data } = await axios.get(`https://tracking.internal/api/orders/${request.params.id}`);
      return data;
    } catch (err: any) {
      throw this.app.httpErrors.badGateway(err.response?.data?.message ?? 'Tracking unavailable'); // expect: leaked-downstream
    }
  }

  async invoice(request: ById, reply: FastifyReply) {
    try {
      const { data } = await axios.get(`https://billing.internal/invoices/${request.params.id}`);
      return reply.send(data);
    } catch (err: any) {
      reply.status(502).send({ error: 'Billing unavailable', upstream: err.config?.url }); // expect: leaked-downstream
    }
  }

  async update(request: ById, reply: FastifyReply) {
    const errors = this.orders.validate(request.body);
    if (errors.length) {
      reply.code(422);
      return { message: 'Validation failed', errors };
    }
    try {
      return await this.orders.update(request.params.id, request.body);
    } catch (err) {
      // a rethrow in all but name: the error handler answers
      return reply.send(err);
    }
  }

  async refund(request: ById, reply: FastifyReply) {
    try {
      return await this.orders.refund(request.params.id);
    } catch (error: any) {
      reply.code(500).header('X-Error', error.message).send({ message: 'Refund failed' }); // expect: leaked-exception
    }
  }
}
