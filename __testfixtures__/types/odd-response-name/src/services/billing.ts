export interface Invoice {
  id: string;
  amountCents: number;
  paid: boolean;
}

export async function findInvoice(id: string): Promise<Invoice> {
  return { id, amountCents: 1200, paid: false };
}

export async function chargeCard(invoiceId: string, card: unknown): Promise<{ receipt: string }> {
  if (!card) throw new Error(`no card for invoice ${invoiceId}`);
  return { receipt: `r-${invoiceId}` };
}
