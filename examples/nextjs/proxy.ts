// A strict Content-Security-Policy on every page, with a fresh nonce per request for Next's own
// inline scripts (Next reads it from the request's header and puts it on its <script> tags).
// basiq-react needs no nonce: it adds no inline script or style; its styles are a file.
import { NextResponse, type NextRequest } from 'next/server';
import { basiqBaseUrl, basiqConsentUrl } from './basiq';

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    // The browser client talks to Basiq's API with the user's CLIENT_ACCESS token.
    `connect-src 'self' ${new URL(basiqBaseUrl).origin}`,
    // Sign-in and sign-out are forms on this origin; the consent UI is opened as a page.
    `form-action 'self' ${new URL(basiqConsentUrl).origin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  // The consent UI's address carries a token: no page of this app sends its own address on,
  // and nothing this app links to learns where the user came from.
  response.headers.set('referrer-policy', 'no-referrer');
  response.headers.set('x-content-type-options', 'nosniff');
  return response;
}

export const config = {
  // Pages only: not the API routes, nor Next's static files.
  matcher: [
    {
      source: '/((?!api|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
