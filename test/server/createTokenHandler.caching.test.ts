import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { clientToken } from '../support/jwt';
import { API, setupMswServer } from '../support/server';
import {
  MINUTE,
  T0,
  claimsOf,
  handlerFor,
  opaqueFailure,
  setupTokenHandlerFixtures,
  tokenOf,
  tokenPosts,
  tokenRequest,
} from './createTokenHandlerFixtures';

const server = setupMswServer();
const { mockBasiq, upstreamForms } = setupTokenHandlerFixtures(server);

describe('createTokenHandler', () => {
  describe('caching', () => {
    it('should mint once for 100 sequential requests of one user', async () => {
      const control = mockBasiq();
      const { handler } = handlerFor();

      const tokens = new Set<string>();
      for (let i = 0; i < 100; i++)
        tokens.add((await tokenOf(await handler(tokenRequest()))).access_token);

      expect(tokens.size).toBe(1);
      expect(tokenPosts(control)).toHaveLength(1);
    });

    it('should mint once for 100 concurrent requests of one user', async () => {
      const control = mockBasiq();
      const { handler } = handlerFor();

      const bodies = await Promise.all(
        Array.from({ length: 100 }, async () => tokenOf(await handler(tokenRequest()))),
      );

      expect(new Set(bodies.map((b) => b.access_token)).size).toBe(1);
      expect(tokenPosts(control)).toHaveLength(1);
    });

    it('should mint one token per user, each bound to its user', async () => {
      const control = mockBasiq();
      // The app's own session: here a cookie naming the user.
      const { handler } = handlerFor({
        getUserId: (request) => /session=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1],
      });
      const as = (user: string) => tokenRequest({ headers: { cookie: `session=${user}` } });

      const bodies = await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const user = i % 2 ? 'u1' : 'u2';
          return [user, await tokenOf(await handler(as(user)))] as const;
        }),
      );

      for (const [user, { access_token }] of bodies) {
        expect(claimsOf(access_token)).toMatchObject({ scope: 'CLIENT_ACCESS', userid: user });
      }
      expect(new Set(bodies.map(([, b]) => b.access_token)).size).toBe(2);
      expect(tokenPosts(control)).toHaveLength(2);
      const forms = await Promise.all(upstreamForms);
      expect(forms.map((form) => form.get('userId')).sort()).toEqual(['u1', 'u2']);
    });

    it('should count expires_in down while it serves the cached token', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
      const control = mockBasiq();
      const { handler } = handlerFor();

      const first = await tokenOf(await handler(tokenRequest()));
      vi.setSystemTime(T0 + 10 * MINUTE);
      const later = await tokenOf(await handler(tokenRequest()));
      vi.setSystemTime(T0 + 30 * MINUTE + 500);
      const latest = await tokenOf(await handler(tokenRequest()));

      expect(first.expires_in).toBe(3600);
      expect(later).toEqual({ ...first, expires_in: 3000 });
      expect(latest).toEqual({ ...first, expires_in: 1799 });
      expect(tokenPosts(control)).toHaveLength(1);
    });

    it('should mint a new token once the cached one is within 5 minutes of expiry', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
      const control = mockBasiq();
      const { handler } = handlerFor();

      const first = await tokenOf(await handler(tokenRequest()));
      vi.setSystemTime(T0 + 54 * MINUTE + 59_000); // 5 min 1 s left: still handed out
      const stillFirst = await tokenOf(await handler(tokenRequest()));
      expect(stillFirst).toEqual({ ...first, expires_in: 301 });
      expect(tokenPosts(control)).toHaveLength(1);

      vi.setSystemTime(T0 + 55 * MINUTE + 1_000); // 4 min 59 s left: too short
      const second = await tokenOf(await handler(tokenRequest()));

      expect(second.access_token).not.toBe(first.access_token);
      expect(second.expires_in).toBe(3600);
      expect(claimsOf(second.access_token)).toMatchObject({
        scope: 'CLIENT_ACCESS',
        userid: 'u2',
        exp: (T0 + 55 * MINUTE + 1_000) / 1000 + 3600,
      });
      expect(tokenPosts(control)).toHaveLength(2);
      // And the new one is cached in turn.
      expect((await tokenOf(await handler(tokenRequest()))).access_token).toBe(second.access_token);
      expect(tokenPosts(control)).toHaveLength(2);
    });

    it('should not hand out a token past its exp when Basiq’s expires_in overstates its life', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
      // A token that lives 10 minutes (its exp), answered with Basiq's usual expires_in.
      const token = vi.fn(() =>
        HttpResponse.json({
          access_token: clientToken('u2', 600),
          token_type: 'Bearer',
          expires_in: 3600,
        }),
      );
      server.use(http.post(`${API}/token`, token));
      const { handler } = handlerFor();

      const first = await tokenOf(await handler(tokenRequest()));
      expect(first.expires_in).toBeLessThanOrEqual(600);
      vi.setSystemTime(T0 + 6 * MINUTE); // 4 minutes left by its exp
      const second = await tokenOf(await handler(tokenRequest()));

      expect(second.access_token).not.toBe(first.access_token);
      expect(token).toHaveBeenCalledTimes(2);
    });

    it('should share a failure among concurrent requests, and mint again once its backoff passed', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
      const control = mockBasiq();
      control.failNext(1, 500, { path: '/token' });
      const { handler, onError } = handlerFor();

      const failed = await Promise.all(Array.from({ length: 10 }, () => handler(tokenRequest())));

      for (const response of failed) await opaqueFailure(response, 503);
      expect(tokenPosts(control)).toHaveLength(1);
      expect(onError).toHaveBeenCalledTimes(1);
      // Within the backoff (1 s after a first failure) Basiq is not asked.
      await opaqueFailure(await handler(tokenRequest()), 503);
      expect(tokenPosts(control)).toHaveLength(1);
      vi.setSystemTime(T0 + 1_000);
      const { access_token } = await tokenOf(await handler(tokenRequest()));
      expect(claimsOf(access_token)).toMatchObject({ scope: 'CLIENT_ACCESS', userid: 'u2' });
      expect(tokenPosts(control).map((r) => r.status)).toEqual([500, 200]);
    });
  });
});
