import type { $Fetch } from 'ofetch';
import { NOT_JSON } from '../internal/createTransport.js';
import { safeCause } from '../internal/networkFailure.js';
import { singleFlight } from '../internal/singleFlight.js';
import { BasiqError, BasiqTokenError } from './errors.js';
import { parseRetryAfter } from './retryPolicy.js';
import { assertClientToken, type ClientTokenClaims } from './tokenGuard.js';

/** What `getToken` may resolve to. */
export type TokenResult = string | { access_token: string; expires_in?: number };

export interface TokenSourceOptions {
  tokenUrl?: string;
  tokenMethod?: 'GET' | 'POST';
  getToken?: () => Promise<TokenResult>;
  userId?: string;
  /** The client's ofetch instance, for `tokenUrl`. */
  transport?: $Fetch;
  refreshSkewMs: number;
  timeoutMs: number;
  /** Checks a token and returns its claims; throws to refuse it. @default the CLIENT_ACCESS guard */
  guard?: (token: string) => ClientTokenClaims;
}

export interface HeldToken {
  token: string;
  claims: ClientTokenClaims;
  /** Epoch ms; undefined when neither `exp` nor `expires_in` says. */
  expiresAt?: number;
  /** When to fetch the next one, epoch ms. */
  refreshAt: number;
}

export interface TokenSource {
  /** A token the guard accepted, valid for at least `minValidityMs` more (if its expiry is known). */
  get(minValidityMs?: number): Promise<HeldToken>;
  /** Forget `token` if it is still the one held (a newer one is kept). */
  invalidate(token: string): void;
}

const failure = (
  { tokenUrl }: TokenSourceOptions,
  what: string,
  fields: { status?: number; retryAfterMs?: number } = {},
  cause?: unknown,
) =>
  new BasiqTokenError(
    `Token endpoint ${tokenUrl ?? 'getToken()'} ${what}; it must answer { access_token, expires_in }`,
    fields,
    { cause },
  );

async function fetchToken(options: TokenSourceOptions): Promise<unknown> {
  const { tokenUrl, getToken } = options;
  const fail = (what: string, status?: number, cause?: unknown) =>
    failure(options, what, { status }, cause);
  if (getToken) {
    try {
      return await getToken();
    } catch (error) {
      throw error instanceof BasiqError ? error : fail('threw (see cause)', undefined, error);
    }
  }
  let response;
  try {
    response = await options.transport!.raw(tokenUrl!, {
      method: options.tokenMethod ?? 'POST',
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      timeout: options.timeoutMs,
      retry: false,
      ignoreResponseError: true,
    });
  } catch (error) {
    throw fail('could not be reached', undefined, safeCause(error));
  }
  if (!response.ok) {
    const { status } = response;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    throw failure(options, `answered ${status}`, { status, retryAfterMs });
  }
  const data: unknown = response._data;
  if (data === NOT_JSON || data === undefined) throw fail('did not answer JSON', response.status);
  return data;
}

const guardOf = ({ guard, userId }: TokenSourceOptions) =>
  guard ?? ((token: string) => assertClientToken(token, { userId }));

async function obtain(options: TokenSourceOptions): Promise<HeldToken> {
  const result = await fetchToken(options);
  const { access_token: token = result, expires_in } = (
    typeof result === 'object' ? result : {}
  ) as { access_token?: unknown; expires_in?: unknown };
  if (typeof token !== 'string' || !token) throw failure(options, 'gave no access_token');
  const claims = guardOf(options)(token);
  const now = Date.now();
  const ends = [now + Number(expires_in) * 1000, (claims.exp ?? NaN) * 1000].filter((t) => t > now);
  const expiresAt = ends.length ? Math.min(...ends) : undefined;
  // A skew longer than the token lives would refetch on every call: cap it at half its life.
  const refreshAt =
    expiresAt === undefined
      ? Infinity
      : expiresAt - Math.min(options.refreshSkewMs, (expiresAt - now) / 2);
  return { token, claims, expiresAt, refreshAt };
}

/** Holds one client token in memory and fetches a new one, one fetch at a time, when needed. */
export function createTokenSource(options: TokenSourceOptions): TokenSource {
  let held: HeldToken | undefined;
  // The token endpoint asked to wait (Retry-After): no token request before this time.
  let waitUntil = 0;
  const once = singleFlight<'token', HeldToken>();
  return {
    async get(minValidityMs = 0) {
      const now = Date.now();
      if (held && now < held.refreshAt && !(held.expiresAt! - now < minValidityMs)) {
        // The guard runs before every request, not only when a token arrives.
        guardOf(options)(held.token);
        return held;
      }
      held = undefined;
      if (now < waitUntil) {
        const retryAfterMs = waitUntil - now;
        throw failure(options, `asked to wait ${Math.ceil(retryAfterMs / 1000)} s more`, {
          retryAfterMs,
        });
      }
      try {
        return (held = await once('token', () => obtain(options)));
      } catch (error) {
        const retryAfterMs = error instanceof BasiqTokenError ? error.retryAfterMs : undefined;
        if (retryAfterMs) waitUntil = Date.now() + retryAfterMs;
        throw error;
      }
    },
    invalidate(token) {
      if (held?.token === token) held = undefined;
    },
  };
}
