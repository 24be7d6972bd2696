import { describe, expect, it, vi } from 'vitest';
import { createTokenHandler } from '../../src/server';
import type { TokenHandlerOptions } from '../../src/server';
import { clientToken, makeJwt } from '../support/jwt';
import { setupMswServer } from '../support/server';
import { setupTokenHandlerFixtures, tokenPosts, tokenRequest } from './createTokenHandlerFixtures';

const server = setupMswServer();
const { mockBasiq } = setupTokenHandlerFixtures(server);

const MISSING =
  'createTokenHandler: apiKey is missing; pass your Basiq API key (e.g. process.env.BASIQ_API_KEY)';

describe('createTokenHandler options', () => {
  const getUserId = () => 'u2';

  it('should throw a TypeError naming what to pass when apiKey is not a string', () => {
    for (const apiKey of [42, {}, true]) {
      expect(() =>
        createTokenHandler({ apiKey, getUserId } as unknown as TokenHandlerOptions),
      ).toThrow(new TypeError(MISSING));
    }
  });

  // `next build` loads route modules without the deployment's secrets: the route must load.
  it('should load without an API key and answer 500, report why and ask Basiq nothing', async () => {
    const control = mockBasiq();
    for (const apiKey of [undefined, null, '', '   ']) {
      const onError = vi.fn<(error: unknown) => void>();
      const handler = createTokenHandler({
        apiKey,
        getUserId,
        onError,
      } as unknown as TokenHandlerOptions);
      const response = await handler(tokenRequest());
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: 'The token endpoint is not configured' });
      expect(onError).toHaveBeenCalledWith(new TypeError(MISSING));
    }
    expect(tokenPosts(control)).toEqual([]);
  });

  it('should still refuse a baseUrl that is not https: when the API key is not set', () => {
    expect(() =>
      createTokenHandler({
        apiKey: undefined as unknown as string,
        baseUrl: 'http://au-api.basiq.io',
        getUserId,
      }),
    ).toThrow(/createTokenHandler: baseUrl must be https:/);
  });

  it('should refuse a token or a header where the API key belongs, without echoing it', () => {
    const keys = [
      clientToken('u2'),
      makeJwt({ scope: 'SERVER_ACCESS', exp: 9e9 }),
      'Bearer sk-secret-123',
      'bearer sk-secret-123',
      'Basic sk-secret-123',
    ];
    for (const apiKey of keys) {
      let thrown: unknown;
      try {
        createTokenHandler({ apiKey, getUserId });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, apiKey).toBeInstanceOf(TypeError);
      const message = (thrown as Error).message;
      expect(message).toMatch(
        /looks like a token or a header, not an API key; pass the key itself/,
      );
      expect(message).not.toContain('sk-secret-123');
      expect(message).not.toContain(apiKey.split('.')[1] || apiKey);
    }
  });

  it('should throw a TypeError when getUserId is missing', () => {
    for (const bad of [undefined, 'u2', null]) {
      expect(() =>
        createTokenHandler({
          apiKey: 'test-api-key',
          getUserId: bad,
        } as unknown as TokenHandlerOptions),
      ).toThrow(new TypeError('createTokenHandler: getUserId(request) is required'));
    }
  });
});
