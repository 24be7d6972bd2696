import { describe, expect, it } from 'vitest';
import { createTokenHandler } from '../../src/server';
import type { TokenHandlerOptions } from '../../src/server';
import { clientToken, makeJwt } from '../support/jwt';
import { setupMswServer } from '../support/server';
import { setupTokenHandlerFixtures } from './createTokenHandlerFixtures';

const server = setupMswServer();
setupTokenHandlerFixtures(server);

describe('createTokenHandler options', () => {
  const getUserId = () => 'u2';

  it('should throw a TypeError naming what to pass when apiKey is missing', () => {
    for (const apiKey of [undefined, '', '   ', 42]) {
      expect(() =>
        createTokenHandler({ apiKey, getUserId } as unknown as TokenHandlerOptions),
      ).toThrow(TypeError);
      expect(() =>
        createTokenHandler({ apiKey, getUserId } as unknown as TokenHandlerOptions),
      ).toThrow(/createTokenHandler: apiKey is missing; pass your Basiq API key/);
    }
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
