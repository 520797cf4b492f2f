import {
  BadGatewayException,
  BadRequestException,
  ConflictException,
  Injectable,
  InternalServerErrorException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { Order } from './order.entity';
import { PaymentsClient } from '../payments/payments.client';

@Injectable()
export class OrdersService {
  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    private readonly payments: PaymentsClient,
  ) {}

  async findOne(id: string): Promise<Order> {
    const order = await this.orders.findOne({ where: { id } });
    if (!order) {
      throw new InternalServerErrorException(`Order ${id} not found`); // expect: client-error-as-500
    }
    return order;
  }

  async create(input: Partial<Order>): Promise<Order> {
    try {
      return await this.orders.save(this.orders.create(input));
    } catch (err) {
      if (err instanceof QueryFailedError && (err as any).code === '23505') {
        throw new ConflictException('Order number already exists');
      }
      throw new BadRequestException(err); // expect: leaked-exception
    }
  }

  async cancel(id: string, userId: string, roles: string[]): Promise<void> {
    const order = await this.findOne(id);
    if (order.userId !== userId && !roles.includes('support')) {
      throw new UnauthorizedException('You do not have permission to cancel this order'); // expect: auth-status-mismatch
    }
    await this.orders.update(id, { status: 'cancelled' });
  }

  async pay(id: string): Promise<void> {
    const order = await this.findOne(id);
    try {
      await this.payments.charge(order.id, order.totalCents);
    } catch (error) {
      this.handlePaymentError(error);
    }
  }

  async refund(id: string): Promise<void> {
    try {
      await this.payments.refund(id);
    } catch (err) {
      // 502 with a message the author wrote; the cause stays in the logs
      throw new BadGatewayException('Payment provider unavailable', { cause: err });
    }
  }

  private handlePaymentError(error: any): never {
    throw new BadGatewayException(error.message); // expect: leaked-exception
  }

  async remove(id: string): Promise<void> {
    const result = await this.orders.delete(id);
    if (!result.affected) {
      throw new NotFoundException('Order not found');
    }
  }
}
