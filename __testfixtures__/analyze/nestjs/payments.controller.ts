import { Body, Controller, HttpStatus, Param, Post, Get, Res } from '@nestjs/common';
import { Response } from 'express';
import { PaymentsService } from './payments.service';

@Controller('payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Post('charge')
  async charge(@Body() body: { orderId: string; token: string }, @Res() res: Response) {
    try {
      const charge = await this.payments.charge(body.orderId, body.token);
      return res.status(HttpStatus.CREATED).json(charge);
    } catch (err) {
      return res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ message: err.message }); // expect: leaked-exception
    }
  }

  @Post('capture/:id')
  async capture(@Param('id') id: string, @Res() res: Response) {
    const result = await this.payments.capture(id);
    if (!result.ok) {
      return res.json({ ok: false, error: 'Card declined' }); // expect: error-in-2xx
    }
    res.status(HttpStatus.OK).json(result);
  }

  @Get(':id/receipt')
  async receipt(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Cache-Control', 'no-store');
    try {
      return await this.payments.receipt(id);
    } catch (err) {
      res.status(500);
      return { error: 'Receipt not found' }; // expect: client-error-as-500
    }
  }

  @Post(':id/void')
  async voidPayment(@Param('id') id: string, @Res() res: Response) {
    try {
      await this.payments.void(id);
      res.sendStatus(204);
    } catch (err) {
      this.sendError(res, err);
    }
  }

  private sendError(res: Response, error: Error) {
    res.status(500).json({ error: error.toString() }); // expect: leaked-exception
  }
}
