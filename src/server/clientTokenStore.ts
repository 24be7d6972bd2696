import { BasiqApiError, BasiqBackoffError } from '../client/errors.js';
import { assertClientToken } from '../client/tokenGuard.js';
import { singleFlight } from '../internal/singleFlight.js';
import type { BasiqTokenResponse } from './postToken.js';
import type { CachedToken, TokenCache } from './tokenCache.js';

/** A token is handed out only while it has at least this long (or half its life) to live. */
const MIN_LIFE_MS = 5 * 60_000;
/** Up to this much earlier, at random, so tokens minted together do not come due together. */
const JITTER_MS = 60_000;
/** How long one instance may hold the minting lock, and how long the others wait for it. */
const LOCK_MS = 5_000;
const LOCK_POLL_MS = 50;
/** Backoff after a failed mint: 1 s, doubling per failure in a row, up to a minute. */
const BACKOFF_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;
/** A failure that asking again cannot fix (unknown user, wrong key) is waited out longer. */
const PERMANENT_MS = 5 * 60_000;
const MAX_FAILURES_KEPT = 10_000;

interface Failure {
  error: unknown;
  until: number;
  inARow: number;
  status?: number;
}

export interface ClientTokenStoreOptions {
  /** Mints a CLIENT_ACCESS token for the user (checked by the guard). */
  mint: (userId: string) => Promise<BasiqTokenResponse>;
  cache: TokenCache;
  /** Told of each kind of failure once per backoff window: a mint, or the cache. */
  report: (error: unknown) => void;
}

/** Whether a cached token may still be handed out (and is this user's CLIENT_ACCESS token). */
function usable(token: CachedToken | undefined, userId: string): token is CachedToken {
  if (!token) return false;
  const life = token.expiresAt - (token.issuedAt ?? token.expiresAt - 2 * MIN_LIFE_MS);
  const dueAt = token.expiresAt - Math.min(MIN_LIFE_MS, life / 2) - (token.jitterMs ?? 0);
  if (Date.now() >= dueAt) return false;
  try {
    // A shared cache may hold anything: only this user's CLIENT_ACCESS token may leave.
    assertClientToken(token.access_token, { userId });
    return true;
  } catch {
    return false;
  }
}

/** How long to wait after `error`, the `inARow`-th failure in a row for this user. */
function waitAfter(error: unknown, inARow: number): number {
  if (error instanceof BasiqApiError) {
    if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, PERMANENT_MS);
    if ([401, 403, 404].includes(error.status)) return PERMANENT_MS;
  }
  return Math.min(BACKOFF_MS * 2 ** (inARow - 1), BACKOFF_MAX_MS);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Client tokens per user: served from `cache` while fresh, minted one at a time per user (per
 * process, and across processes when the cache can lock), and after a failure not minted again
 * for that user until a backoff has passed (Basiq's `Retry-After` when it gave one). A broken
 * cache never breaks the answer: it is read as a miss and reported.
 */
export function createClientTokenStore({ mint, cache, report }: ClientTokenStoreOptions) {
  const mintOnce = singleFlight<string, CachedToken>();
  const failures = new Map<string, Failure>();
  // Basiq refusing the API key (401/403) holds for every user: one failure stops them all.
  let keyFailure: Failure | undefined;
  let cacheFailingUntil = 0;
  const activeFailure = (userId: string) =>
    [failures.get(userId), keyFailure].find((failure) => failure && Date.now() < failure.until);
  /** The failure a request of this user is answered about: one in force, else its last. */
  const lastFailure = (userId: string) => activeFailure(userId) ?? failures.get(userId);

  async function fromCache<T>(call: () => T | Promise<T>, fallback: T): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (Date.now() >= cacheFailingUntil) report(error);
      cacheFailingUntil = Date.now() + BACKOFF_MAX_MS;
      return fallback;
    }
  }

  async function mintAndStore(userId: string): Promise<CachedToken> {
    const { access_token, expires_in } = await mint(userId);
    const issuedAt = Date.now();
    const expiresAt = issuedAt + expires_in * 1000;
    const jitterMs = Math.floor(Math.random() * Math.min(JITTER_MS, (expires_in * 1000) / 10));
    const token: CachedToken = { access_token, issuedAt, expiresAt, jitterMs };
    await fromCache(() => cache.set(userId, token, expiresAt - issuedAt), undefined);
    return token;
  }

  /** Mints, or when another instance holds the lock, waits a moment for what it stores. */
  async function mintShared(userId: string): Promise<CachedToken> {
    const locked = cache.lock ? await fromCache(() => cache.lock!(userId, LOCK_MS), true) : true;
    if (!locked) {
      for (let waited = 0; waited < LOCK_MS; waited += LOCK_POLL_MS) {
        await sleep(LOCK_POLL_MS);
        const stored = await fromCache(() => cache.get(userId), undefined);
        if (usable(stored, userId)) return stored;
      }
    }
    try {
      if (locked && cache.lock) {
        // Another instance may have stored the token and let go of the lock between this
        // request's miss and its lock: look once more before minting.
        const stored = await fromCache(() => cache.get(userId), undefined);
        if (usable(stored, userId)) return stored;
      }
      return await mintAndStore(userId);
    } finally {
      if (locked && cache.unlock) await fromCache(() => cache.unlock!(userId), undefined);
    }
  }

  function remember(userId: string, error: unknown): void {
    const inARow = (failures.get(userId)?.inARow ?? 0) + 1;
    const status = error instanceof BasiqApiError ? error.status : undefined;
    const failure = { error, inARow, status, until: Date.now() + waitAfter(error, inARow) };
    failures.delete(userId);
    failures.set(userId, failure);
    if (status === 401 || status === 403) keyFailure = failure;
    for (const id of failures.keys()) {
      if (failures.size <= MAX_FAILURES_KEPT) break;
      failures.delete(id);
    }
    report(error);
  }

  return {
    /** The user's token, from the cache or freshly minted; throws during a backoff. */
    async get(userId: string): Promise<CachedToken> {
      const cached = await fromCache(() => cache.get(userId), undefined);
      if (usable(cached, userId)) return cached;
      const failure = activeFailure(userId);
      if (failure) {
        const seconds = Math.ceil((failure.until - Date.now()) / 1000);
        throw new BasiqBackoffError(
          `POST /token failed for this user ${failure.status ? `with ${failure.status} ` : ''}a moment ago; the server asks Basiq again in ${seconds} s`,
          { retryAfterMs: failure.until - Date.now(), status: failure.status },
          { cause: failure.error },
        );
      }
      if (cached && cache.delete) await fromCache(() => cache.delete!(userId), undefined);
      try {
        const token = await mintOnce(userId, () => mintShared(userId));
        failures.delete(userId);
        return token;
      } catch (error) {
        const failure = failures.get(userId);
        // Concurrent requests share one mint, and so one failure: count and report it once.
        if (!failure || failure.error !== error) remember(userId, error);
        throw error;
      }
    },
    /** How long until this user's backoff ends, in ms (0 when there is none). */
    retryAfterMs(userId: string): number {
      const failure = lastFailure(userId);
      return failure ? Math.max(0, failure.until - Date.now()) : 0;
    },
    /** Basiq's status in the user's last failure, if it answered. */
    failedStatus(userId: string): number | undefined {
      return lastFailure(userId)?.status;
    },
  };
}
