import { isRecord } from '../internal/isRecord.js';
import type { CachedToken, TokenCache } from './tokenCache.js';

/**
 * The Redis client your app already has: a node-redis client (v4 or later, from `createClient`;
 * its cluster, sentinel and pool clients have the same shape) or an ioredis `Redis` (or
 * `Cluster`). Only `get`, `set` and `del` are called; the kit depends on neither package.
 */
export interface RedisClientLike {
  get(key: string): Promise<unknown>;
  set(key: string, value: string, ...options: never[]): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

/** Options of {@link createRedisTokenCache}. */
export interface RedisTokenCacheOptions {
  /**
   * Put before every key: a user's token is `<prefix><userId>`, the minting lock
   * `<prefix>lock:<userId>`.
   * @default 'basiq-react:token:'
   */
  prefix?: string;
  /**
   * How long one Redis command may take, in ms. A command that takes longer fails, and the
   * handler reads that as a miss (it mints) instead of keeping the request waiting.
   * @default 1000
   */
  timeoutMs?: number;
}

type Style = 'node-redis' | 'ioredis';

/** What the two clients tell about their connection (read, never changed). */
interface ClientState {
  isOpen?: boolean;
  isReady?: boolean;
  status?: unknown;
}

/**
 * node-redis clients (every kind, v4 on) have an `isOpen` property and take `SET` options as
 * an object; ioredis clients have a `status` string and take them as further arguments.
 */
function styleOf(client: RedisClientLike): Style {
  const known =
    client != null &&
    ['get', 'set', 'del'].every((name) => typeof Reflect.get(client, name) === 'function');
  if (known && 'isOpen' in client) return 'node-redis';
  if (known && typeof (client as ClientState).status === 'string') return 'ioredis';
  throw new TypeError(
    'createRedisTokenCache: pass a node-redis (v4 or later) or ioredis client, such as `await createClient({ url }).connect()` or `new Redis(url)`',
  );
}

/** Why the client cannot take a command now, or undefined when it can. */
function offline(client: ClientState, style: Style): string | undefined {
  if (style === 'node-redis') {
    if (client.isOpen === false) return 'the node-redis client is closed (call connect())';
    if (client.isReady === false) return 'the node-redis client is not connected';
    return undefined;
  }
  // 'wait' is a lazyConnect client that connects on its first command.
  if (client.status === 'ready' || client.status === 'wait') return undefined;
  return `the ioredis client is ${String(client.status)}`;
}

/** A stored value as a token; anything else (garbled, another shape) is a miss. */
function parse(raw: unknown): CachedToken | undefined {
  const text =
    typeof raw === 'string'
      ? raw
      : raw instanceof Uint8Array
        ? new TextDecoder().decode(raw)
        : undefined;
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (!isRecord(value)) return undefined;
    const { access_token, expiresAt, issuedAt, jitterMs } = value;
    if (typeof access_token !== 'string' || typeof expiresAt !== 'number') return undefined;
    return {
      access_token,
      expiresAt,
      ...(typeof issuedAt === 'number' && { issuedAt }),
      ...(typeof jitterMs === 'number' && { jitterMs }),
    };
  } catch {
    return undefined;
  }
}

/**
 * A {@link TokenCache} in Redis, through the node-redis or ioredis client your app already
 * has, so that several server instances share each user's token: one `POST /token` per user
 * per token life, however many instances ask. Its `lock` (`SET NX PX`) lets one instance mint
 * while the others wait a moment for what it stores.
 *
 * Which client it is comes from its shape: a client with an `isOpen` property is node-redis,
 * one with a `status` string is ioredis; anything else throws a `TypeError` here. While the
 * client says it is not connected, each call fails at once (nothing is queued for later), and
 * a call that takes longer than `timeoutMs` fails too: the handler then mints instead, and
 * reports the failure once a minute. Entries expire with the token; a value that does not
 * parse as a token reads as a miss. Keep that Redis private: its entries are live tokens to
 * your users' bank data.
 *
 * @param client - Your connected client; the cache only reads and writes its own keys.
 * @param options - Key prefix and time limit.
 *
 * @example
 * // node-redis (v4 or later)
 * import { createClient } from 'redis';
 * import { createRedisTokenCache, createTokenHandler } from 'basiq-react/server';
 *
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * redis.on('error', (error) => console.warn('redis', error.message)); // or it crashes the process
 * export const handler = createTokenHandler({
 *   apiKey: process.env.BASIQ_API_KEY!,
 *   getUserId: async (request) => (await getSession(request))?.basiqUserId,
 *   cache: createRedisTokenCache(redis),
 * });
 *
 * @example
 * // ioredis
 * import { Redis } from 'ioredis';
 * import { createRedisTokenCache, createTokenHandler } from 'basiq-react/server';
 *
 * const redis = new Redis(process.env.REDIS_URL!);
 * export const handler = createTokenHandler({
 *   apiKey: process.env.BASIQ_API_KEY!,
 *   getUserId: async (request) => (await getSession(request))?.basiqUserId,
 *   cache: createRedisTokenCache(redis, { prefix: 'myapp:basiq-token:' }),
 * });
 */
export function createRedisTokenCache(
  client: RedisClientLike,
  options: RedisTokenCacheOptions = {},
): TokenCache {
  const { prefix = 'basiq-react:token:', timeoutMs = 1000 } = options;
  const style = styleOf(client);
  const tokenKey = (userId: string) => `${prefix}${userId}`;
  const lockKey = (userId: string) => `${prefix}lock:${userId}`;
  // Both clients take positional `SET` arguments as typed here only by their own types.
  const set = client.set.bind(client) as (...args: unknown[]) => Promise<unknown>;

  /** Runs one command, or fails: at once while offline, after `timeoutMs` when Redis hangs. */
  async function run<T>(command: () => Promise<T>): Promise<T> {
    const why = offline(client as ClientState, style);
    if (why) throw new Error(`Redis token cache: ${why}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis token cache: no answer from Redis in ${timeoutMs} ms`)),
        timeoutMs,
      );
      // In Node, a pending timeout must not keep the process alive on its own.
      if (typeof timer === 'object' && typeof timer.unref === 'function') timer.unref();
    });
    return Promise.race([command(), late])
      .catch((error: unknown) => {
        // One message that names the cache for the handler's report, the client's own as cause.
        if (error instanceof Error && error.message.startsWith('Redis token cache:')) throw error;
        const why = error instanceof Error ? error.message : String(error);
        throw new Error(`Redis token cache: ${why}`, { cause: error });
      })
      .finally(() => clearTimeout(timer));
  }

  /** `SET key value PX ms [NX]`, in the client's own form. */
  function setWithExpiry(key: string, value: string, ms: number, onlyIfAbsent: boolean) {
    if (style === 'node-redis') {
      return set(key, value, onlyIfAbsent ? { PX: ms, NX: true } : { PX: ms });
    }
    return onlyIfAbsent ? set(key, value, 'PX', ms, 'NX') : set(key, value, 'PX', ms);
  }

  return {
    async get(userId) {
      return parse(await run(() => client.get(tokenKey(userId))));
    },
    async set(userId, token, ttlMs) {
      // Redis takes whole milliseconds; a token whose time is already up is not stored.
      const ms = Math.ceil(ttlMs);
      if (!(ms > 0 && Number.isFinite(ms))) return;
      await run(() => setWithExpiry(tokenKey(userId), JSON.stringify(token), ms, false));
    },
    async delete(userId) {
      await run(() => client.del(tokenKey(userId)));
    },
    async lock(userId, ttlMs) {
      const ms = Math.max(1, Math.ceil(ttlMs));
      const answer = await run(() => setWithExpiry(lockKey(userId), '1', ms, true));
      return answer === 'OK';
    },
    async unlock(userId) {
      await run(() => client.del(lockKey(userId)));
    },
  };
}
