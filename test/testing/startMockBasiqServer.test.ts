// The mock Basiq over real HTTP on loopback, driven with Node's own fetch (no MSW here).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBasiqClient } from '../../src';
import { startMockBasiqServer, type MockBasiqServer } from '../../src/testing';
import { APP_ORIGIN, clientOf } from './startMockBasiqServerFixtures';

describe('startMockBasiqServer', () => {
  describe('lifecycle', () => {
    it('should listen on a free 127.0.0.1 port and say where in its banner', async () => {
      const server = await startMockBasiqServer();
      try {
        expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(Number(new URL(server.url).port)).toBeGreaterThan(0);
        expect(server.consentUrl).toBe(`${server.url}/consent`);
        expect(server.banner).toContain(server.url);
        expect(server.banner).toContain('test-api-key');
        expect(server.banner).toContain('123456');
        const response = await fetch(`${server.url}/jobs/nope`);
        expect(response.status).toBe(401);
      } finally {
        await server.close();
      }
    });

    it('should name its own API key and MFA answer in the banner when given', async () => {
      const server = await startMockBasiqServer({ apiKey: 'k-42', mfaAnswer: '9999' });
      try {
        expect(server.banner).toContain('k-42');
        expect(server.banner).toContain('9999');
        const minted = await fetch(`${server.url}/token`, {
          method: 'POST',
          headers: { authorization: 'Basic k-42', 'basiq-version': '3.0' },
          body: new URLSearchParams({ scope: 'SERVER_ACCESS' }),
        });
        expect(minted.status).toBe(200);
      } finally {
        await server.close();
      }
    });

    it('should stop answering once closed', async () => {
      const server = await startMockBasiqServer();
      expect((await fetch(`${server.url}/nope`)).status).toBe(404);
      await server.close();
      await expect(fetch(`${server.url}/nope`)).rejects.toThrow(TypeError);
    });

    it('should run two servers at once on different ports with separate state', async () => {
      const [a, b] = await Promise.all([
        startMockBasiqServer({ clock: 'manual' }),
        startMockBasiqServer({ clock: 'manual' }),
      ]);
      try {
        expect(a.url).not.toBe(b.url);
        const { jobId } = a.control.createJob({ userId: 'u1', stepMs: 1000 });
        await expect(clientOf(a, 'u1').getJob(jobId)).resolves.toMatchObject({ id: jobId });
        // The same job id and user mean nothing to the other server.
        await expect(clientOf(b, 'u1').getJob(jobId)).rejects.toMatchObject({ status: 404 });
        a.control.advance(10_000);
        expect(a.control.now()).not.toBe(b.control.now());
        await expect(clientOf(a, 'u1').getJob(jobId)).resolves.toMatchObject({
          phase: 'success',
        });
        expect(a.control.requests().map((r) => r.path)).toEqual([
          `/jobs/${jobId}`,
          `/jobs/${jobId}`,
        ]);
        expect(b.control.requests().map((r) => r.path)).toEqual([`/jobs/${jobId}`]);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  });

  describe('the API over HTTP', () => {
    let server: MockBasiqServer;
    beforeAll(async () => {
      server = await startMockBasiqServer({ clock: 'manual' });
    });
    afterEach(() => server.control.reset());
    afterAll(() => server.close());

    const mint = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/token`, {
        method: 'POST',
        headers: { authorization: 'Basic test-api-key', 'basiq-version': '3.0', ...headers },
        body: new URLSearchParams(body),
      });

    it('should mint a CLIENT_ACCESS token on POST /token that then opens the user’s jobs', async () => {
      const { jobId } = server.control.createJob({ userId: 'u1', stepMs: 1000 });
      const response = await mint({ scope: 'CLIENT_ACCESS', userId: 'u1' });
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
      const token = String(body.access_token);

      const client = createBasiqClient({
        baseUrl: server.url,
        getToken: async () => token,
        userId: 'u1',
        retry: { attempts: 1 },
      });
      await expect(client.tokenInfo()).resolves.toMatchObject({ userId: 'u1' });
      await expect(client.getJob(jobId)).resolves.toMatchObject({
        id: jobId,
        phase: 'in-progress',
      });
      expect(server.control.requests().map((r) => [r.method, r.path, r.auth, r.status])).toEqual([
        ['POST', '/token', 'basic', 200],
        ['GET', `/jobs/${jobId}`, 'CLIENT_ACCESS', 200],
      ]);
    });

    it('should refuse POST /token with a wrong API key or without basiq-version', async () => {
      const wrongKey = await mint({ scope: 'SERVER_ACCESS' }, { authorization: 'Basic nope' });
      expect(wrongKey.status).toBe(401);
      expect(await wrongKey.json()).toMatchObject({ type: 'list', data: [{ type: 'error' }] });
      const noVersion = await fetch(`${server.url}/token`, {
        method: 'POST',
        headers: { authorization: 'Basic test-api-key' },
        body: new URLSearchParams({ scope: 'SERVER_ACCESS' }),
      });
      expect(noVersion.status).toBe(400);
      expect(await noVersion.json()).toMatchObject({
        data: [{ source: { parameter: 'basiq-version' } }],
      });
    });

    it('should drive an MFA job to success with createBasiqClient on the manual clock', async () => {
      const { jobId } = server.control.createJob({
        userId: 'u1',
        scenario: 'mfa-wrong-then-right',
        stepMs: 1000,
      });
      const client = clientOf(server, 'u1');
      await expect(client.getJob(jobId)).resolves.toMatchObject({ phase: 'in-progress' });

      server.control.advance(1000);
      const asking = await client.getJob(jobId);
      expect(asking.phase).toBe('mfa-required');
      expect(asking.mfa).toMatchObject({ jobId, method: 'token' });
      expect(asking.mfa?.prompts).toHaveLength(1);
      expect(asking.mfa?.responseUrl).toBe(`${server.url}/jobs/${jobId}/mfa`);

      // This scenario refuses the first answer, then asks again.
      await expect(client.submitMfa(jobId, ['123456'])).resolves.toEqual({ jobId });
      server.control.advance(1000);
      await expect(client.getJob(jobId)).resolves.toMatchObject({ phase: 'mfa-required' });

      await client.submitMfa(jobId, ['123456']);
      server.control.advance(500);
      await expect(client.getJob(jobId)).resolves.toMatchObject({ phase: 'in-progress' });
      server.control.advance(2500);
      const done = await client.getJob(jobId);
      expect(done).toMatchObject({ phase: 'success', isTerminal: true });
      expect(done.steps.map((s) => s.title)).toEqual([
        'verify-credentials',
        'mfa-challenge',
        'retrieve-accounts',
        'retrieve-transactions',
      ]);
    });

    it('should answer an injected 429 with its Retry-After readable by a browser app', async () => {
      server.control.failNext(1, 429, { retryAfter: 7 });
      const token = server.control.clientToken('u1');
      const response = await fetch(`${server.url}/users/u1/jobs`, {
        headers: { authorization: `Bearer ${token}`, origin: APP_ORIGIN },
      });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      expect(response.headers.get('access-control-expose-headers')).toMatch(/retry-after/i);
      const next = await fetch(`${server.url}/users/u1/jobs`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(next.status).toBe(200);
    });

    it('should reset the connection for a dropped request (dropNext), then answer again', async () => {
      server.control.dropNext(1, { path: '/users' });
      const token = server.control.clientToken('u1');
      const get = () =>
        fetch(`${server.url}/users/u1/jobs`, { headers: { authorization: `Bearer ${token}` } });
      const error = await get().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TypeError);
      expect(String((error as Error).cause)).toMatch(/socket|closed|reset/i);
      expect((await get()).status).toBe(200);
      expect(server.control.requests().map((r) => r.status)).toEqual([0, 200]);
    });
  });
});
