import {
  BasiqApiError,
  BasiqBackoffError,
  BasiqNetworkError,
  BasiqTokenScopeError,
} from '../client/errors.js';
import { createTransport } from '../internal/createTransport.js';
import { assertServerOptions } from './assertApiKey.js';
import { createClientTokenStore } from './clientTokenStore.js';
import type { BasiqServerClient } from './createBasiqServerClient.js';
import { mintClientToken } from './mintClientToken.js';
import { memoryTokenCache, type TokenCache } from './tokenCache.js';

/** Options of {@link createTokenHandler}. */
export interface TokenHandlerOptions {
  /**
   * Your Basiq API key (from an environment variable). Not set at all (as in `next build`
   * without the deployment's secrets), the handler still loads, answers 500 and reports why.
   */
  apiKey: string;
  /**
   * The Basiq user id of whoever is signed in, from your own session (a cookie, a header your
   * auth checks); `undefined`/`null` for nobody. Never take it from the request body.
   */
  getUserId: (request: Request) => string | null | undefined | Promise<string | null | undefined>;
  /** Basiq's API: `https:` (or `http:` on loopback, for the mock). @default 'https://au-api.basiq.io' */
  baseUrl?: string;
  /** The fetch used to reach Basiq. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Time limit of one request to Basiq's `/token`, in ms. @default 15000 */
  timeoutMs?: number;
  /**
   * Where tokens are kept until near expiry. Give several server instances one shared store
   * (`createRedisTokenCache`). @default memoryTokenCache(): this process, 10,000 users
   */
  cache?: TokenCache;
  /**
   * Told when `getUserId` throws or returns something that is not a user id, when Basiq fails
   * (once per user and backoff window, not per request), and when the cache fails. The answer
   * never says why. @default a one-line `console.warn` per kind of failure and minute
   */
  onError?: (error: unknown) => void;
  /** A server client to mint with, instead of one made from `apiKey`/`baseUrl`/`fetch`. */
  serverClient?: BasiqServerClient;
}

const WARN_EVERY_MS = 60_000;

const json = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      ...headers,
    },
  });

/** One line for a log: what failed, Basiq's status and correlation id; never a secret. */
function describe(error: unknown): { kind: string; line: string } {
  if (error instanceof BasiqApiError) {
    const correlation = error.correlationId ? ` (correlationId ${error.correlationId})` : '';
    return {
      kind: `basiq-${error.status}`,
      line: `Basiq answered POST /token with ${error.status} ${error.code ?? ''}${correlation}`,
    };
  }
  if (error instanceof BasiqNetworkError) {
    return { kind: `network-${error.reason}`, line: `Basiq's /token ${error.reason}: no answer` };
  }
  const name = error instanceof Error ? error.name : 'Error';
  return { kind: name, line: `${name}: ${error instanceof Error ? error.message : 'failed'}` };
}

/**
 * Your `tokenUrl`: a `(request: Request) => Promise<Response>` handler (Next.js route
 * handlers, Hono, Remix, Bun, Deno; Express/`node:http` with a two-line adapter) that mints
 * a CLIENT_ACCESS token for the user `getUserId` says is signed in, caches it per user until
 * five minutes before it expires, and answers `{ access_token, expires_in, token_type }` with
 * `Cache-Control: no-store`. 401 with no user, 405 for methods other than GET/POST. When Basiq
 * fails it answers 429 (Basiq's rate limit) or 503 with `Retry-After`, and asks Basiq again for
 * that user only after it (a broken user cannot spend the app's token budget); 502 when Basiq
 * gives a token that is not this user's CLIENT_ACCESS token. Only such a token ever leaves.
 *
 * @example
 * // app/api/basiq/token/route.ts (Next.js)
 * const handler = createTokenHandler({
 *   apiKey: process.env.BASIQ_API_KEY!,
 *   getUserId: async () => (await auth())?.user?.basiqUserId,
 * });
 * export { handler as GET, handler as POST };
 */
export function createTokenHandler(
  options: TokenHandlerOptions,
): (request: Request) => Promise<Response> {
  const { serverClient } = options;
  const baseUrl = (options.baseUrl || 'https://au-api.basiq.io').replace(/\/+$/, '');
  const unconfigured = serverClient
    ? undefined
    : assertServerOptions('createTokenHandler', options.apiKey, baseUrl);
  if (typeof options.getUserId !== 'function') {
    throw new TypeError('createTokenHandler: getUserId(request) is required');
  }
  const warnedAt = new Map<string, number>();
  const report = (error: unknown) => {
    try {
      if (options.onError) return options.onError(error);
      const { kind, line } = describe(error);
      if (Date.now() - (warnedAt.get(kind) ?? -Infinity) < WARN_EVERY_MS) return;
      warnedAt.set(kind, Date.now());
      console.warn(`basiq-react/server: ${line}`);
    } catch {
      // A failing logger must not turn the answer into a crash.
    }
  };
  const mintOptions = {
    apiKey: options.apiKey,
    baseUrl,
    transport: createTransport(options.fetch),
    timeoutMs: options.timeoutMs ?? 15_000,
  };
  const store = createClientTokenStore({
    mint: (userId) =>
      serverClient ? serverClient.clientToken(userId) : mintClientToken(mintOptions, userId),
    cache: options.cache ?? memoryTokenCache(),
    report,
  });

  return async function handleTokenRequest(request) {
    if (request.method !== 'GET' && request.method !== 'POST') {
      return json(405, { error: 'Use POST (or GET)' }, { allow: 'GET, POST' });
    }
    if (unconfigured) {
      report(unconfigured);
      return json(500, { error: 'The token endpoint is not configured' });
    }
    let userId: unknown;
    try {
      userId = await options.getUserId(request);
    } catch (error) {
      report(error);
      return json(500, { error: 'Could not tell who is signed in' });
    }
    if (userId == null || userId === '') return json(401, { error: 'Sign in first' });
    if (typeof userId !== 'string') {
      report(new TypeError(`getUserId returned a ${typeof userId}, not a Basiq user id`));
      return json(401, { error: 'Sign in first' });
    }
    try {
      const token = await store.get(userId);
      return json(200, {
        access_token: token.access_token,
        expires_in: Math.floor((token.expiresAt - Date.now()) / 1000),
        token_type: 'Bearer',
      });
    } catch (error) {
      const failure = error instanceof BasiqBackoffError ? error.cause : error;
      const retryAfter = {
        'retry-after': String(Math.max(1, Math.ceil(store.retryAfterMs(userId) / 1000))),
      };
      // A token Basiq should not have given (another user's, a SERVER_ACCESS one) is its bug.
      if (failure instanceof BasiqTokenScopeError) {
        return json(
          502,
          { error: 'Basiq did not issue a usable token; try again later' },
          retryAfter,
        );
      }
      return json(
        store.failedStatus(userId) === 429 ? 429 : 503,
        { error: 'Basiq did not issue a token; try again later' },
        retryAfter,
      );
    }
  };
}
