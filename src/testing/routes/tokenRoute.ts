import { HttpResponse } from 'msw';
import { basiqError } from '../envelope.js';
import { mintToken } from '../jwt.js';
import type { Route } from './route.js';

const WINDOW_MS = 5 * 60_000;

/** `POST /token`: the API key mints SERVER_ACCESS tokens, or CLIENT_ACCESS tokens for a user. */
export function tokenRoute(): Route {
  return {
    method: 'post',
    path: '/token',
    access: 'api-key',
    handle({ request, body, store, now, settings }) {
      const mintedAt = now();
      const retryAfter = store.tokenRetryAfter(mintedAt, WINDOW_MS, settings.tokenRateLimit);
      if (retryAfter !== undefined) {
        return basiqError(429, 'Token limit reached: reuse tokens until they expire.', {
          headers: { 'retry-after': String(retryAfter) },
        });
      }
      if (request.headers.get('basiq-version') !== '3.0') {
        return basiqError(400, 'The basiq-version header must be 3.0.', {
          code: 'parameter-not-supplied',
          title: 'Required header not supplied.',
          parameter: 'basiq-version',
        });
      }
      if (!/application\/x-www-form-urlencoded/i.test(request.headers.get('content-type') ?? '')) {
        return basiqError(400, 'Send scope (and userId) form-encoded.', {
          code: 'invalid-content',
          title: 'Invalid content.',
        });
      }
      const form = new URLSearchParams(body);
      const scope = form.get('scope');
      const userId = form.get('userId') ?? undefined;
      if (scope !== 'SERVER_ACCESS' && scope !== 'CLIENT_ACCESS') {
        return basiqError(400, 'scope must be SERVER_ACCESS or CLIENT_ACCESS.', {
          code: scope ? 'parameter-not-valid' : 'parameter-not-supplied',
          parameter: 'scope',
        });
      }
      if (scope === 'CLIENT_ACCESS') {
        if (!userId) {
          return basiqError(400, 'A CLIENT_ACCESS token needs a userId.', {
            code: 'parameter-not-supplied',
            parameter: 'userId',
          });
        }
        if (!store.user(userId)) return basiqError(404, `User ${userId} not found.`);
      }
      store.recordToken(mintedAt);
      const ttlSeconds = settings.tokenTtlSeconds;
      return HttpResponse.json({
        access_token: mintToken(scope, { userId, now: mintedAt, ttlSeconds }),
        token_type: 'Bearer',
        expires_in: ttlSeconds,
      });
    },
  };
}
