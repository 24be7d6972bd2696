import { describe, expect, it, vi } from 'vitest';
import type { CachedToken, TokenCache } from '../../src/server';
import { setupMswServer } from '../support/server';
import {
  MINUTE,
  T0,
  claimsOf,
  handlerFor,
  setupTokenHandlerFixtures,
  tokenOf,
  tokenPosts,
  tokenRequest,
} from './createTokenHandlerFixtures';

const server = setupMswServer();
const { mockBasiq } = setupTokenHandlerFixtures(server);

describe('createTokenHandler', () => {
  describe('custom cache', () => {
    it('should keep tokens in the given cache and serve them from it', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
      const control = mockBasiq();
      const store = new Map<string, CachedToken>();
      const cache = {
        get: vi.fn((userId: string) => store.get(userId)),
        set: vi.fn(
          (userId: string, token: CachedToken, _ttlMs: number) => void store.set(userId, token),
        ),
      } satisfies TokenCache;
      const { handler } = handlerFor({ cache });

      const first = await tokenOf(await handler(tokenRequest()));
      expect(cache.get).toHaveBeenCalledWith('u2');
      expect(cache.set).toHaveBeenCalledTimes(1);
      expect(cache.set).toHaveBeenCalledWith(
        'u2',
        { access_token: first.access_token, issuedAt: T0, expiresAt: T0 + 3600_000, jitterMs: 0 },
        3600_000,
      );

      // Another process put a token for u1 in the shared store: it is served without minting.
      const shared = control.clientToken('u1');
      store.set('u1', { access_token: shared, expiresAt: T0 + 20 * MINUTE });
      const { handler: other } = handlerFor({ cache, getUserId: () => 'u1' });
      expect(await tokenOf(await other(tokenRequest()))).toEqual({
        access_token: shared,
        expires_in: 1200,
        token_type: 'Bearer',
      });
      expect(tokenPosts(control)).toHaveLength(1);
    });

    it('should replace a cached token that has less than 5 minutes to live', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
      const control = mockBasiq();
      const stale = control.clientToken('u2');
      const store = new Map<string, CachedToken>([
        ['u2', { access_token: stale, expiresAt: T0 + 4 * MINUTE }],
      ]);
      const cache: TokenCache = {
        get: (userId) => store.get(userId),
        set: (userId, token) => void store.set(userId, token),
      };
      const { handler } = handlerFor({ cache });

      const { access_token } = await tokenOf(await handler(tokenRequest()));

      expect(access_token).not.toBe(stale);
      expect(store.get('u2')).toEqual({
        access_token,
        issuedAt: T0,
        expiresAt: T0 + 3600_000,
        jitterMs: 0,
      });
      expect(tokenPosts(control)).toHaveLength(1);
    });

    it('should await an async cache, and still mint once for concurrent requests', async () => {
      const control = mockBasiq();
      const store = new Map<string, CachedToken>();
      const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve));
      const cache: TokenCache = {
        async get(userId) {
          await tick();
          return store.get(userId);
        },
        async set(userId, token) {
          await tick();
          await tick();
          store.set(userId, token);
        },
      };
      const { handler } = handlerFor({ cache });

      const bodies = await Promise.all(
        Array.from({ length: 20 }, async () => tokenOf(await handler(tokenRequest()))),
      );

      expect(new Set(bodies.map((b) => b.access_token)).size).toBe(1);
      // The answer waited for the write.
      expect(store.get('u2')?.access_token).toBe(bodies[0]!.access_token);
      expect(tokenPosts(control)).toHaveLength(1);
      await tokenOf(await handler(tokenRequest()));
      expect(tokenPosts(control)).toHaveLength(1);
    });

    it('should answer only once the async cache has stored the token', async () => {
      mockBasiq();
      const store = new Map<string, CachedToken>();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let setStarted!: () => void;
      const started = new Promise<void>((resolve) => (setStarted = resolve));
      const { handler } = handlerFor({
        cache: {
          get: async (userId) => store.get(userId),
          async set(userId, token) {
            setStarted();
            await gate;
            store.set(userId, token);
          },
        },
      });
      const answered = vi.fn();

      const response = handler(tokenRequest()).then((r) => {
        answered();
        return r;
      });
      await started;
      await new Promise((resolve) => setImmediate(resolve)); // every pending microtask runs
      expect(answered).not.toHaveBeenCalled();
      release();
      const { access_token } = await tokenOf(await response);

      expect(store.get('u2')?.access_token).toBe(access_token);
    });

    it('should still answer when the cache fails, by minting, and tell onError once', async () => {
      const control = mockBasiq();
      const broken = new Error('cache unreachable');
      const { handler, onError } = handlerFor({
        cache: { get: () => Promise.reject(broken), set: () => Promise.reject(broken) },
      });

      for (let i = 0; i < 3; i++) {
        const { access_token } = await tokenOf(await handler(tokenRequest()));
        expect(claimsOf(access_token)).toMatchObject({ scope: 'CLIENT_ACCESS', userid: 'u2' });
      }

      expect(onError).toHaveBeenCalledTimes(1);
      expect(onError).toHaveBeenCalledWith(broken);
      // No cache, so each request mints (Basiq's limit is then what protects the app).
      expect(tokenPosts(control)).toHaveLength(3);
    });
  });
});
