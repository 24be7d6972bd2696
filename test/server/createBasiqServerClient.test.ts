import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { components } from '../../src/client/basiq-api.generated';
import {
  BasiqApiError,
  BasiqNetworkError,
  BasiqResponseError,
  BasiqTokenScopeError,
  createBasiqServerClient,
} from '../../src/server';
import type { BasiqServerClientOptions, BasiqTokenResponse } from '../../src/server';
import { createBasiqMock } from '../../src/testing';
import type { BasiqMockControl, BasiqMockOptions } from '../../src/testing';
import { clientToken, makeJwt } from '../support/jwt';
import { API, basiqError, setupMswServer } from '../support/server';

const server = setupMswServer();

type Schemas = components['schemas'];

const T0 = Date.UTC(2030, 0, 1, 9, 0, 0);

/** Every request that reached Basiq, with its `basiq-version` header. */
let sent: Array<{ method: string; path: string; version: string | null }> = [];
server.events.on('request:start', ({ request }) => {
  const url = new URL(request.url);
  if (url.origin === API) {
    sent.push({
      method: request.method,
      path: url.pathname,
      version: request.headers.get('basiq-version'),
    });
  }
});
beforeEach(() => {
  sent = [];
});
afterEach(() => {
  for (const request of sent)
    expect(request, 'basiq-version header').toMatchObject({ version: '3.0' });
});

/** A mock Basiq with user u1 (real clock unless told: it follows the faked Date). */
function mockBasiq(options: BasiqMockOptions = {}): BasiqMockControl {
  const { handlers, control } = createBasiqMock({ users: ['u1'], ...options });
  server.use(...handlers);
  return control;
}

/** A server client without GET retries, so failures show at once. */
const serverClient = (options: Partial<BasiqServerClientOptions> = {}) =>
  createBasiqServerClient({ apiKey: 'test-api-key', retry: { attempts: 1 }, ...options });

const tokenPosts = (control: BasiqMockControl) =>
  control.requests().filter((r) => r.method === 'POST' && r.path === '/token');

/** The JWT payload, decoded by hand. */
function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** What `promise` rejects with (and a failure if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

/** `POST /token` answering `body` (for Basiq misbehaving). */
const tokenAnswer = (body: Record<string, unknown>) =>
  http.post(`${API}/token`, () => HttpResponse.json(body));

describe('createBasiqServerClient', () => {
  describe('users', () => {
    it('should create, get, update and delete a user', async () => {
      const control = mockBasiq();
      const basiq = serverClient();

      const created = await basiq.createUser({ email: 'gavin@hooli.com', mobile: '+61410888666' });
      expectTypeOf(created).toEqualTypeOf<Schemas['UserPostResponse']>();
      expect(created).toMatchObject({
        type: 'user',
        id: expect.any(String),
        email: 'gavin@hooli.com',
        mobile: '+61410888666',
      });

      const fetched = await basiq.getUser(created.id);
      expectTypeOf(fetched).toEqualTypeOf<Schemas['UserGetResponse']>();
      expect(fetched).toMatchObject({ type: 'user', id: created.id, email: 'gavin@hooli.com' });

      const updated = await basiq.updateUser(created.id, {
        firstName: 'Gavin',
        lastName: 'Belson',
      });
      expect(updated).toMatchObject({ id: created.id, firstName: 'Gavin', lastName: 'Belson' });
      expect(await basiq.getUser(created.id)).toMatchObject({
        firstName: 'Gavin',
        lastName: 'Belson',
        email: 'gavin@hooli.com',
      });

      await expect(basiq.deleteUser(created.id)).resolves.toBeUndefined();
      const gone = await rejection(basiq.getUser(created.id));
      expect(gone).toBeInstanceOf(BasiqApiError);
      expect(gone).toMatchObject({
        status: 404,
        code: 'resource-not-found',
        method: 'GET',
        path: `/users/${created.id}`,
      });

      const userRoutes = control.requests().filter((r) => r.path !== '/token');
      expect(userRoutes.map((r) => [r.method, r.path, r.auth, r.status])).toEqual([
        ['POST', '/users', 'SERVER_ACCESS', 201],
        ['GET', `/users/${created.id}`, 'SERVER_ACCESS', 200],
        ['POST', `/users/${created.id}`, 'SERVER_ACCESS', 200],
        ['GET', `/users/${created.id}`, 'SERVER_ACCESS', 200],
        ['DELETE', `/users/${created.id}`, 'SERVER_ACCESS', 204],
        ['GET', `/users/${created.id}`, 'SERVER_ACCESS', 404],
      ]);
    });

    it('should send the user id as one path segment', async () => {
      const control = mockBasiq();
      const basiq = serverClient();

      const error = await rejection(basiq.getUser('u1/../../token'));

      expect(error).toMatchObject({ status: 404 });
      expect(control.requests().at(-1)).toMatchObject({
        method: 'GET',
        path: '/users/u1%2F..%2F..%2Ftoken',
      });
    });
  });

  describe('SERVER_ACCESS token', () => {
    it('should fetch the token once for many calls', async () => {
      const control = mockBasiq();
      const basiq = serverClient();

      for (let i = 0; i < 5; i++) await basiq.getUser('u1');
      await basiq.updateUser('u1', { firstName: 'Richard' });
      await basiq.createUser({ email: 'richard@piedpiper.com' });

      expect(tokenPosts(control)).toEqual([
        expect.objectContaining({ auth: 'basic', status: 200 }),
      ]);
      expect(control.requests()).toHaveLength(8);
    });

    it('should fetch one token for 10 concurrent first calls', async () => {
      const control = mockBasiq();
      const basiq = serverClient();

      const users = await Promise.all(Array.from({ length: 10 }, () => basiq.getUser('u1')));

      expect(users.map((u) => u.id)).toEqual(Array(10).fill('u1'));
      expect(tokenPosts(control)).toHaveLength(1);
      expect(control.requests().filter((r) => r.path === '/users/u1')).toHaveLength(10);
    });

    it('should refresh the token a minute before it expires', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
      const control = mockBasiq({ tokenTtlSeconds: 120 });
      const basiq = serverClient();

      await basiq.getUser('u1');
      vi.setSystemTime(T0 + 59_000); // 61 s left
      await basiq.getUser('u1');
      expect(tokenPosts(control)).toHaveLength(1);

      vi.setSystemTime(T0 + 61_000); // 59 s left
      await basiq.getUser('u1');

      expect(tokenPosts(control).map((r) => r.time)).toEqual([T0, T0 + 61_000]);
      expect(control.requests().map((r) => r.path)).toEqual([
        '/token',
        '/users/u1',
        '/users/u1',
        '/token',
        '/users/u1',
      ]);
    });

    it('should refetch the token and retry once when Basiq says it has expired', async () => {
      // The mock's clock moves on its own: Basiq thinks the token expired, the client does not.
      const control = mockBasiq({ clock: 'manual' });
      const basiq = serverClient();
      await basiq.getUser('u1');
      control.advance(2 * 60 * 60_000);

      await expect(basiq.getUser('u1')).resolves.toMatchObject({ id: 'u1' });

      expect(control.requests().map((r) => [r.method, r.path, r.status])).toEqual([
        ['POST', '/token', 200],
        ['GET', '/users/u1', 200],
        ['GET', '/users/u1', 403],
        ['POST', '/token', 200],
        ['GET', '/users/u1', 200],
      ]);
    });

    it('should retry only once when the fresh token is refused too', async () => {
      const control = mockBasiq();
      const users = vi.fn(() => basiqError(403, 'access-denied', 'Token has expired'));
      server.use(http.get(`${API}/users/:userId`, users));
      const basiq = serverClient({ retry: { attempts: 3, baseDelayMs: 1 } });

      const error = await rejection(basiq.getUser('u1'));

      expect(error).toBeInstanceOf(BasiqApiError);
      expect(error).toMatchObject({ status: 403 });
      expect(users).toHaveBeenCalledTimes(2);
      expect(tokenPosts(control)).toHaveLength(2);
    });

    it('should use a token that is not a JWT as Basiq gave it', async () => {
      server.use(
        tokenAnswer({
          access_token: 'opaque-server-token',
          token_type: 'Bearer',
          expires_in: 3600,
        }),
        http.get(`${API}/users/:userId`, ({ request, params }) =>
          request.headers.get('authorization') === 'Bearer opaque-server-token'
            ? HttpResponse.json({ type: 'user', id: params.userId })
            : basiqError(401, 'unauthorized-access'),
        ),
      );
      const basiq = serverClient();

      await expect(basiq.getUser('u1')).resolves.toMatchObject({ id: 'u1' });
      await expect(basiq.getUser('u1')).resolves.toMatchObject({ id: 'u1' });

      expect(sent.map((r) => r.path)).toEqual(['/token', '/users/u1', '/users/u1']);
    });

    it('should refuse a CLIENT_ACCESS token where it asked for SERVER_ACCESS', async () => {
      mockBasiq();
      const wrong = clientToken('u1');
      server.use(tokenAnswer({ access_token: wrong, token_type: 'Bearer', expires_in: 3600 }));
      const basiq = serverClient();

      const error = await rejection(basiq.getUser('u1'));

      expect(error).toBeInstanceOf(BasiqTokenScopeError);
      expect(error).toMatchObject({ reason: 'wrong-scope' });
      expect(sent.filter((r) => r.path !== '/token')).toEqual([]);
    });
  });

  describe('clientToken', () => {
    it('should mint a CLIENT_ACCESS token for the user with the API key', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
      const control = mockBasiq();
      const basiq = serverClient();

      const minted = await basiq.clientToken('u1');

      expectTypeOf(minted).toEqualTypeOf<BasiqTokenResponse>();
      expect(minted).toEqual({
        access_token: expect.any(String),
        expires_in: 3600,
        token_type: 'Bearer',
      });
      expect(claimsOf(minted.access_token)).toMatchObject({ scope: 'CLIENT_ACCESS', userid: 'u1' });
      // Straight from the API key: no SERVER_ACCESS token is fetched for it.
      expect(control.requests()).toEqual([
        expect.objectContaining({ method: 'POST', path: '/token', auth: 'basic', status: 200 }),
      ]);
    });

    it('should fill in expires_in and token_type when Basiq leaves them out', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
      const token = clientToken('u1');
      server.use(tokenAnswer({ access_token: token }));

      await expect(serverClient().clientToken('u1')).resolves.toEqual({
        access_token: token,
        expires_in: 3600,
        token_type: 'Bearer',
      });
    });

    it('should keep a token per user: concurrent and later calls mint once', async () => {
      const control = mockBasiq();
      const basiq = serverClient();

      const [a, b] = await Promise.all([basiq.clientToken('u1'), basiq.clientToken('u1')]);
      const c = await basiq.clientToken('u1');

      expect(b.access_token).toBe(a.access_token);
      expect(c.access_token).toBe(a.access_token);
      expect(tokenPosts(control)).toHaveLength(1);
    });

    it('should refuse a token Basiq minted for another user, without showing it', async () => {
      mockBasiq();
      const otherUsers = clientToken('u2');
      server.use(tokenAnswer({ access_token: otherUsers, token_type: 'Bearer', expires_in: 3600 }));

      const error = await rejection(serverClient().clientToken('u1'));

      expect(error).toBeInstanceOf(BasiqTokenScopeError);
      expect(error).toMatchObject({ reason: 'user-mismatch' });
      expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(otherUsers.split('.')[1]!);
    });

    it('should refuse a SERVER_ACCESS token, without showing it', async () => {
      mockBasiq();
      const now = Math.floor(Date.now() / 1000);
      const serverToken = makeJwt({ scope: 'SERVER_ACCESS', iat: now, exp: now + 3600 });
      server.use(
        tokenAnswer({ access_token: serverToken, token_type: 'Bearer', expires_in: 3600 }),
      );

      const error = await rejection(serverClient().clientToken('u1'));

      expect(error).toBeInstanceOf(BasiqTokenScopeError);
      expect(error).toMatchObject({ reason: 'wrong-scope' });
      expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(serverToken.split('.')[1]!);
    });

    it('should say the user may not exist when Basiq answers 404', async () => {
      mockBasiq();

      const error = await rejection(serverClient().clientToken('nobody'));

      expect(error).toBeInstanceOf(BasiqApiError);
      expect(error).toMatchObject({ status: 404, path: '/token' });
      expect(error.message).toMatch(/check the API key and that the user exists/);
    });

    it('should throw a TypeError for an empty userId and send nothing', async () => {
      const control = mockBasiq();

      await expect(serverClient().clientToken('')).rejects.toThrow(
        new TypeError('clientToken: userId is required'),
      );
      expect(control.requests()).toEqual([]);
    });
  });

  describe('errors', () => {
    it('should say to check the API key when Basiq refuses it, without the key', async () => {
      const control = mockBasiq();
      const basiq = serverClient({ apiKey: 'wrong-key-s3cr3t' });

      for (const call of [() => basiq.getUser('u1'), () => basiq.clientToken('u1')]) {
        const error = await rejection(call());
        expect(error).toBeInstanceOf(BasiqApiError);
        expect(error).toMatchObject({ status: 401, method: 'POST', path: '/token' });
        expect(error.message).toMatch(/^POST \/token: 401 .*check the API key/);
        expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('s3cr3t');
      }
      expect(control.requests().map((r) => [r.path, r.auth, r.status])).toEqual([
        ['/token', 'basic', 401],
        ['/token', 'basic', 401],
      ]);
    });

    // Observed: a 2xx HTML page is a BasiqResponseError; an HTML error page is a BasiqApiError.
    it('should throw BasiqResponseError when /token answers 200 with an HTML page', async () => {
      const control = mockBasiq();
      control.malformNext('html', { path: '/token' });

      const error = await rejection(serverClient().getUser('u1'));

      expect(error).toBeInstanceOf(BasiqResponseError);
      expect(error).toMatchObject({ status: 200, method: 'POST', path: '/token' });
      expect(error.message).toMatch(/without an access_token/);
      expect(control.requests().map((r) => r.path)).toEqual(['/token']);
    });

    it('should throw BasiqApiError when /token answers 502 with an HTML page', async () => {
      server.use(
        http.post(
          `${API}/token`,
          () =>
            new HttpResponse('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>', {
              status: 502,
              statusText: 'Bad Gateway',
              headers: { 'content-type': 'text/html' },
            }),
        ),
      );

      const error = await rejection(serverClient().getUser('u1'));

      expect(error).toBeInstanceOf(BasiqApiError);
      expect(error).toMatchObject({ status: 502, path: '/token', errors: [] });
      expect(error.message).not.toMatch(/<html|DOCTYPE/i);
    });

    it('should give up on a /token request that does not answer within timeoutMs', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const token = vi.fn(() => new Promise<Response>(() => {}));
      server.use(http.post(`${API}/token`, token));

      const pending = rejection(serverClient({ timeoutMs: 5_000 }).clientToken('u1'));
      await vi.advanceTimersByTimeAsync(5_000);
      const error = await pending;

      expect(token).toHaveBeenCalledTimes(1);
      expect(error).toBeInstanceOf(BasiqNetworkError);
      expect(error).toMatchObject({ reason: 'timeout', method: 'POST', path: '/token' });
      expect(error.message).toMatch(/POST \/token: timed out/);
    });

    it('should give a 403 on a user route the server hint, not the browser one', async () => {
      const control = mockBasiq();
      control.failNext(1, 403, { path: '/users' });

      const error = await rejection(serverClient().getUser('u1'));

      expect(error).toBeInstanceOf(BasiqApiError);
      expect(error).toMatchObject({ status: 403, path: '/users/u1' });
      expect(error.message).toMatch(/^GET \/users\/u1: 403 .*the API key may not make this call/);
      expect(error.message).not.toMatch(/CLIENT_ACCESS|from your server|baseUrl/);
      // Not an expired token: no refetch, no retry.
      expect(control.requests().map((r) => [r.path, r.status])).toEqual([
        ['/token', 200],
        ['/users/u1', 403],
      ]);
    });
  });

  it('should send basiq-version: 3.0 on every request, the token request included', async () => {
    mockBasiq();
    const basiq = serverClient();

    const { id } = await basiq.createUser({ email: 'jared@piedpiper.com' });
    await basiq.getUser(id);
    await basiq.updateUser(id, { firstName: 'Jared' });
    await basiq.clientToken(id);
    await basiq.deleteUser(id);

    expect(sent.map((r) => `${r.method} ${r.path} ${r.version}`)).toEqual([
      'POST /token 3.0',
      'POST /users 3.0',
      `GET /users/${id} 3.0`,
      `POST /users/${id} 3.0`,
      'POST /token 3.0',
      `DELETE /users/${id} 3.0`,
    ]);
  });

  describe('options', () => {
    it('should throw a TypeError naming what to pass when apiKey is not a string', () => {
      expect(() =>
        createBasiqServerClient({ apiKey: 42 } as unknown as BasiqServerClientOptions),
      ).toThrow(/^createBasiqServerClient: apiKey is missing; pass your Basiq API key/);
    });

    // A module that makes the client at load time must load in `next build`, without secrets.
    it('should reject every call, sending nothing, when apiKey is not set', async () => {
      mockBasiq();
      for (const apiKey of [undefined, '', ' ']) {
        const basiq = createBasiqServerClient({ apiKey } as unknown as BasiqServerClientOptions);
        const calls = [
          basiq.clientToken('u1'),
          basiq.createUser({ email: 'a@example.com' }),
          basiq.getUser('u1'),
          basiq.updateUser('u1', { email: 'b@example.com' }),
          basiq.deleteUser('u1'),
        ];
        for (const call of calls) {
          await expect(call).rejects.toThrow(
            /^createBasiqServerClient: apiKey is missing; pass your Basiq API key/,
          );
        }
      }
      expect(sent).toEqual([]);
    });

    it('should refuse a token where the API key belongs, without echoing it', () => {
      const token = makeJwt({ scope: 'SERVER_ACCESS', exp: 9e9 });
      for (const apiKey of [token, 'Bearer k3y-s3cr3t']) {
        let thrown: unknown;
        try {
          createBasiqServerClient({ apiKey });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(TypeError);
        expect((thrown as Error).message).toMatch(/not an API key/);
        expect((thrown as Error).message).not.toMatch(/s3cr3t|eyJ/);
      }
    });
  });
});
