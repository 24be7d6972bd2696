import { describe, expect, it, vi } from 'vitest';
import { BasiqApiError, createBasiqClient } from '../../src';
import { createBasiqMock } from '../../src/testing';
import {
  SECOND,
  MINUTE,
  DAY,
  call,
  postToken,
  firstError,
  claimsOf,
  clientFor,
  rejection,
  setupMockBasiq,
} from '../support/mockBasiq';
import type { CallInit } from '../support/mockBasiq';

const { server, mockBasiq } = setupMockBasiq();

describe('createBasiqMock (token enforcement)', () => {
  it('should answer 401 to a missing or garbled bearer token', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    const notJson = `${Buffer.from('{"alg":"none"}').toString('base64url')}.bm90LWpzb24.`;
    const otherScope = `e30.${Buffer.from(JSON.stringify({ scope: 'ADMIN', exp: 9e9 })).toString('base64url')}.`;
    const cases: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer' },
      { authorization: 'Bearer not-a-jwt' },
      { authorization: `Bearer ${notJson}` },
      { authorization: `Bearer ${otherScope}` },
      { authorization: 'Basic test-api-key' },
    ];
    for (const headers of cases) {
      const response = await call(`/jobs/${jobId}`, { headers });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect((await firstError(response)).code).toBe('invalid-authorization-token');
    }
  });

  it('should answer 403 "Token has expired" to a token the mock clock has outlived', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    const token = control.clientToken('u1', { expiresInSeconds: 60 });
    const expiresAt = (claimsOf(token).exp as number) * 1000;
    expect(expiresAt - control.now()).toBeGreaterThan(59 * SECOND);
    control.advance(expiresAt - control.now() - 1);
    expect((await call(`/jobs/${jobId}`, { token })).status).toBe(200);
    control.advance(1);
    const response = await call(`/jobs/${jobId}`, { token });
    expect(response.status).toBe(403);
    expect(await firstError(response)).toMatchObject({
      code: 'forbidden-access',
      detail: 'Token has expired',
    });
  });

  it('should let createBasiqClient replace an expired token and succeed', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    let minted = 0;
    const getToken = vi.fn(async () =>
      control.clientToken('u1', minted++ === 0 ? { expiresInSeconds: 60 } : {}),
    );
    const client = createBasiqClient({ getToken, retry: { attempts: 1 } });
    await expect(client.getJob(jobId)).resolves.toMatchObject({ id: jobId });
    control.advance(61 * SECOND);
    await expect(client.getJob(jobId)).resolves.toMatchObject({ id: jobId });
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(control.requests().map((r) => [r.path, r.status])).toEqual([
      [`/jobs/${jobId}`, 200],
      [`/jobs/${jobId}`, 403],
      [`/jobs/${jobId}`, 200],
    ]);
  });

  it('should answer 401 to another user’s client token', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u2' });
    const token = control.clientToken('u1');
    for (const path of [`/jobs/${jobId}`, '/users/u2/consents', '/users/u2/jobs']) {
      const response = await call(path, { token });
      expect(response.status, path).toBe(401);
    }
    const mfa = await call(`/jobs/${jobId}/mfa`, {
      method: 'POST',
      token,
      body: { 'mfa-response': ['123456'] },
    });
    expect(mfa.status).toBe(401);
    const client = createBasiqClient({
      getToken: async () => control.clientToken('u1'),
      retry: { attempts: 1 },
    });
    const error = await rejection(client.getConsents('u2'));
    expect(error).toBeInstanceOf(BasiqApiError);
    expect(error).toMatchObject({ status: 401 });
  });

  it('should answer 403 to a client token on users CRUD and events', async () => {
    const control = mockBasiq({ users: ['u1'] });
    const token = control.clientToken('u1');
    const calls: Array<[string, CallInit]> = [
      ['/users', { method: 'POST', body: { email: 'a@b.c' } }],
      ['/users/u1', {}],
      ['/users/u1', { method: 'POST', body: { firstName: 'A' } }],
      ['/users/u1', { method: 'DELETE' }],
      ['/events', {}],
      ['/events/types', {}],
      ['/events/types/consent.created', {}],
      ['/events/some-id', {}],
    ];
    for (const [path, init] of calls) {
      const response = await call(path, { ...init, token });
      expect(response.status, `${init.method ?? 'GET'} ${path}`).toBe(403);
      expect((await firstError(response)).code).toBe('forbidden-access');
    }
    // The user is still there: the DELETE was refused.
    expect((await call('/users/u1', { token: control.serverToken() })).status).toBe(200);
  });

  it('should surface the 403 of a server-only route through createBasiqClient without a refresh', async () => {
    const control = mockBasiq({ users: ['u1'] });
    const { client, getToken } = clientFor(control, 'u1');
    const error = await rejection(client.listEvents());
    expect(error).toBeInstanceOf(BasiqApiError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden-access' });
    expect((error as Error).message).toMatch(/CLIENT_ACCESS token may not make this call/);
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it('should let a SERVER_ACCESS token do everything', async () => {
    const control = mockBasiq();
    const { jobId, connectionId } = control.createJob({ userId: 'u1' });
    const token = control.serverToken();
    const statuses = [
      (await call(`/jobs/${jobId}`, { token })).status,
      (await call('/users/u1/jobs', { token })).status,
      (await call('/users/u1/consents', { token })).status,
      (await call('/users/u1', { token })).status,
      (await call('/events', { token })).status,
      (await call('/events/types', { token })).status,
      (
        await call(`/users/u1/connections/${connectionId}/refresh`, {
          method: 'POST',
          token,
        })
      ).status,
      (await call('/users/u1/auth_link', { method: 'POST', token, body: { mobile: '+61400' } }))
        .status,
    ];
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 202, 201]);
  });
});

describe('createBasiqMock', () => {
  it('should answer unknown routes with a 404 envelope', async () => {
    const control = mockBasiq();
    const token = control.serverToken();
    for (const [method, path] of [
      ['GET', '/nowhere'],
      ['PUT', '/users/u1'],
      ['GET', '/users/u1/accounts/extra/deep'],
    ] as const) {
      const response = await call(path, { method, token });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect((await firstError(response)).code).toBe('resource-not-found');
    }
    expect(control.requests().map((r) => r.status)).toEqual([404, 404, 404]);
  });

  it('should answer under a custom base URL and API key', async () => {
    const { handlers, control } = createBasiqMock({
      clock: 'manual',
      baseUrl: 'https://basiq.test/api/',
      apiKey: 'k',
    });
    server.use(...handlers);
    const response = await fetch('https://basiq.test/api/token', {
      method: 'POST',
      headers: {
        authorization: 'Basic k',
        'basiq-version': '3.0',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'scope=SERVER_ACCESS',
    });
    expect(response.status).toBe(200);
    expect(control.requests()).toMatchObject([{ path: '/token', auth: 'basic', status: 200 }]);
  });
});

describe('createBasiqMock (control: requests, clock, reset)', () => {
  it('should log every request with method, path, query, auth, user, time and status', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    const t0 = control.now();
    await postToken({ scope: 'SERVER_ACCESS' });
    control.advance(5 * SECOND);
    await call("/users/u1/jobs?filter=connection.id.eq('c')", { token: control.clientToken('u1') });
    await call('/events', { token: control.serverToken() });
    await call(`/jobs/${jobId}`);
    expect(control.requests()).toEqual([
      { method: 'POST', path: '/token', search: '', auth: 'basic', time: t0, status: 200 },
      {
        method: 'GET',
        path: '/users/u1/jobs',
        search: 'filter=connection.id.eq(%27c%27)',
        auth: 'CLIENT_ACCESS',
        userId: 'u1',
        time: t0 + 5 * SECOND,
        status: 200,
      },
      {
        method: 'GET',
        path: '/events',
        search: '',
        auth: 'SERVER_ACCESS',
        time: t0 + 5 * SECOND,
        status: 200,
      },
      {
        method: 'GET',
        path: `/jobs/${jobId}`,
        search: '',
        auth: 'none',
        time: t0 + 5 * SECOND,
        status: 401,
      },
    ]);
  });

  it('should hand out copies of the log', async () => {
    const control = mockBasiq({ users: ['u1'] });
    await call('/users/u1/consents', { token: control.clientToken('u1') });
    const copy = control.requests();
    copy[0]!.status = 999;
    copy.push({ ...copy[0]!, path: '/forged' });
    expect(control.requests()).toHaveLength(1);
    expect(control.requests()[0]).toMatchObject({ path: '/users/u1/consents', status: 200 });
  });

  it('should count what createBasiqClient sends', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    const { client } = clientFor(control, 'u1');
    await Promise.all([client.getJob(jobId), client.getJob(jobId), client.getConsents('u1')]);
    const log = control.requests();
    expect(log.filter((r) => r.path === `/jobs/${jobId}`)).toHaveLength(2);
    expect(log.every((r) => r.auth === 'CLIENT_ACCESS' && r.userId === 'u1')).toBe(true);
  });

  it('should stand still on the manual clock until advanced', async () => {
    const control = mockBasiq();
    const start = control.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(control.now()).toBe(start);
    control.advance(1500);
    expect(control.now()).toBe(start + 1500);
    control.advance(0);
    expect(control.now()).toBe(start + 1500);
  });

  it('should follow Date.now() on the real clock, plus what was advanced', () => {
    vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const { control } = createBasiqMock();
    expect(control.now()).toBe(Date.parse('2030-01-01T00:00:00Z'));
    vi.advanceTimersByTime(10 * SECOND);
    expect(control.now()).toBe(Date.parse('2030-01-01T00:00:10Z'));
    control.advance(MINUTE);
    expect(control.now()).toBe(Date.parse('2030-01-01T00:01:10Z'));
  });

  it('should refuse to move the clock backwards', () => {
    const control = mockBasiq();
    const start = control.now();
    expect(() => control.advance(-1)).toThrow(TypeError);
    expect(() => control.advance(Number.NaN)).toThrow(TypeError);
    expect(control.now()).toBe(start);
  });

  it('should forget users, jobs, faults, latency, the log and the clock offset on reset, keeping seeded users', async () => {
    const control = mockBasiq({ users: ['seeded'], tokenRateLimit: 2 });
    const { jobId } = control.createJob({ userId: 'u1' });
    control.advance(DAY);
    // Use up the token limit.
    await postToken({ scope: 'SERVER_ACCESS' });
    await postToken({ scope: 'SERVER_ACCESS' });
    expect((await postToken({ scope: 'SERVER_ACCESS' })).status).toBe(429);
    control.failNext(5, 500);
    control.malformNext('html', { n: 5 });
    control.setLatency(2_000);
    const before = control.now();

    control.reset();

    expect(control.requests()).toEqual([]);
    expect(control.now()).toBeLessThan(before);
    expect(control.now()).toBeLessThanOrEqual(Date.now());
    // Token limit forgotten, seeded user kept, created user gone.
    expect((await postToken({ scope: 'CLIENT_ACCESS', userId: 'seeded' })).status).toBe(200);
    expect((await postToken({ scope: 'CLIENT_ACCESS', userId: 'u1' })).status).toBe(404);
    // No fault, no latency, and the job is gone: a plain 404 envelope at once.
    const token = control.serverToken();
    const started = performance.now();
    const job = await call(`/jobs/${jobId}`, { token });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(job.status).toBe(404);
    expect((await firstError(job)).code).toBe('resource-not-found');
    expect((await call('/users/seeded', { token })).status).toBe(200);
    expect(control.requests().map((r) => r.status)).toEqual([200, 404, 404, 200]);
  });
});
