import { describe, expect, it, vi } from 'vitest';
import type { TokenCache } from '../../src/server';
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

describe('createTokenHandler (hardening)', () => {
  it('should cache a short-lived token for half its life instead of minting on every request', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const control = mockBasiq({ tokenTtlSeconds: 120 });
    const { handler } = handlerFor();
    const first = await tokenOf(await handler(tokenRequest()));
    vi.setSystemTime(T0 + 59_000);
    expect((await tokenOf(await handler(tokenRequest()))).access_token).toBe(first.access_token);
    vi.setSystemTime(T0 + 61_000);
    expect((await tokenOf(await handler(tokenRequest()))).access_token).not.toBe(
      first.access_token,
    );
    expect(tokenPosts(control)).toHaveLength(2);
  });

  it('should never serve another user’s token from a shared cache', async () => {
    const control = mockBasiq();
    const foreign = control.clientToken('u1');
    const cache: TokenCache = {
      get: () => ({ access_token: foreign, expiresAt: Date.now() + 30 * MINUTE }),
      set: () => {},
    };
    const { handler } = handlerFor({ cache });
    const { access_token } = await tokenOf(await handler(tokenRequest()));
    expect(access_token).not.toBe(foreign);
    expect(claimsOf(access_token).userid).toBe('u2');
    expect(tokenPosts(control)).toHaveLength(1);
  });

  it('should still answer when onError itself throws', async () => {
    mockBasiq();
    const onError = () => {
      throw new Error('logger down');
    };
    const { handler } = handlerFor({
      onError,
      getUserId: () => {
        throw new Error('session store down');
      },
    });
    expect((await handler(tokenRequest())).status).toBe(500);
    const { handler: failing } = handlerFor({ onError, apiKey: 'wrong-key' });
    expect((await failing(tokenRequest())).status).toBe(503);
  });
});
