/** A minted client token, as the cache keeps it. */
export interface CachedToken {
  access_token: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Epoch ms; a token is handed out until 5 minutes (at most half its life) before it expires. */
  issuedAt?: number;
  /** Handed out this much less long, in ms: a random spread so a fleet's tokens fall due apart. */
  jitterMs?: number;
}

/**
 * Where the handler keeps client tokens per user. The default lives in this process; with
 * several server instances, give them one shared store (see `createRedisTokenCache`) so a user
 * costs one `POST /token` per token life, not one per instance. Each method may return a value
 * or a promise; a method that throws makes that request fall back to minting (never a 5xx).
 */
export interface TokenCache {
  get(userId: string): CachedToken | undefined | Promise<CachedToken | undefined>;
  /** Keep `token` for `ttlMs` (until it expires); a store with expiry should drop it then. */
  set(userId: string, token: CachedToken, ttlMs: number): void | Promise<void>;
  /** Forget a user's token (refused by the guard, or the user is unknown to Basiq). */
  delete?(userId: string): void | Promise<void>;
  /**
   * Take a short lock on minting for `userId`, held at most `ttlMs`: true when this caller took
   * it. Instances that did not take it wait briefly for the token the holder stores. Optional:
   * without it, instances that miss at the same moment each mint.
   */
  lock?(userId: string, ttlMs: number): boolean | Promise<boolean>;
  /** Release the lock taken with {@link TokenCache.lock} (after storing, or after a failure). */
  unlock?(userId: string): void | Promise<void>;
}

/** Options of {@link memoryTokenCache}. */
export interface MemoryTokenCacheOptions {
  /**
   * How many users to keep; past it the least recently used goes.
   * @default 10000
   */
  maxEntries?: number;
}

/**
 * The default cache: this process's memory, least recently used first out, expired entries
 * dropped as they are met.
 */
export function memoryTokenCache({
  maxEntries = 10_000,
}: MemoryTokenCacheOptions = {}): TokenCache {
  // A Map keeps insertion order: re-inserting on every read makes its first key the least
  // recently used.
  const tokens = new Map<string, { token: CachedToken; until: number }>();
  return {
    get(userId) {
      const entry = tokens.get(userId);
      if (!entry) return undefined;
      tokens.delete(userId);
      if (entry.until <= Date.now()) return undefined;
      tokens.set(userId, entry);
      return entry.token;
    },
    set(userId, token, ttlMs) {
      tokens.delete(userId);
      tokens.set(userId, { token, until: Date.now() + ttlMs });
      for (const id of tokens.keys()) {
        if (tokens.size <= maxEntries) break;
        tokens.delete(id);
      }
    },
    delete(userId) {
      tokens.delete(userId);
    },
  };
}
