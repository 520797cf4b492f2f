import axios from 'axios';

const pricing = axios.create({ baseURL: process.env.PRICING_URL, timeout: 2000 });

export async function lookupQuote(sku: string, qty: number) {
  const { data } = await pricing.get(`/quotes/${encodeURIComponent(sku)}`, { params: { qty } });
  return data as { sku: string; unitPrice: number; currency: string };
}
