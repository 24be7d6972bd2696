import { describe, expect, it, vi } from 'vitest';
import { createBasiqServerClient, createTokenHandler } from '../../src/server';
import { setupMswServer } from '../support/server';
import {
  handlerFor,
  setupTokenHandlerFixtures,
  tokenPosts,
  tokenRequest,
} from './createTokenHandlerFixtures';

const server = setupMswServer();
const { mockBasiq } = setupTokenHandlerFixtures(server);
const getUserId = () => 'u2';

describe('createTokenHandler (configuration)', () => {
  it.each([
    ['a line break', 'abc123\ndef456', /line break/],
    ['a carriage return', 'abc123\r', /line break/],
    ['a NUL byte', 'abc\u0000123', /control character/],
    ['a space inside', 'abc 123', /space/],
    ['a placeholder', 'YOUR_API_KEY', /placeholder/],
    ['"undefined"', 'undefined', /placeholder/],
    ['"changeme"', 'changeme', /placeholder/],
  ])('should refuse an API key with %s, without echoing it', (_what, apiKey, message) => {
    for (const create of [
      () => createTokenHandler({ apiKey, getUserId }),
      () => createBasiqServerClient({ apiKey }),
    ]) {
      const error = (() => {
        try {
          create();
        } catch (caught) {
          return caught as Error;
        }
      })();
      expect(error).toBeInstanceOf(TypeError);
      expect(error!.message).toMatch(message);
      expect(`${error!.message} ${JSON.stringify(error)}`).not.toContain(apiKey.trim());
    }
  });

  it('should refuse a baseUrl that is not https: (off loopback)', () => {
    expect(() =>
      createTokenHandler({ apiKey: 'test-api-key', getUserId, baseUrl: 'http://basiq.example' }),
    ).toThrow(/baseUrl must be https:/);
    expect(() =>
      createTokenHandler({ apiKey: 'test-api-key', getUserId, baseUrl: 'http://127.0.0.1:9' }),
    ).not.toThrow();
  });

  it('should answer 401 and report a getUserId that returns something other than a user id', async () => {
    const control = mockBasiq();
    const { handler, onError } = handlerFor({ getUserId: () => 42 as unknown as string });
    expect((await handler(tokenRequest())).status).toBe(401);
    expect(onError.mock.calls[0]![0]).toBeInstanceOf(TypeError);
    expect(tokenPosts(control)).toEqual([]);
  });
});

describe('createTokenHandler (without onError)', () => {
  it('should warn once per kind of failure and minute, in one line with no secret', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const control = mockBasiq();
    control.failNext(5, 503, { path: '/token' });
    let userId = 'u1';
    const handler = createTokenHandler({ apiKey: 'test-api-key', getUserId: () => userId });
    const warn = vi.mocked(console.warn);

    for (const next of ['u1', 'u2', 'u3']) {
      userId = next;
      await handler(tokenRequest());
    }

    expect(tokenPosts(control)).toHaveLength(3);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(
      /^basiq-react\/server: Basiq answered POST \/token with 503/,
    );
    expect(warn.mock.calls[0]![0]).not.toMatch(/test-api-key|Basic|Bearer/);
    // The fixtures check that nothing is written to the console: this test expects the warning.
    warn.mockClear();
  });
});
