import { Body, Controller, Get, HttpException, InternalServerErrorException, Param, Post, Query } from '@nestjs/common';
import { PaymentsService } from './payments.service';
import { ErrorUtil } from '../common/errors.util';

@Controller('payments')
export class PaymentsController {
  constructor(private readonly paymentsService: PaymentsService) {}

  @Post(':orderId/charge')
  async charge(@Param('orderId') orderId: string, @Body('amount') amount: number) {
    try {
      return await this.paymentsService.charge(orderId, amount);
    } catch (e) {
      // the PSP error is what support asks for, so it goes back as it is
      throw new InternalServerErrorException(e); // expect: leaked-exception, leaked-downstream
    }
  }

  @Post('charges/:id/refund')
  async refund(@Param('id') id: string) {
    try {
      return await this.paymentsService.refund(id);
    } catch (error) {
      throw new HttpException(ErrorUtil.toBody(error), 502); // expect: leaked-exception
    }
  }

  @Get('fees')
  async fees(@Query('amount') amount: string) {
    try {
      return { fee: await this.paymentsService.quote(Number(amount)) };
    } catch (error) {
      throw new HttpException(ErrorUtil.safeBody(error), 500);
    }
  }
}
