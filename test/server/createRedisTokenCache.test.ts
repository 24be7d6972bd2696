// How createRedisTokenCache talks to each client, with stand-ins shaped like them. The same
// cache against a real redis-server: createRedisTokenCache.redis.test.ts (`npm run test:redis`).
import { describe, expect, it, vi } from 'vitest';
import {
  createRedisTokenCache,
  type RedisClientLike,
} from '../../src/server/createRedisTokenCache';

const token = { access_token: 'abc', issuedAt: 1_000, expiresAt: 3_601_000, jitterMs: 5 };

/** A stand-in with node-redis's shape (`isOpen`, `isReady`) or ioredis's (`status`). */
function fakeClient(shape: { isOpen?: boolean; isReady?: boolean; status?: string }) {
  const values = new Map<string, unknown>();
  const client = {
    ...shape,
    get: vi.fn(async (key: string) => values.get(key) ?? null),
    set: vi.fn(async (key: string, value: string) => {
      values.set(key, value);
      return 'OK';
    }),
    del: vi.fn(async (key: string) => Number(values.delete(key))),
  };
  return { client, values, asClient: client as unknown as RedisClientLike };
}

describe('createRedisTokenCache', () => {
  it('should call a node-redis client (isOpen) with SET options as an object', async () => {
    const { client, asClient } = fakeClient({ isOpen: true, isReady: true });
    const cache = createRedisTokenCache(asClient);

    await cache.set('user-1', token, 3_600_000.4);
    await cache.lock!('user-1', 5_000);
    await cache.unlock!('user-1');
    await cache.delete!('user-1');

    expect(client.set.mock.calls).toEqual([
      ['basiq-react:token:user-1', JSON.stringify(token), { PX: 3_600_001 }],
      ['basiq-react:token:lock:user-1', '1', { PX: 5_000, NX: true }],
    ]);
    expect(client.del.mock.calls).toEqual([
      ['basiq-react:token:lock:user-1'],
      ['basiq-react:token:user-1'],
    ]);
  });

  it('should call an ioredis client (status) with SET options as arguments', async () => {
    const { client, asClient } = fakeClient({ status: 'ready' });
    const cache = createRedisTokenCache(asClient, { prefix: 'app:' });

    await cache.set('user-1', token, 60_000);
    await cache.lock!('user-1', 5_000);

    expect(client.set.mock.calls).toEqual([
      ['app:user-1', JSON.stringify(token), 'PX', 60_000],
      ['app:lock:user-1', '1', 'PX', 5_000, 'NX'],
    ]);
  });

  it('should take the lock only when Redis answers OK', async () => {
    const { client, asClient } = fakeClient({ status: 'ready' });
    const cache = createRedisTokenCache(asClient);

    client.set.mockResolvedValueOnce(null as never);
    expect(await cache.lock!('user-1', 5_000)).toBe(false);
    expect(await cache.lock!('user-1', 5_000)).toBe(true);
  });

  it('should refuse a client that is neither node-redis nor ioredis', () => {
    const { client } = fakeClient({});

    expect(() => createRedisTokenCache(client as unknown as RedisClientLike)).toThrow(
      /node-redis \(v4 or later\) or ioredis client/,
    );
    expect(() =>
      createRedisTokenCache({ isOpen: true, get: vi.fn() } as unknown as RedisClientLike),
    ).toThrow(TypeError);
  });

  it('should read stored text or bytes as a token, and anything else as a miss', async () => {
    const { values, asClient } = fakeClient({ isOpen: true, isReady: true });
    const cache = createRedisTokenCache(asClient);

    values.set('basiq-react:token:text', JSON.stringify(token));
    values.set('basiq-react:token:bytes', new TextEncoder().encode(JSON.stringify(token)));
    values.set('basiq-react:token:garbled', '{"access_token":');
    values.set('basiq-react:token:null', 'null');
    values.set('basiq-react:token:extra', JSON.stringify({ ...token, other: 1, jitterMs: '5' }));

    expect(await cache.get('text')).toEqual(token);
    expect(await cache.get('bytes')).toEqual(token);
    expect(await cache.get('garbled')).toBeUndefined();
    expect(await cache.get('null')).toBeUndefined();
    expect(await cache.get('missing')).toBeUndefined();
    expect(await cache.get('extra')).toEqual({
      access_token: 'abc',
      issuedAt: 1_000,
      expiresAt: 3_601_000,
    });
  });

  it('should not store a token with no time left', async () => {
    const { client, asClient } = fakeClient({ status: 'ready' });
    const cache = createRedisTokenCache(asClient);

    await cache.set('user-1', token, 0);
    await cache.set('user-1', token, Number.NaN);

    expect(client.set).not.toHaveBeenCalled();
  });

  it.each([
    [{ isOpen: false, isReady: false }, /node-redis client is closed/],
    [{ isOpen: true, isReady: false }, /node-redis client is not connected/],
    [{ status: 'reconnecting' }, /ioredis client is reconnecting/],
    [{ status: 'end' }, /ioredis client is end/],
  ])('should fail at once, sending nothing, while the client is %o', async (shape, message) => {
    const { client, asClient } = fakeClient(shape);
    const cache = createRedisTokenCache(asClient);

    await expect(cache.get('user-1')).rejects.toThrow(message);
    await expect(cache.lock!('user-1', 5_000)).rejects.toThrow(message);
    expect(client.get).not.toHaveBeenCalled();
    expect(client.set).not.toHaveBeenCalled();
  });

  it('should let a lazyConnect ioredis client (status wait) connect on its first command', async () => {
    const { client, asClient } = fakeClient({ status: 'wait' });

    await createRedisTokenCache(asClient).get('user-1');

    expect(client.get).toHaveBeenCalledWith('basiq-react:token:user-1');
  });

  it("should name itself in a client's error, keeping the client's as cause", async () => {
    const { client, asClient } = fakeClient({ isOpen: true, isReady: true });
    const failure = new Error('read ECONNRESET');
    client.get.mockRejectedValueOnce(failure);

    const error = await Promise.resolve(createRedisTokenCache(asClient).get('user-1')).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('Redis token cache: read ECONNRESET');
    expect((error as Error).cause).toBe(failure);
  });

  it('should fail a command Redis does not answer within timeoutMs', async () => {
    vi.useFakeTimers();
    try {
      const { client, asClient } = fakeClient({ status: 'ready' });
      client.get.mockReturnValueOnce(new Promise(() => {}));
      const cache = createRedisTokenCache(asClient, { timeoutMs: 250 });

      const pending = expect(cache.get('user-1')).rejects.toThrow(
        'Redis token cache: no answer from Redis in 250 ms',
      );
      await vi.advanceTimersByTimeAsync(250);
      await pending;
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
