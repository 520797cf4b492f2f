export type InvoiceStatus = 'draft' | 'sent' | 'paid' | 'void';

export interface Invoice {
  id: string;
  number: string;
  totalCents: number;
  status: InvoiceStatus;
  dueAt?: Date;
}

export interface InvoiceFilter {
  limit?: number;
  offset?: number;
  status?: InvoiceStatus;
}
