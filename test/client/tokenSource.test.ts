import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BasiqApiError, BasiqTokenError, createBasiqClient } from '../../src';
import { clientToken } from '../support/jwt';
import { API, TOKEN_URL, basiqError, rawJob, tokenEndpoint, useMswServer } from '../support/server';

/** Every string an error exposes: message, own props, cause chain, JSON. */
function everythingIn(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    parts.push(String(e), JSON.stringify(e) ?? '');
    if (typeof e === 'object') {
      for (const key of Object.getOwnPropertyNames(e)) {
        parts.push(`${key}=${JSON.stringify((e as Record<string, unknown>)[key]) ?? ''}`);
      }
    }
  }
  return parts.join('\n');
}

describe('createBasiqClient (token source)', () => {
  const msw = useMswServer();
  afterEach(() => vi.useRealTimers());

  it('should make one token request for 50 concurrent calls (single flight)', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/jobs/:id`, () => HttpResponse.json(rawJob())),
    );
    const client = createBasiqClient({ tokenUrl: TOKEN_URL });
    const jobs = await Promise.all(Array.from({ length: 50 }, (_, i) => client.getJob(`job-${i}`)));
    expect(jobs).toHaveLength(50);
    expect(msw.tokenRequests()).toHaveLength(1);
    expect(msw.apiRequests()).toHaveLength(50);
  });

  it('should reuse the token until expires_in minus refreshSkewMs, then fetch a new one', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-01T00:00:00Z') });
    msw.server.use(
      tokenEndpoint(() => ({ access_token: clientToken(), expires_in: 600 })),
      http.get(`${API}/jobs/:id`, () => HttpResponse.json(rawJob())),
    );
    const client = createBasiqClient({ tokenUrl: TOKEN_URL, refreshSkewMs: 60_000 });
    await client.getJob('job-1');
    vi.setSystemTime(Date.now() + 530_000); // 70 s before expiry: still reused
    await client.getJob('job-1');
    expect(msw.tokenRequests()).toHaveLength(1);
    vi.setSystemTime(Date.now() + 20_000); // 50 s before expiry: inside the skew
    await client.getJob('job-1');
    expect(msw.tokenRequests()).toHaveLength(2);
  });

  it('should not refetch on every call when the skew is longer than the token lives', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-01T00:00:00Z') });
    msw.server.use(
      tokenEndpoint(() => ({ access_token: clientToken('user-1', 30), expires_in: 30 })),
      http.get(`${API}/jobs/:id`, () => HttpResponse.json(rawJob())),
    );
    const client = createBasiqClient({ tokenUrl: TOKEN_URL, refreshSkewMs: 60_000 });
    await client.getJob('job-1');
    vi.setSystemTime(Date.now() + 10_000);
    await client.getJob('job-1');
    expect(msw.tokenRequests()).toHaveLength(1);
  });

  it.each([
    ['401', () => basiqError(401, 'unauthorized-access', 'Invalid token')],
    ['an expired-token 403', () => basiqError(403, 'forbidden-access', 'Token has expired')],
  ])(
    'should drop the token after %s, fetch one new token and retry once',
    async (_name, reject) => {
      let calls = 0;
      msw.server.use(
        tokenEndpoint(),
        http.get(`${API}/jobs/:id`, () => (++calls === 1 ? reject() : HttpResponse.json(rawJob()))),
      );
      const client = createBasiqClient({ tokenUrl: TOKEN_URL });
      await expect(client.getJob('job-1')).resolves.toMatchObject({ id: 'job-1' });
      expect(msw.tokenRequests()).toHaveLength(2);
      expect(msw.apiRequests()).toHaveLength(2);
      const [first, second] = msw.apiRequests();
      expect(first!.authorization).not.toBe(second!.authorization);
    },
  );

  it('should throw BasiqApiError on a second 401 without looping', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/jobs/:id`, () => basiqError(401, 'unauthorized-access')),
    );
    const client = createBasiqClient({ tokenUrl: TOKEN_URL });
    const error = await client.getJob('job-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqApiError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized-access' });
    expect(msw.tokenRequests()).toHaveLength(2);
    expect(msw.apiRequests()).toHaveLength(2);
  });

  it('should also refresh once for a POST after a 401', async () => {
    let calls = 0;
    msw.server.use(
      tokenEndpoint(),
      http.post(`${API}/jobs/:id/mfa`, ({ params }) =>
        ++calls === 1
          ? basiqError(401, 'unauthorized-access')
          : HttpResponse.json({ type: 'job', id: params.id }, { status: 202 }),
      ),
    );
    const client = createBasiqClient({ tokenUrl: TOKEN_URL });
    await expect(client.submitMfa('job-1', ['123456'])).resolves.toEqual({ jobId: 'job-1' });
    expect(msw.apiRequests()).toHaveLength(2);
  });

  it('should not refresh on a 403 that is not about expiry', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/events`, () => basiqError(403, 'forbidden-access', 'Access denied')),
    );
    const client = createBasiqClient({ tokenUrl: TOKEN_URL });
    const error = await client.listEvents().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqApiError);
    expect((error as Error).message).toMatch(/server/);
    expect(msw.tokenRequests()).toHaveLength(1);
  });

  it.each([
    ['answers 500', () => new HttpResponse('oops', { status: 500 }), /answered 500/],
    [
      'answers HTML',
      () => new HttpResponse('<html>login</html>', { headers: { 'content-type': 'text/html' } }),
      /did not answer JSON/,
    ],
    ['has no access_token', () => HttpResponse.json({ token: 'x' }), /no access_token/],
    ['is down', () => HttpResponse.error(), /could not be reached/],
  ])('should throw BasiqTokenError when the token endpoint %s', async (_name, answer, message) => {
    msw.server.use(http.post(TOKEN_URL, answer));
    const client = createBasiqClient({ tokenUrl: TOKEN_URL });
    const error = await client.getJob('job-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqTokenError);
    expect((error as Error).message).toMatch(message);
    expect(msw.apiRequests()).toHaveLength(0);
  });

  it('should wrap a throwing getToken in BasiqTokenError and try again on the next call', async () => {
    let calls = 0;
    msw.server.use(http.get(`${API}/jobs/:id`, () => HttpResponse.json(rawJob())));
    const client = createBasiqClient({
      getToken: async () => {
        if (++calls === 1) throw new Error('session expired');
        return { access_token: clientToken(), expires_in: 3600 };
      },
    });
    const error = await client.getJob('job-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqTokenError);
    expect((error as Error).cause).toBeInstanceOf(Error);
    await expect(client.getJob('job-1')).resolves.toMatchObject({ id: 'job-1' });
  });

  it("should send no token request before the endpoint's Retry-After has passed", async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-01T00:00:00Z') });
    let busy = true;
    msw.server.use(
      http.post(TOKEN_URL, () =>
        busy
          ? HttpResponse.json({ error: 'later' }, { status: 503, headers: { 'retry-after': '2' } })
          : HttpResponse.json({ access_token: clientToken(), expires_in: 3600 }),
      ),
      http.get(`${API}/jobs/:id`, () => HttpResponse.json(rawJob())),
    );
    const client = createBasiqClient({ tokenUrl: TOKEN_URL });

    await expect(client.getJob('job-1')).rejects.toMatchObject({
      name: 'BasiqTokenError',
      status: 503,
      retryAfterMs: 2000,
    });
    busy = false;
    vi.advanceTimersByTime(1500);
    await expect(client.getJob('job-1')).rejects.toMatchObject({ retryAfterMs: 500 });
    expect(msw.tokenRequests()).toHaveLength(1);
    vi.advanceTimersByTime(500);
    await expect(client.getJob('job-1')).resolves.toMatchObject({ id: 'job-1' });
    expect(msw.tokenRequests()).toHaveLength(2);
  });

  it('should use GET on tokenUrl when tokenMethod is GET', async () => {
    msw.server.use(
      http.get(TOKEN_URL, () =>
        HttpResponse.json({ access_token: clientToken(), expires_in: 3600 }),
      ),
      http.get(`${API}/jobs/:id`, () => HttpResponse.json(rawJob())),
    );
    const client = createBasiqClient({ tokenUrl: TOKEN_URL, tokenMethod: 'GET' });
    await expect(client.getJob('job-1')).resolves.toMatchObject({ id: 'job-1' });
  });

  it('should keep the token out of every error it throws', async () => {
    const token = clientToken();
    const failures = [
      () => basiqError(404, 'resource-not-found'),
      () => basiqError(401, 'unauthorized-access'),
      () => new HttpResponse('', { status: 200 }),
      () => HttpResponse.error(),
    ];
    for (const fail of failures) {
      msw.server.use(
        tokenEndpoint(() => ({ access_token: token, expires_in: 3600 })),
        http.get(`${API}/jobs/:id`, fail),
      );
      const client = createBasiqClient({ tokenUrl: TOKEN_URL, retry: { attempts: 1 } });
      const error = await client.getJob('job-1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const text = everythingIn(error);
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.split('.')[1]);
      // ofetch's FetchError holds the request options, headers included: it never leaves.
      for (let e = error; e; e = (e as Error).cause) {
        expect((e as Error).name).not.toBe('FetchError');
        expect(Object.getOwnPropertyNames(e)).not.toEqual(
          expect.arrayContaining([expect.stringMatching(/^(options|request|response|headers)$/)]),
        );
      }
    }
  });

  it('should report facts about the token, never the token, from tokenInfo()', async () => {
    const token = clientToken('user-9', 3600);
    msw.server.use(tokenEndpoint(() => ({ access_token: token, expires_in: 3600 })));
    const client = createBasiqClient({ tokenUrl: TOKEN_URL });
    const info = await client.tokenInfo();
    expect(info).toMatchObject({ userId: 'user-9', scope: 'CLIENT_ACCESS' });
    expect(info.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);
    expect(JSON.stringify(info)).not.toContain(token);
  });
});
