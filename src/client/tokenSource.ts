import { BasiqError, BasiqTokenError } from './errors.js';
import { assertClientToken, type ClientTokenClaims } from './tokenGuard.js';
import { withTimeout } from './withTimeout.js';

/** What `getToken` may resolve to. */
export type TokenResult = string | { access_token: string; expires_in?: number };

export interface TokenSourceOptions {
  tokenUrl?: string;
  tokenMethod?: 'GET' | 'POST';
  getToken?: () => Promise<TokenResult>;
  userId?: string;
  fetch?: typeof fetch;
  refreshSkewMs: number;
  timeoutMs: number;
}

export interface HeldToken {
  token: string;
  claims: ClientTokenClaims;
  /** Epoch ms; undefined when neither `exp` nor `expires_in` says. */
  expiresAt?: number;
}

interface Entry extends HeldToken {
  refreshAt: number;
}

export interface TokenSource {
  /** A token the guard accepted, valid for at least `minValidityMs` (or its refresh skew). */
  get(options?: { minValidityMs?: number }): Promise<HeldToken>;
  /** Forget `token` if it is still the one held (a newer one is kept). */
  invalidate(token: string): void;
}

const describe = (error: unknown) => (error instanceof Error ? error.name : typeof error);

function parseExpiresIn(value: unknown): number | undefined {
  const seconds = typeof value === 'string' ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? seconds
    : undefined;
}

async function fetchFromUrl(options: TokenSourceOptions, url: string): Promise<TokenResult> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await withTimeout(options.timeoutMs, undefined, (signal) =>
      fetchFn(url, {
        method: options.tokenMethod ?? 'POST',
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
        signal,
      }),
    );
  } catch (error) {
    throw new BasiqTokenError(
      `Could not reach the token endpoint ${url} (${describe(error)}); check that it is running`,
      { cause: error },
    );
  }
  if (!response.ok) {
    throw new BasiqTokenError(
      `The token endpoint ${url} answered ${response.status}; check that the user is signed in and the endpoint can reach Basiq`,
      { status: response.status },
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    throw new BasiqTokenError(
      `The token endpoint ${url} did not answer JSON; it must answer { access_token, expires_in, token_type }`,
      { status: response.status },
    );
  }
  return body as TokenResult;
}

async function obtain(options: TokenSourceOptions): Promise<Entry> {
  const where = options.tokenUrl ?? 'getToken()';
  let result: unknown;
  if (options.getToken) {
    try {
      result = await options.getToken();
    } catch (error) {
      if (error instanceof BasiqError) throw error;
      throw new BasiqTokenError(`getToken() failed (${describe(error)}); see cause`, {
        cause: error,
      });
    }
  } else if (options.tokenUrl) {
    result = await fetchFromUrl(options, options.tokenUrl);
  } else {
    throw new BasiqTokenError('No token source: pass tokenUrl or getToken to createBasiqClient');
  }
  const token =
    typeof result === 'string' ? result : (result as { access_token?: unknown })?.access_token;
  if (typeof token !== 'string' || token === '') {
    throw new BasiqTokenError(
      `${where} gave no access_token; it must give { access_token, expires_in } or a token string`,
    );
  }
  const claims = assertClientToken(token, { userId: options.userId });
  const now = Date.now();
  const expiresIn =
    typeof result === 'object'
      ? parseExpiresIn((result as { expires_in?: unknown }).expires_in)
      : undefined;
  const candidates = [
    expiresIn === undefined ? undefined : now + expiresIn * 1000,
    claims.exp === undefined ? undefined : claims.exp * 1000,
  ].filter((value): value is number => value !== undefined);
  const expiresAt = candidates.length > 0 ? Math.min(...candidates) : undefined;
  // A skew longer than the token's life would refetch on every call: cap it at half the life.
  const refreshAt =
    expiresAt === undefined
      ? Number.POSITIVE_INFINITY
      : expiresAt - Math.min(options.refreshSkewMs, (expiresAt - now) / 2);
  return { token, claims, expiresAt, refreshAt };
}

/** Holds one client token in memory and fetches a new one (one fetch at a time) when needed. */
export function createTokenSource(options: TokenSourceOptions): TokenSource {
  let current: Entry | undefined;
  let inflight: Promise<Entry> | undefined;

  const isFresh = (entry: Entry, minValidityMs: number | undefined) => {
    const now = Date.now();
    if (now >= entry.refreshAt) return false;
    if (minValidityMs === undefined || entry.expiresAt === undefined) return true;
    return entry.expiresAt - now >= minValidityMs;
  };

  return {
    async get({ minValidityMs } = {}) {
      if (current && isFresh(current, minValidityMs)) {
        // The guard runs before every request, not only when the token arrives.
        assertClientToken(current.token, { userId: options.userId });
        return current;
      }
      current = undefined;
      inflight ??= obtain(options).finally(() => {
        inflight = undefined;
      });
      const entry = await inflight;
      current = entry;
      return entry;
    },
    invalidate(token) {
      if (current?.token === token) current = undefined;
    },
  };
}
