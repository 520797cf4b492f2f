import { InvoiceRepository } from '../repositories/invoice.repository';
import { NotFoundError } from '../utils/errors';
import type { Invoice, InvoiceFilter } from '../types/invoice.types';

export class InvoiceService {
  constructor(private readonly repo = new InvoiceRepository()) {}

  async list(filter: InvoiceFilter = {}): Promise<Invoice[]> {
    const { rows } = await this.repo.list({ ...filter, limit: Math.min(filter.limit ?? 50, 200) });
    return rows;
  }

  async get(id: string): Promise<Invoice> {
    const found = await this.repo.findById(id);
    if (!found) throw new NotFoundError(`Invoice ${id} not found`);
    return found;
  }
}
