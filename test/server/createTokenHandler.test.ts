// The rest of createTokenHandler's tests: createTokenHandler.*.test.ts (caching, customCache,
// basiqFailures, options, hardening).
import { describe, expect, it, vi } from 'vitest';
import { createBasiqClient } from '../../src';
import { BasiqApiError, createBasiqServerClient } from '../../src/server';
import type { TokenHandlerOptions } from '../../src/server';
import { TOKEN_URL, setupMswServer } from '../support/server';
import {
  T0,
  claimsOf,
  handlerFor,
  opaqueFailure,
  setupTokenHandlerFixtures,
  tokenOf,
  tokenPosts,
  tokenRequest,
} from './createTokenHandlerFixtures';
import type { TokenBody } from './createTokenHandlerFixtures';

const server = setupMswServer();
const { mockBasiq, upstreamForms } = setupTokenHandlerFixtures(server);

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
    await opaqueFailure(await handler(tokenRequest()), 503);

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
