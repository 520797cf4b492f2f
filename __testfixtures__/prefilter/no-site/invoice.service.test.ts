import { InvoiceService } from './invoice.service';

describe('InvoiceService', () => {
  it('caps the page size', async () => {
    const repo = { list: jest.fn().mockResolvedValue({ rows: [] }), findById: jest.fn() };
    await new InvoiceService(repo as any).list({ limit: 1000 });
    expect(repo.list).toHaveBeenCalledWith({ limit: 200 });
  });
});
