import { describe, expect, it, vi } from 'vitest';
import type { CachedToken, TokenCache } from '../../src/server';
import { setupMswServer } from '../support/server';
import {
  MINUTE,
  T0,
  handlerFor,
  setupTokenHandlerFixtures,
  tokenOf,
  tokenPosts,
  tokenRequest,
} from './createTokenHandlerFixtures';

const server = setupMswServer();
const { mockBasiq } = setupTokenHandlerFixtures(server);

/** A store several instances share, with a lock as Redis gives one (SET NX PX). */
function sharedStore() {
  const tokens = new Map<string, CachedToken>();
  const locks = new Set<string>();
  const cache: TokenCache = {
    get: async (userId) => tokens.get(userId),
    set: async (userId, token) => void tokens.set(userId, token),
    delete: async (userId) => void tokens.delete(userId),
    lock: async (userId) => !locks.has(userId) && !!locks.add(userId),
    unlock: async (userId) => void locks.delete(userId),
  };
  return { tokens, cache };
}

describe('createTokenHandler (a cache shared by several instances)', () => {
  it('should mint once for a cold user asked of three instances at once', async () => {
    const control = mockBasiq();
    const { cache } = sharedStore();
    const instances = [1, 2, 3].map(() => handlerFor({ cache }).handler);

    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => instances[i % 3]!(tokenRequest())),
    );

    const tokens = new Set(
      await Promise.all(answers.map(async (r) => (await tokenOf(r)).access_token)),
    );
    expect(tokens.size).toBe(1);
    expect(tokenPosts(control)).toHaveLength(1);
  });

  it('should not mint again when it takes the lock just after another instance stored the token', async () => {
    const control = mockBasiq();
    const { tokens, cache } = sharedStore();
    // Instance b reads the cache before a stores, and its miss arrives after a has unlocked
    // (a busy event loop): its lock then succeeds, and the token is already there.
    let deliverMiss!: () => void;
    const missDelayed = new Promise<void>((resolve) => (deliverMiss = resolve));
    const slowReads: TokenCache = {
      ...cache,
      async get(userId) {
        const token = tokens.get(userId);
        await missDelayed;
        return token;
      },
    };
    const a = handlerFor({ cache }).handler;
    const b = handlerFor({ cache: slowReads }).handler;

    const answerOfB = b(tokenRequest());
    const { access_token } = await tokenOf(await a(tokenRequest()));
    deliverMiss();

    expect((await tokenOf(await answerOfB)).access_token).toBe(access_token);
    expect(tokenPosts(control)).toHaveLength(1);
  });

  it('should give each token a random head start of up to a minute, so a fleet falls due apart', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const control = mockBasiq();
    const { tokens, cache } = sharedStore();
    const { handler } = handlerFor({ cache });

    await tokenOf(await handler(tokenRequest()));
    expect(tokens.get('u2')?.jitterMs).toBe(59_940);
    vi.setSystemTime(T0 + 53 * MINUTE + 30_000); // 6.5 min left: still handed out
    await tokenOf(await handler(tokenRequest()));
    expect(tokenPosts(control)).toHaveLength(1);
    vi.setSystemTime(T0 + 54 * MINUTE + 30_000); // 5.5 min left, less the head start: due
    await tokenOf(await handler(tokenRequest()));
    expect(tokenPosts(control)).toHaveLength(2);
  });
});
