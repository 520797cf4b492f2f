import { NextRequest, NextResponse } from 'next/server';
import { db } from '@/lib/db';

export async function GET(request: NextRequest) {
  const id = request.nextUrl.searchParams.get('id');
  if (!id) {
    return NextResponse.json({ error: 'Invalid order id' }, { status: 500 }); // expect: client-error-as-500
  }
  try {
    const order = await db.order.findUnique({ where: { id } });
    if (!order) {
      return NextResponse.json({ error: 'Order not found' }); // expect: error-in-2xx
    }
    return NextResponse.json(order);
  } catch (error) {
    return NextResponse.json({ error: (error as Error).message }, { status: 500 }); // expect: leaked-exception
  }
}

export async function POST(request: NextRequest) {
  try {
    const body = await request.json();
    const order = await db.order.create({ data: body });
    return NextResponse.json(order, { status: 201 });
  } catch (error) {
    console.error('POST /api/orders', error);
    return new NextResponse(null, { status: 500 }); // expect: bare-500
  }
}

export async function DELETE(request: NextRequest) {
  const id = request.nextUrl.searchParams.get('id');
  if (!id) {
    return NextResponse.json({ error: 'Missing id' }, { status: 400 });
  }
  try {
    await db.order.delete({ where: { id } });
    return new NextResponse(null, { status: 204 });
  } catch (error) {
    return NextResponse.json( // expect: leaked-exception
      { error: 'Could not delete the order' },
      { status: 500, headers: { 'X-Debug': String(error) } },
    );
  }
}
