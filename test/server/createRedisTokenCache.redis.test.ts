// createRedisTokenCache against a real redis-server (started here on a free port), through
// both clients it supports: node-redis and ioredis. Run by `npm run test:redis`.
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedisTokenCache,
  type RedisClientLike,
} from '../../src/server/createRedisTokenCache';
import type { CachedToken, TokenCache } from '../../src/server/tokenCache';
import { startRedisServer, type TestRedisServer } from '../redis/redisServer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: TestRedisServer;
let nodeRedis: ReturnType<typeof createClient>;
let ioredis: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  nodeRedis = createClient({ url: server.url });
  nodeRedis.on('error', () => {});
  await nodeRedis.connect();
  ioredis = new Redis(server.port, '127.0.0.1');
  ioredis.on('error', () => {});
  await new Promise((resolve) => ioredis.once('ready', resolve));
});

afterAll(async () => {
  if (nodeRedis?.isOpen) nodeRedis.destroy();
  ioredis?.disconnect();
  await server?.stop();
});

let users = 0;
const newUser = () => `user-${++users}`;
const token = (overrides: Partial<CachedToken> = {}): CachedToken => ({
  access_token: `token-${users}`,
  issuedAt: Date.now(),
  expiresAt: Date.now() + 3_600_000,
  jitterMs: 1234,
  ...overrides,
});

/** Waits until `check` holds, polling every 50 ms, for at most `ms`. */
async function until(check: () => boolean, ms = 10_000) {
  for (const start = Date.now(); !check(); await sleep(50)) {
    if (Date.now() - start > ms) throw new Error(`not true after ${ms} ms`);
  }
}

interface TestClient {
  name: string;
  client(): RedisClientLike;
  /** A second, connected client of the same kind, and how to disconnect it. */
  connectAnother(): Promise<{
    client: RedisClientLike;
    close(): Promise<void>;
  }>;
}

const clients: TestClient[] = [
  {
    name: 'node-redis',
    client: () => nodeRedis,
    async connectAnother() {
      const client = await createClient({ url: server.url })
        .on('error', () => {})
        .connect();
      return { client, close: async () => client.destroy() };
    },
  },
  {
    name: 'ioredis',
    client: () => ioredis,
    async connectAnother() {
      const client = new Redis(server.port, '127.0.0.1');
      client.on('error', () => {});
      await new Promise((resolve) => client.once('ready', resolve));
      return {
        client,
        async close() {
          client.disconnect();
          await until(() => client.status === 'end');
        },
      };
    },
  },
];

/** Reads and writes keys directly, with node-redis. */
const raw = () => nodeRedis;

describe.each(clients)('createRedisTokenCache with $name', ({ client, connectAnother }) => {
  let cache: TokenCache;
  beforeAll(() => {
    cache = createRedisTokenCache(client());
  });

  it('should give back a token it stored, as JSON under prefix + user id', async () => {
    const userId = newUser();
    const stored = token();

    await cache.set(userId, stored, 60_000);

    expect(await cache.get(userId)).toEqual(stored);
    expect(JSON.parse((await raw().get(`basiq-react:token:${userId}`)) as string)).toEqual(stored);
  });

  it('should drop a token when its time to live has passed', async () => {
    const userId = newUser();
    await cache.set(userId, token(), 200);

    expect(await cache.get(userId)).toBeDefined();
    await sleep(400);
    expect(await cache.get(userId)).toBeUndefined();
    expect(await raw().get(`basiq-react:token:${userId}`)).toBeNull();
  });

  it('should not store a token whose time is already up', async () => {
    const userId = newUser();
    await cache.set(userId, token(), 0);

    expect(await cache.get(userId)).toBeUndefined();
  });

  it('should miss for a user it never stored and after delete', async () => {
    const userId = newUser();
    expect(await cache.get(userId)).toBeUndefined();

    await cache.set(userId, token(), 60_000);
    await cache.delete!(userId);

    expect(await cache.get(userId)).toBeUndefined();
  });

  it('should read a value that is not a token as a miss', async () => {
    const userId = newUser();
    const key = `basiq-react:token:${userId}`;
    for (const garbled of ['{"access_token": "abc", "expi', 'not json', '"a string"', '[]', '{}']) {
      await raw().set(key, garbled);
      expect(await cache.get(userId), garbled).toBeUndefined();
    }
    await raw().set(key, JSON.stringify({ access_token: 'abc', expiresAt: '2030' }));
    expect(await cache.get(userId)).toBeUndefined();
  });

  it('should keep keys under its prefix', async () => {
    const userId = newUser();
    const prefixed = createRedisTokenCache(client(), { prefix: 'app-a:' });
    const stored = token();

    await prefixed.set(userId, stored, 60_000);
    expect(await prefixed.lock!(userId, 60_000)).toBe(true);

    expect(await cache.get(userId)).toBeUndefined();
    expect(JSON.parse((await raw().get(`app-a:${userId}`)) as string)).toEqual(stored);
    expect(await raw().get(`app-a:lock:${userId}`)).not.toBeNull();
  });

  it('should fail at once, without queueing, while its client is disconnected', async () => {
    const userId = newUser();
    const other = await connectAnother();
    const offline = createRedisTokenCache(other.client);
    await offline.set(userId, token(), 60_000);

    await other.close();
    const started = Date.now();

    await expect(offline.get(userId)).rejects.toThrow(/Redis token cache: the [\w-]+ client is/);
    await expect(offline.lock!(userId, 5_000)).rejects.toThrow(/Redis token cache/);
    // Queued commands would wait for a reconnect that never comes; the margin is for a loaded machine.
    expect(Date.now() - started).toBeLessThan(1_000);
    // Nothing was queued to run later: the lock was never taken.
    expect(await raw().get(`basiq-react:token:lock:${userId}`)).toBeNull();
  });
});

describe('createRedisTokenCache across clients', () => {
  it('should read with one client what the other stored', async () => {
    const userId = newUser();
    const stored = token();

    await createRedisTokenCache(nodeRedis).set(userId, stored, 60_000);

    expect(await createRedisTokenCache(ioredis).get(userId)).toEqual(stored);
  });

  it('should give the minting lock to one caller at a time, until unlock', async () => {
    const userId = newUser();
    const a = createRedisTokenCache(nodeRedis);
    const b = createRedisTokenCache(ioredis);

    const both = await Promise.all([a.lock!(userId, 5_000), b.lock!(userId, 5_000)]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(await a.lock!(userId, 5_000)).toBe(false);
    expect(await b.lock!(userId, 5_000)).toBe(false);

    await (both[0] ? a : b).unlock!(userId);

    expect(await b.lock!(userId, 5_000)).toBe(true);
    expect(await a.lock!(userId, 5_000)).toBe(false);
    await b.unlock!(userId);
    expect(await a.lock!(userId, 5_000)).toBe(true);
  });

  it('should free the lock by itself after its time to live', async () => {
    const userId = newUser();
    const a = createRedisTokenCache(nodeRedis);
    const b = createRedisTokenCache(ioredis);

    expect(await a.lock!(userId, 200)).toBe(true);
    expect(await b.lock!(userId, 200)).toBe(false);
    await sleep(400);

    expect(await b.lock!(userId, 200)).toBe(true);
  });

  it('should fail after timeoutMs when Redis does not answer, and work again after', async () => {
    const userId = newUser();
    const caches = [nodeRedis, ioredis].map((client) =>
      createRedisTokenCache(client, { timeoutMs: 200 }),
    );
    server.pause();
    try {
      const started = Date.now();
      const results = await Promise.allSettled(caches.map((cache) => cache.get(userId)));

      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
      expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(
        /no answer from Redis in 200 ms/,
      );
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      server.resume();
    }
    for (const cache of caches) expect(await cache.get(userId)).toBeUndefined();
  });

  it('should fail while Redis is down and share again once it is back on the same port', async () => {
    const userId = newUser();
    const a = createRedisTokenCache(nodeRedis);
    const b = createRedisTokenCache(ioredis);

    await server.stop();
    await until(() => !nodeRedis.isReady && ioredis.status !== 'ready');
    await expect(a.get(userId)).rejects.toThrow(/Redis token cache/);
    await expect(b.set(userId, token(), 60_000)).rejects.toThrow(/Redis token cache/);

    await server.start();
    await until(() => nodeRedis.isReady && ioredis.status === 'ready');
    const stored = token();
    await a.set(userId, stored, 60_000);
    expect(await b.get(userId)).toEqual(stored);
  });
});
