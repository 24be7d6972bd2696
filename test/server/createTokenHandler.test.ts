import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { createBasiqClient } from '../../src';
import {
  BasiqApiError,
  BasiqNetworkError,
  BasiqTokenScopeError,
  createBasiqServerClient,
  createTokenHandler,
} from '../../src/server';
import type { CachedToken, TokenCache, TokenHandlerOptions } from '../../src/server';
import { createBasiqMock } from '../../src/testing';
import type { BasiqMockControl, BasiqMockOptions } from '../../src/testing';
import { clientToken, makeJwt } from '../support/jwt';
import { API, TOKEN_URL, setupMswServer } from '../support/server';

const server = setupMswServer();

const MINUTE = 60_000;
const T0 = Date.UTC(2030, 0, 1, 9, 0, 0);

/** What reached Basiq's `POST /token`: the form body of each request. */
let upstreamForms: Array<Promise<URLSearchParams>> = [];
server.events.on('request:start', ({ request }) => {
  if (request.url === `${API}/token`) {
    upstreamForms.push(
      request
        .clone()
        .text()
        .then((text) => new URLSearchParams(text)),
    );
  }
});

// The handler must never write to the console: not the token, not Basiq's answer, nothing.
let consoleSpies: MockInstance[] = [];
beforeEach(() => {
  upstreamForms = [];
  consoleSpies = (['log', 'info', 'debug', 'warn', 'error'] as const).map((method) =>
    vi.spyOn(console, method),
  );
});
afterEach(() => {
  for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
});

interface TokenBody {
  access_token: string;
  expires_in: number;
  token_type: string;
}

/** A mock Basiq (real clock: it follows the faked Date) with users u1, u2 and u3. */
function mockBasiq(options: BasiqMockOptions = {}): BasiqMockControl {
  const { handlers, control } = createBasiqMock({ users: ['u1', 'u2', 'u3'], ...options });
  server.use(...handlers);
  return control;
}

/** A handler for the signed-in user `u2` (unless `getUserId` says otherwise). */
function handlerFor(overrides: Partial<TokenHandlerOptions> = {}) {
  const onError = vi.fn<(error: unknown) => void>();
  const getUserId = vi.fn<TokenHandlerOptions['getUserId']>(() => 'u2');
  const handler = createTokenHandler({ apiKey: 'test-api-key', getUserId, onError, ...overrides });
  return { handler, onError, getUserId };
}

/** What the browser client sends to its `tokenUrl`. */
const tokenRequest = (init: RequestInit = {}, url = TOKEN_URL) =>
  new Request(url, { method: 'POST', body: JSON.stringify({ userId: 'u2' }), ...init });

const tokenPosts = (control: BasiqMockControl) =>
  control.requests().filter((r) => r.method === 'POST' && r.path === '/token');

/** The JWT payload, decoded by hand. */
function claimsOf(token: string): Record<string, unknown> {
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

async function tokenOf(response: Response): Promise<TokenBody> {
  expect(response.status).toBe(200);
  return (await response.json()) as TokenBody;
}

/** A 502's body, checked to say nothing of Basiq's answer and to hold no token. */
async function opaque502(response: Response, ...secrets: string[]) {
  expect(response.status).toBe(502);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await response.text();
  expect(text).not.toMatch(/access_token|eyJ|Bearer|correlation/i);
  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(text.length).toBeLessThan(120);
  expect(JSON.parse(text)).toEqual({ error: expect.any(String) });
  return text;
}

describe('createTokenHandler', () => {
  it('should answer 200 { access_token, expires_in, token_type } with Cache-Control: no-store', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const control = mockBasiq();
    const { handler, getUserId, onError } = handlerFor();
    const request = tokenRequest();

    const response = await handler(request);

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as TokenBody;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(body).toEqual({
      access_token: expect.any(String),
      expires_in: 3600,
      token_type: 'Bearer',
    });
    expect(getUserId).toHaveBeenCalledWith(request);
    expect(onError).not.toHaveBeenCalled();
    expect(control.requests()).toEqual([
      expect.objectContaining({ method: 'POST', path: '/token', auth: 'basic', status: 200 }),
    ]);
  });

  it('should hand out a CLIENT_ACCESS JWT bound to the user getUserId returns', async () => {
    mockBasiq();
    const { handler } = handlerFor({ getUserId: () => 'u2' });

    const { access_token } = await tokenOf(await handler(tokenRequest()));

    expect(claimsOf(access_token)).toMatchObject({ scope: 'CLIENT_ACCESS', userid: 'u2' });
    const [form] = await Promise.all(upstreamForms);
    expect(Object.fromEntries(form!)).toEqual({ scope: 'CLIENT_ACCESS', userId: 'u2' });
  });

  it('should ignore a userId or scope the request itself asks for (body, query, headers)', async () => {
    const control = mockBasiq();
    const { handler } = handlerFor({ getUserId: () => 'u2' });
    const attempts = [
      tokenRequest({ body: JSON.stringify({ userId: 'u3', scope: 'SERVER_ACCESS' }) }),
      tokenRequest({
        body: 'userId=u3&scope=SERVER_ACCESS',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      tokenRequest({}, `${TOKEN_URL}?userId=u3&scope=SERVER_ACCESS`),
      tokenRequest({
        headers: { 'x-user-id': 'u3', userid: 'u3', 'x-basiq-user-id': 'u3' },
      }),
      new Request(`${TOKEN_URL}?userId=u1`, { method: 'GET', headers: { 'x-user-id': 'u1' } }),
    ];

    for (const request of attempts) {
      const { access_token } = await tokenOf(await handler(request));
      expect(claimsOf(access_token)).toMatchObject({ scope: 'CLIENT_ACCESS', userid: 'u2' });
    }
    // One token for u2, minted once and served from the cache after that.
    const forms = await Promise.all(upstreamForms);
    expect(forms.map((form) => Object.fromEntries(form))).toEqual([
      { scope: 'CLIENT_ACCESS', userId: 'u2' },
    ]);
    expect(tokenPosts(control)).toHaveLength(1);
  });

  it('should send a user id with form characters as one userId value, not as extra fields', async () => {
    mockBasiq();
    const userId = 'u2&scope=SERVER_ACCESS';
    const { handler, onError } = handlerFor({ getUserId: () => userId });

    // The mock has no such user: Basiq answers 404 and nothing is handed out.
    await opaque502(await handler(tokenRequest()));

    const [form] = await Promise.all(upstreamForms);
    expect(form!.getAll('scope')).toEqual(['CLIENT_ACCESS']);
    expect(form!.getAll('userId')).toEqual([userId]);
    expect(onError).toHaveBeenCalledWith(expect.any(BasiqApiError));
    expect(onError.mock.calls[0]![0]).toMatchObject({ status: 404, path: '/token' });
  });

  it('should answer GET as it answers POST', async () => {
    mockBasiq();
    const { handler } = handlerFor();

    const response = await handler(new Request(TOKEN_URL, { method: 'GET' }));

    expect(response.headers.get('cache-control')).toBe('no-store');
    const { access_token, token_type } = await tokenOf(response);
    expect(token_type).toBe('Bearer');
    expect(claimsOf(access_token)).toMatchObject({ scope: 'CLIENT_ACCESS', userid: 'u2' });
  });

  it('should answer 405 with Allow: GET, POST to other methods and send nothing upstream', async () => {
    const control = mockBasiq();
    const { handler, getUserId } = handlerFor();

    for (const method of ['PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const response = await handler(
        new Request(TOKEN_URL, {
          method,
          ...(method !== 'OPTIONS' && { body: JSON.stringify({ userId: 'u2' }) }),
        }),
      );
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow'), method).toBe('GET, POST');
      expect(await response.text(), method).not.toMatch(/access_token|eyJ/);
    }
    expect(getUserId).not.toHaveBeenCalled();
    expect(control.requests()).toEqual([]);
  });

  it('should answer 401 and send nothing upstream when nobody is signed in', async () => {
    const control = mockBasiq();
    const nobody: Array<TokenHandlerOptions['getUserId']> = [
      () => undefined,
      () => null,
      () => '',
      async () => undefined,
      async () => null,
    ];

    for (const getUserId of nobody) {
      const { handler, onError } = handlerFor({ getUserId });
      const response = await handler(tokenRequest());
      expect(response.status).toBe(401);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toEqual({ error: expect.any(String) });
      expect(onError).not.toHaveBeenCalled();
    }
    expect(control.requests()).toEqual([]);
  });

  it('should answer a short 500, tell onError and send nothing upstream when getUserId throws', async () => {
    const control = mockBasiq();
    const failures: Array<[string, TokenHandlerOptions['getUserId'], Error]> = [];
    const thrown = new Error('session store down at redis://10.0.0.7:6379 (secret hunter2)');
    failures.push(
      [
        'throws',
        () => {
          throw thrown;
        },
        thrown,
      ],
      ['rejects', () => Promise.reject(thrown), thrown],
    );

    for (const [how, getUserId, error] of failures) {
      const { handler, onError } = handlerFor({ getUserId });
      const response = await handler(tokenRequest());
      expect(response.status, how).toBe(500);
      expect(response.headers.get('cache-control'), how).toBe('no-store');
      const text = await response.text();
      expect(text.length, how).toBeLessThan(120);
      expect(JSON.parse(text), how).toEqual({ error: expect.any(String) });
      expect(text, how).not.toMatch(/redis|hunter2|session store/);
      expect(onError, how).toHaveBeenCalledTimes(1);
      expect(onError, how).toHaveBeenCalledWith(error);
    }
    expect(control.requests()).toEqual([]);
  });

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

    it('should not cache a failure: concurrent requests share it, the next one mints again', async () => {
      const control = mockBasiq();
      control.failNext(1, 500, { path: '/token' });
      const { handler, onError } = handlerFor();

      const failed = await Promise.all(Array.from({ length: 10 }, () => handler(tokenRequest())));

      for (const response of failed) await opaque502(response);
      expect(tokenPosts(control)).toHaveLength(1);
      expect(onError).toHaveBeenCalledTimes(10);
      const { access_token } = await tokenOf(await handler(tokenRequest()));
      expect(claimsOf(access_token)).toMatchObject({ scope: 'CLIENT_ACCESS', userid: 'u2' });
      expect(tokenPosts(control).map((r) => r.status)).toEqual([500, 200]);
    });
  });

  describe('custom cache', () => {
    it('should keep tokens in the given cache and serve them from it', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
      const control = mockBasiq();
      const store = new Map<string, CachedToken>();
      const cache = {
        get: vi.fn((userId: string) => store.get(userId)),
        set: vi.fn((userId: string, token: CachedToken) => void store.set(userId, token)),
      } satisfies TokenCache;
      const { handler } = handlerFor({ cache });

      const first = await tokenOf(await handler(tokenRequest()));
      expect(cache.get).toHaveBeenCalledWith('u2');
      expect(cache.set).toHaveBeenCalledTimes(1);
      expect(cache.set).toHaveBeenCalledWith('u2', {
        access_token: first.access_token,
        issuedAt: T0,
        expiresAt: T0 + 3600_000,
      });

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
      expect(store.get('u2')).toEqual({ access_token, issuedAt: T0, expiresAt: T0 + 3600_000 });
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

    it('should answer 502 and tell onError when the cache fails', async () => {
      const control = mockBasiq();
      const broken = new Error('cache unreachable');
      const { handler, onError } = handlerFor({
        cache: { get: () => Promise.reject(broken), set: () => undefined },
      });

      await opaque502(await handler(tokenRequest()), 'cache unreachable');

      expect(onError).toHaveBeenCalledWith(broken);
      expect(control.requests()).toEqual([]);
    });
  });

  describe('when Basiq fails', () => {
    it('should answer 502 without Basiq’s body when Basiq answers 500', async () => {
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

      await opaque502(
        await handler(tokenRequest()),
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

    it('should answer 502 when Basiq refuses the API key, without the key', async () => {
      const control = mockBasiq();
      const { handler, onError } = handlerFor({ apiKey: 'wrong-key' });

      await opaque502(await handler(tokenRequest()), 'wrong-key');

      expect(tokenPosts(control)).toEqual([
        expect.objectContaining({ auth: 'basic', status: 401 }),
      ]);
      const error = onError.mock.calls[0]![0];
      expect(error).toBeInstanceOf(BasiqApiError);
      expect(error).toMatchObject({ status: 401, path: '/token' });
      expect((error as Error).message).toMatch(/check the API key/);
      expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain('wrong-key');
    });

    it('should answer 502 when Basiq cannot be reached', async () => {
      server.use(http.post(`${API}/token`, () => HttpResponse.error()));
      const { handler, onError } = handlerFor();

      await opaque502(await handler(tokenRequest()));

      expect(onError).toHaveBeenCalledTimes(1);
      const error = onError.mock.calls[0]![0];
      expect(error).toBeInstanceOf(BasiqNetworkError);
      expect(error).toMatchObject({ reason: 'network', path: '/token' });
    });

    it('should never hand out a SERVER_ACCESS token Basiq gives by mistake', async () => {
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
        await opaque502(await handler(tokenRequest()), serverToken, serverToken.split('.')[1]!);
      }

      // Refused, not cached: each request asks again, and each is refused.
      expect(token).toHaveBeenCalledTimes(2);
      expect(onError).toHaveBeenCalledTimes(2);
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

      await opaque502(await handler(tokenRequest()), otherUsers, otherUsers.split('.')[1]!);

      expect(onError.mock.calls[0]![0]).toBeInstanceOf(BasiqTokenScopeError);
      expect(onError.mock.calls[0]![0]).toMatchObject({ reason: 'user-mismatch' });
    });
  });

  it('should mint through the serverClient it is given, with no apiKey of its own', async () => {
    const control = mockBasiq();
    const { handler } = handlerFor({
      apiKey: undefined as unknown as string,
      serverClient: createBasiqServerClient({ apiKey: 'test-api-key' }),
    });

    const { access_token } = await tokenOf(await handler(tokenRequest()));

    expect(claimsOf(access_token)).toMatchObject({ scope: 'CLIENT_ACCESS', userid: 'u2' });
    expect(tokenPosts(control)).toEqual([expect.objectContaining({ auth: 'basic', status: 200 })]);
  });

  it('should mint a token the browser client accepts and can read the user’s job with', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u2', stepMs: 1000 });
    const other = control.createJob({ userId: 'u1' });
    const { handler } = handlerFor({ getUserId: () => 'u2' });
    const client = createBasiqClient({
      userId: 'u2',
      retry: { attempts: 1 },
      getToken: async () =>
        ((await (await handler(tokenRequest())).json()) as TokenBody).access_token,
    });

    const job = await client.getJob(jobId);
    const info = await client.tokenInfo();

    expect(job.id).toBe(jobId);
    expect(info).toMatchObject({ userId: 'u2', scope: 'CLIENT_ACCESS' });
    expect(control.requests()).toContainEqual(
      expect.objectContaining({
        method: 'GET',
        path: `/jobs/${jobId}`,
        auth: 'CLIENT_ACCESS',
        userId: 'u2',
        status: 200,
      }),
    );
    // Bound to u2: Basiq refuses it for another user's job.
    await expect(client.getJob(other.jobId)).rejects.toMatchObject({
      name: 'BasiqApiError',
      status: 401,
    });
  });
});

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
    expect((await failing(tokenRequest())).status).toBe(502);
  });
});
