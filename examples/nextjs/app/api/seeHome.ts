import { NextResponse } from 'next/server';

/**
 * 303 to the home page, by a relative address: behind a proxy or on 127.0.0.1 Next's idea of the
 * request's host can differ from the browser's, and a form whose redirect leaves the page's
 * origin breaks `form-action 'self'`.
 */
export const seeHome = () => new NextResponse(null, { status: 303, headers: { location: '/' } });
