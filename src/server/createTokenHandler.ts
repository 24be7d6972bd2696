import { assertClientToken } from '../client/tokenGuard.js';
import { singleFlight } from '../internal/singleFlight.js';
import { assertApiKey } from './assertApiKey.js';
import { createBasiqServerClient, type BasiqServerClient } from './createBasiqServerClient.js';

/** A minted client token, as the cache keeps it. */
export interface CachedToken {
  access_token: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Epoch ms; a token is handed out until 5 minutes (at most half its life) before it expires. */
  issuedAt?: number;
}

/** Where the handler keeps client tokens per user (for several server processes: a shared store). */
export interface TokenCache {
  get(userId: string): CachedToken | undefined | Promise<CachedToken | undefined>;
  set(userId: string, token: CachedToken): void | Promise<void>;
}

/** Options of {@link createTokenHandler}. */
export interface TokenHandlerOptions {
  /** Your Basiq API key (from an environment variable). */
  apiKey: string;
  /**
   * The Basiq user id of whoever is signed in, from your own session (a cookie, a header your
   * auth checks); `undefined`/`null` for nobody. Never take it from the request body.
   */
  getUserId: (request: Request) => string | null | undefined | Promise<string | null | undefined>;
  /** Basiq's API. @default 'https://au-api.basiq.io' */
  baseUrl?: string;
  /** The fetch used to reach Basiq. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Where tokens are kept until near expiry. @default an in-memory cache of this process */
  cache?: TokenCache;
  /** Told when `getUserId` throws or Basiq fails; the answer never says why. @default ignore */
  onError?: (error: unknown) => void;
  /** A server client to mint with, instead of one made from `apiKey`/`baseUrl`/`fetch`. */
  serverClient?: BasiqServerClient;
}

/** A token is handed out only while it has at least this long (or half its life) to live. */
const MIN_LIFE_MS = 5 * 60_000;

function fresh(token: CachedToken | undefined, userId: string): token is CachedToken {
  if (!token) return false;
  const life = token.expiresAt - (token.issuedAt ?? token.expiresAt - 2 * MIN_LIFE_MS);
  if (token.expiresAt - Date.now() <= Math.min(MIN_LIFE_MS, life / 2)) return false;
  try {
    // A shared cache may hold anything: only this user's CLIENT_ACCESS token may leave.
    assertClientToken(token.access_token, { userId });
    return true;
  } catch {
    return false;
  }
}
const MAX_CACHED_USERS = 10_000;

function memoryCache(): TokenCache {
  const tokens = new Map<string, CachedToken>();
  return {
    get: (userId) => tokens.get(userId),
    set(userId, token) {
      tokens.delete(userId);
      tokens.set(userId, token);
      // Oldest first: drop expired and overflow entries.
      for (const [id, cached] of tokens) {
        if (tokens.size <= MAX_CACHED_USERS && cached.expiresAt > Date.now()) break;
        tokens.delete(id);
      }
    },
  };
}

const json = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      ...headers,
    },
  });

/**
 * Your `tokenUrl`: a `(request: Request) => Promise<Response>` handler (Next.js route
 * handlers, Hono, Remix, Bun, Deno; Express/`node:http` with a two-line adapter) that mints
 * a CLIENT_ACCESS token for the user `getUserId` says is signed in, caches it per user until
 * five minutes before it expires, and answers `{ access_token, expires_in, token_type }` with
 * `Cache-Control: no-store`. 401 with no user, 405 for methods other than GET/POST, 502 when
 * Basiq fails (without its body). Only a CLIENT_ACCESS token bound to that user ever leaves.
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
  if (!options.serverClient) assertApiKey('createTokenHandler', options.apiKey);
  if (typeof options.getUserId !== 'function') {
    throw new TypeError('createTokenHandler: getUserId(request) is required');
  }
  const server = options.serverClient ?? createBasiqServerClient(options);
  const cache = options.cache ?? memoryCache();
  const mintOnce = singleFlight<string, CachedToken>();
  const report = (error: unknown) => {
    try {
      options.onError?.(error);
    } catch {
      // A failing logger must not turn the answer into a crash.
    }
  };

  async function tokenFor(userId: string): Promise<CachedToken> {
    const cached = await cache.get(userId);
    if (fresh(cached, userId)) return cached;
    return mintOnce(userId, async () => {
      const { access_token, expires_in } = await server.clientToken(userId);
      const issuedAt = Date.now();
      const token = { access_token, issuedAt, expiresAt: issuedAt + expires_in * 1000 };
      await cache.set(userId, token);
      return token;
    });
  }

  return async function handleTokenRequest(request) {
    if (request.method !== 'GET' && request.method !== 'POST') {
      return json(405, { error: 'Use POST (or GET)' }, { allow: 'GET, POST' });
    }
    let userId: string | null | undefined;
    try {
      userId = await options.getUserId(request);
    } catch (error) {
      report(error);
      return json(500, { error: 'Could not tell who is signed in' });
    }
    if (!userId) return json(401, { error: 'Sign in first' });
    try {
      const token = await tokenFor(userId);
      return json(200, {
        access_token: token.access_token,
        expires_in: Math.floor((token.expiresAt - Date.now()) / 1000),
        token_type: 'Bearer',
      });
    } catch (error) {
      report(error);
      return json(502, { error: 'Basiq did not issue a token; try again later' });
    }
  };
}
