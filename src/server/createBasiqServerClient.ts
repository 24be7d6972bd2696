import type { components } from '../client/basiq-api.generated.js';
import { BasiqTokenScopeError } from '../client/errors.js';
import { createRequester } from '../client/request.js';
import { createTransport } from '../internal/createTransport.js';
import { decodeJwtPayload } from '../internal/decodeJwtPayload.js';
import { RETRY_DEFAULTS, type RetryOptions } from '../client/retryPolicy.js';
import type { ClientTokenClaims } from '../client/tokenGuard.js';
import { createTokenSource } from '../client/tokenSource.js';
import type { RequestOptions } from '../client/types.js';
import { assertServerOptions } from './assertApiKey.js';
import { createClientTokenStore } from './clientTokenStore.js';
import { mintClientToken } from './mintClientToken.js';
import { memoryTokenCache } from './tokenCache.js';
import { postToken, type BasiqTokenResponse } from './postToken.js';

type Schemas = components['schemas'];

/** Options of {@link createBasiqServerClient}. */
export interface BasiqServerClientOptions {
  /**
   * Your Basiq API key (keep it in an environment variable; never send it to a browser). Not set
   * at all (as in a build without secrets), the client still loads and every call rejects.
   */
  apiKey: string;
  /** Basiq's API. @default 'https://au-api.basiq.io' */
  baseUrl?: string;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Time limit of one try of a request. @default 15000 */
  timeoutMs?: number;
  /** Retries of GET requests. @default { attempts: 3, baseDelayMs: 500, maxDelayMs: 10000 } */
  retry?: RetryOptions;
}

/** Server-only Basiq operations, with the SERVER_ACCESS token cached and fetched one at a time. */
export interface BasiqServerClient {
  /**
   * A CLIENT_ACCESS token bound to `userId`, checked before it is returned; for your browser.
   * Cached per user until near expiry, like `createTokenHandler`'s; after a failure Basiq is not
   * asked again for that user until a backoff passes (`BasiqBackoffError` meanwhile).
   */
  clientToken(userId: string): Promise<BasiqTokenResponse>;
  /** `POST /users`: needs an `email` or a `mobile`. */
  createUser(
    user: Schemas['createUser'],
    options?: RequestOptions,
  ): Promise<Schemas['UserPostResponse']>;
  /** `GET /users/{userId}`. */
  getUser(userId: string, options?: RequestOptions): Promise<Schemas['UserGetResponse']>;
  /** `POST /users/{userId}`: changes the fields given. */
  updateUser(
    userId: string,
    user: Schemas['updateUser'],
    options?: RequestOptions,
  ): Promise<Schemas['UserPostResponse']>;
  /** `DELETE /users/{userId}`: the user and all their data. */
  deleteUser(userId: string, options?: RequestOptions): Promise<void>;
}

/** Reads a SERVER_ACCESS token's claims; anything else is refused. */
function serverClaims(token: string): ClientTokenClaims {
  // Not a JWT: Basiq's answer is trusted, and its expires_in says how long it lives.
  const { scope, exp } = decodeJwtPayload(token) ?? {};
  if (scope !== undefined && scope !== 'SERVER_ACCESS') {
    throw new BasiqTokenScopeError('POST /token gave no SERVER_ACCESS token; check the API key', {
      reason: 'wrong-scope',
    });
  }
  return { exp: typeof exp === 'number' ? exp : undefined } as ClientTokenClaims;
}

/**
 * The server side of Basiq: mints CLIENT_ACCESS tokens for your users and manages users with
 * a SERVER_ACCESS token that never leaves this process (cached until a minute before it
 * expires, one fetch at a time: Basiq allows 1,500 token requests per 5 minutes). Throws the
 * same error classes as the browser client.
 *
 * @example
 * const basiq = createBasiqServerClient({ apiKey: process.env.BASIQ_API_KEY! });
 * const { id } = await basiq.createUser({ email: 'gavin@hooli.com', mobile: '+61410888666' });
 */
export function createBasiqServerClient(options: BasiqServerClientOptions): BasiqServerClient {
  const { apiKey, fetch, timeoutMs = 15_000 } = options;
  const baseUrl = (options.baseUrl || 'https://au-api.basiq.io').replace(/\/+$/, '');
  const unconfigured = assertServerOptions('createBasiqServerClient', apiKey, baseUrl);
  const transport = createTransport(fetch);
  const tokenOptions = { apiKey, baseUrl, transport, timeoutMs };
  // With no key yet (a build), every call rejects with the reason instead of the module failing.
  const configured = <T>(run: () => Promise<T>): Promise<T> =>
    unconfigured ? Promise.reject(unconfigured) : run();
  const tokens = createTokenSource({
    getToken: () => postToken(tokenOptions, 'SERVER_ACCESS'),
    guard: serverClaims,
    refreshSkewMs: 60_000,
    timeoutMs,
  });
  const request = createRequester({
    baseUrl,
    transport,
    tokens,
    retry: { ...RETRY_DEFAULTS, ...options.retry },
    timeoutMs,
    forbiddenHint: ': the API key may not make this call (check its access in the Basiq dashboard)',
  });
  const user = (userId: string) => `/users/${encodeURIComponent(userId)}`;
  // The caller hears of every failure: there is no one else to report to.
  const clientTokens = createClientTokenStore({
    mint: (userId) => mintClientToken(tokenOptions, userId),
    cache: memoryTokenCache(),
    report: () => {},
  });

  return {
    clientToken: (userId) =>
      configured(async () => {
        if (!userId) throw new TypeError('clientToken: userId is required');
        const token = await clientTokens.get(userId);
        const expires_in = Math.floor((token.expiresAt - Date.now()) / 1000);
        return { access_token: token.access_token, expires_in, token_type: 'Bearer' };
      }),
    createUser: (body, { signal } = {}) =>
      configured(() => request('POST', '/users', { body, signal, expect: 'object' })),
    getUser: (userId, { signal } = {}) =>
      configured(() => request('GET', user(userId), { signal, expect: 'object' })),
    updateUser: (userId, body, { signal } = {}) =>
      configured(() => request('POST', user(userId), { body, signal, expect: 'object' })),
    deleteUser: (userId, { signal } = {}) =>
      configured(async () => {
        await request('DELETE', user(userId), { signal });
      }),
  };
}
