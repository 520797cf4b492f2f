import { NextRequest, NextResponse } from 'next/server';
import { verifySession } from './lib/session';

export async function middleware(request: NextRequest) {
  const token = request.cookies.get('session')?.value;
  if (!token) {
    return NextResponse.json({ error: 'Not logged in' }, { status: 403 }); // expect: auth-status-mismatch
  }
  try {
    const session = await verifySession(token);
    if (request.nextUrl.pathname.startsWith('/api/admin') && session.role !== 'admin') {
      return NextResponse.json({ error: 'Admin access required' }, { status: 401 }); // expect: auth-status-mismatch
    }
    if (session.expired) {
      return NextResponse.json({ error: 'Session expired' }, { status: 401 });
    }
    const response = NextResponse.next();
    response.headers.set('x-user-id', session.userId);
    return response;
  } catch (err) {
    return NextResponse.json({ error: 'Invalid session' }, { status: 401 });
  }
}

export const config = { matcher: ['/api/:path*'] };
