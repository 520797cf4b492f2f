import { NextResponse } from 'next/server';
import axios from 'axios';

const CATALOG_URL = process.env.CATALOG_URL!;

export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  try {
    const { data } = await axios.get(`${CATALOG_URL}/products`, { params: Object.fromEntries(searchParams) });
    return NextResponse.json(data);
  } catch (err: any) {
    return NextResponse.json(err.response?.data ?? { error: 'Catalog unavailable' }, { // expect: leaked-downstream
      status: err.response?.status ?? 502,
    });
  }
}

export const POST = async (request: Request) => {
  try {
    const { data } = await axios.post(`${CATALOG_URL}/products`, await request.json());
    return NextResponse.json(data, { status: 201 });
  } catch (err) {
    console.error('catalog POST failed', err);
    return NextResponse.json({ error: 'Catalog unavailable' }, { status: 502 });
  }
};
