// app/api/webhooks/stripe/route.js: a route handler that imports nothing from Next
import Stripe from 'stripe';
import { fulfillOrder } from '../../../../lib/orders';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);

export async function POST(request) {
  const signature = request.headers.get('stripe-signature');
  let event;
  try {
    const payload = await request.text();
    event = stripe.webhooks.constructEvent(payload, signature, process.env.STRIPE_WEBHOOK_SECRET);
  } catch (err) {
    return new Response(`Webhook Error: ${err.message}`, { status: 400 }); // expect: leaked-exception
  }

  try {
    if (event.type === 'checkout.session.completed') {
      await fulfillOrder(event.data.object);
    }
    return Response.json({ received: true });
  } catch (err) {
    return new Response(JSON.stringify({ error: 'Fulfillment failed', detail: err.toString() }), { // expect: leaked-exception
      status: 500,
      headers: { 'Content-Type': 'application/json' },
    });
  }
}

export async function GET() {
  return new Response('Method Not Allowed', { status: 405 });
}
