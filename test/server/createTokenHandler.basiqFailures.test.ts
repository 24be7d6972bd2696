import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { BasiqApiError, BasiqNetworkError, BasiqTokenScopeError } from '../../src/server';
import { clientToken, makeJwt } from '../support/jwt';
import { API, setupMswServer } from '../support/server';
import {
  handlerFor,
  opaqueFailure,
  setupTokenHandlerFixtures,
  tokenPosts,
  tokenRequest,
} from './createTokenHandlerFixtures';

const server = setupMswServer();
const { mockBasiq } = setupTokenHandlerFixtures(server);

describe('createTokenHandler', () => {
  describe('when Basiq fails', () => {
    it('should answer 503 with Retry-After, without Basiq’s body, when Basiq answers 500', async () => {
      mockBasiq();
      server.use(
        http.post(`${API}/token`, () =>
          HttpResponse.json(
            {
              type: 'list',
              correlationId: 'corr-secret-42',
              data: [
                {
                  type: 'error',
                  code: 'internal-server-error',
                  title: 'Internal Server error.',
                  detail: 'stack trace at db-node-7',
                },
              ],
            },
            { status: 500 },
          ),
        ),
      );
      const { handler, onError } = handlerFor();

      await opaqueFailure(
        await handler(tokenRequest()),
        503,
        'corr-secret-42',
        'db-node-7',
        'internal-server-error',
      );

      expect(onError).toHaveBeenCalledTimes(1);
      const error = onError.mock.calls[0]![0];
      expect(error).toBeInstanceOf(BasiqApiError);
      expect(error).toMatchObject({
        status: 500,
        path: '/token',
        correlationId: 'corr-secret-42',
      });
    });

    it('should answer 503 when Basiq refuses the API key, without the key', async () => {
      const control = mockBasiq();
      const { handler, onError } = handlerFor({ apiKey: 'wrong-key' });

      await opaqueFailure(await handler(tokenRequest()), 503, 'wrong-key');

      expect(tokenPosts(control)).toEqual([
        expect.objectContaining({ auth: 'basic', status: 401 }),
      ]);
      const error = onError.mock.calls[0]![0];
      expect(error).toBeInstanceOf(BasiqApiError);
      expect(error).toMatchObject({ status: 401, path: '/token' });
      expect((error as Error).message).toMatch(/check the API key/);
      expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain('wrong-key');
    });

    it('should answer 503 when Basiq cannot be reached', async () => {
      server.use(http.post(`${API}/token`, () => HttpResponse.error()));
      const { handler, onError } = handlerFor();

      await opaqueFailure(await handler(tokenRequest()), 503);

      expect(onError).toHaveBeenCalledTimes(1);
      const error = onError.mock.calls[0]![0];
      expect(error).toBeInstanceOf(BasiqNetworkError);
      expect(error).toMatchObject({ reason: 'network', path: '/token' });
    });

    it('should never hand out a SERVER_ACCESS token Basiq gives by mistake, nor ask again at once', async () => {
      const now = Math.floor(Date.now() / 1000);
      const serverToken = makeJwt({
        scope: 'SERVER_ACCESS',
        version: '3.0',
        iat: now,
        exp: now + 3600,
      });
      const token = vi.fn(() =>
        HttpResponse.json({ access_token: serverToken, token_type: 'Bearer', expires_in: 3600 }),
      );
      server.use(http.post(`${API}/token`, token));
      const { handler, onError } = handlerFor();

      for (let i = 0; i < 2; i++) {
        await opaqueFailure(
          await handler(tokenRequest()),
          502,
          serverToken,
          serverToken.split('.')[1]!,
        );
      }

      // Refused, and remembered: the second request is answered without asking Basiq again.
      expect(token).toHaveBeenCalledTimes(1);
      expect(onError).toHaveBeenCalledTimes(1);
      const error = onError.mock.calls[0]![0];
      expect(error).toBeInstanceOf(BasiqTokenScopeError);
      expect(error).toMatchObject({ reason: 'wrong-scope' });
      expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain(
        serverToken.split('.')[1]!,
      );
    });

    it('should never hand out a token Basiq minted for another user', async () => {
      const otherUsers = clientToken('u3');
      server.use(
        http.post(`${API}/token`, () =>
          HttpResponse.json({ access_token: otherUsers, token_type: 'Bearer', expires_in: 3600 }),
        ),
      );
      const { handler, onError } = handlerFor({ getUserId: () => 'u2' });

      await opaqueFailure(
        await handler(tokenRequest()),
        502,
        otherUsers,
        otherUsers.split('.')[1]!,
      );

      expect(onError.mock.calls[0]![0]).toBeInstanceOf(BasiqTokenScopeError);
      expect(onError.mock.calls[0]![0]).toMatchObject({ reason: 'user-mismatch' });
    });
  });
});
