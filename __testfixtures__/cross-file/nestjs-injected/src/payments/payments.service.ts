import { Injectable, Logger } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);

  constructor(private readonly httpService: HttpService) {}

  async charge(orderId: string, amount: number) {
    const { data } = await firstValueFrom(
      this.httpService.post(`${process.env.PSP_URL}/v2/charges`, { orderId, amount }, { headers: { Authorization: `Bearer ${process.env.PSP_KEY}` } }),
    );
    return data;
  }

  async refund(chargeId: string) {
    try {
      const { data } = await firstValueFrom(this.httpService.post(`${process.env.PSP_URL}/v2/refunds`, { chargeId }));
      return data;
    } catch (err) {
      this.logger.error(`refund ${chargeId} failed`, err.stack);
      throw err;
    }
  }

  async quote(amount: number) {
    try {
      const { data } = await firstValueFrom(this.httpService.get(`${process.env.PSP_URL}/v2/fees`, { params: { amount } }));
      return data.fee;
    } catch {
      // the fee table rarely changes: fall back to the published rate
      return Math.round(amount * 0.029 + 30);
    }
  }
}
