import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BasiqApiError, BasiqResponseError, createBasiqClient } from '../../src';
import { createBasiqMock } from '../../src/testing';
import type { BasiqMockControl, BasiqMockOptions } from '../../src/testing';

const BASE = 'https://au-api.basiq.io';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

/** A mock on a frozen clock, its handlers installed for this test. */
function mockBasiq(options: BasiqMockOptions = {}): BasiqMockControl {
  const { handlers, control } = createBasiqMock({ clock: 'manual', ...options });
  server.use(...handlers);
  return control;
}

interface CallInit {
  method?: string;
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One request to the mock, as a browser or server would send it. */
function call(path: string, { method = 'GET', token, headers = {}, body }: CallInit = {}) {
  return fetch(`${BASE}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** `POST /token` with the default API key, version header and form body (each overridable). */
function postToken(form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${BASE}/token`, {
    method: 'POST',
    headers: {
      authorization: 'Basic test-api-key',
      'basiq-version': '3.0',
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body: new URLSearchParams(form).toString(),
  });
}

interface Envelope {
  type: string;
  correlationId: string;
  data: Array<{
    type: string;
    code: string;
    title: string;
    detail: string;
    source?: { parameter?: string };
  }>;
}

/** The first error of a Basiq envelope, after checking the envelope's shape. */
async function firstError(response: Response) {
  const body = (await response.json()) as Envelope;
  expect(body).toMatchObject({ type: 'list', correlationId: expect.any(String) });
  expect(body.data).toHaveLength(1);
  expect(body.data[0]).toMatchObject({ type: 'error', code: expect.any(String) });
  return body.data[0]!;
}

/** The JWT payload, decoded by hand. */
function claimsOf(token: string): Record<string, unknown> {
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** A client whose tokens come straight from the mock (no retries, so failures show at once). */
function clientFor(control: BasiqMockControl, userId: string) {
  const getToken = vi.fn(async () => control.clientToken(userId));
  const client = createBasiqClient({ getToken, retry: { attempts: 1 } });
  return { client, getToken };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('createBasiqMock (tokens)', () => {
  it('should mint a SERVER_ACCESS token as an unsigned JWT with Basiq’s claims', async () => {
    const control = mockBasiq();
    const response = await postToken({ scope: 'SERVER_ACCESS' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
    });
    const token = body.access_token as string;
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({
      alg: 'none',
    });
    const claims = claimsOf(token);
    expect(claims).toMatchObject({ scope: 'SERVER_ACCESS', version: '3.0' });
    expect(claims).not.toHaveProperty('userid');
    expect(claims.iat).toBe(Math.floor(control.now() / 1000));
    expect(claims.exp).toBe((claims.iat as number) + 3600);
  });

  it('should mint a CLIENT_ACCESS token carrying the user id', async () => {
    const control = mockBasiq();
    control.createUser({ id: 'u1' });
    const response = await postToken({ scope: 'CLIENT_ACCESS', userId: 'u1' });
    expect(response.status).toBe(200);
    const { access_token, expires_in } = (await response.json()) as {
      access_token: string;
      expires_in: number;
    };
    const claims = claimsOf(access_token);
    expect(claims).toMatchObject({ scope: 'CLIENT_ACCESS', userid: 'u1', version: '3.0' });
    expect(claims.exp).toBe((claims.iat as number) + expires_in);
    // The token works on the user's own routes.
    expect((await call('/users/u1/consents', { token: access_token })).status).toBe(200);
  });

  it('should honour tokenTtlSeconds in expires_in and exp', async () => {
    mockBasiq({ tokenTtlSeconds: 120 });
    const { access_token, expires_in } = (await (
      await postToken({ scope: 'SERVER_ACCESS' })
    ).json()) as { access_token: string; expires_in: number };
    expect(expires_in).toBe(120);
    const claims = claimsOf(access_token);
    expect((claims.exp as number) - (claims.iat as number)).toBe(120);
  });

  it('should answer 401 to a wrong, missing or bearer credential on /token', async () => {
    mockBasiq({ apiKey: 'right-key' });
    for (const authorization of [
      'Basic test-api-key',
      'Basic wrong',
      undefined,
      'Bearer right-key',
    ]) {
      const response = await fetch(`${BASE}/token`, {
        method: 'POST',
        headers: {
          ...(authorization && { authorization }),
          'basiq-version': '3.0',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'scope=SERVER_ACCESS',
      });
      expect(response.status, String(authorization)).toBe(401);
      expect((await firstError(response)).code).toBe('invalid-authorization-token');
    }
    expect(
      (await postToken({ scope: 'SERVER_ACCESS' }, { authorization: 'Basic right-key' })).status,
    ).toBe(200);
  });

  it('should require the basiq-version: 3.0 header', async () => {
    mockBasiq();
    for (const version of [undefined, '2.0']) {
      const headers: Record<string, string> = {
        authorization: 'Basic test-api-key',
        'content-type': 'application/x-www-form-urlencoded',
      };
      if (version) headers['basiq-version'] = version;
      const response = await fetch(`${BASE}/token`, {
        method: 'POST',
        headers,
        body: 'scope=SERVER_ACCESS',
      });
      expect(response.status).toBe(400);
      expect(await firstError(response)).toMatchObject({
        code: 'parameter-not-supplied',
        source: { parameter: 'basiq-version' },
      });
    }
  });

  it('should accept only a form-encoded body', async () => {
    mockBasiq();
    const response = await fetch(`${BASE}/token`, {
      method: 'POST',
      headers: {
        authorization: 'Basic test-api-key',
        'basiq-version': '3.0',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ scope: 'SERVER_ACCESS' }),
    });
    expect(response.status).toBe(400);
    expect((await firstError(response)).code).toBe('invalid-content');
  });

  it('should refuse a missing or unknown scope with 400 on the scope parameter', async () => {
    mockBasiq();
    const unknown = await postToken({ scope: 'ADMIN_ACCESS' });
    expect(unknown.status).toBe(400);
    expect(await firstError(unknown)).toMatchObject({
      code: 'parameter-not-valid',
      source: { parameter: 'scope' },
    });
    const missing = await postToken({});
    expect(missing.status).toBe(400);
    expect(await firstError(missing)).toMatchObject({
      code: 'parameter-not-supplied',
      source: { parameter: 'scope' },
    });
  });

  it('should need an existing userId for CLIENT_ACCESS (400 when missing, 404 when unknown)', async () => {
    mockBasiq();
    const missing = await postToken({ scope: 'CLIENT_ACCESS' });
    expect(missing.status).toBe(400);
    expect(await firstError(missing)).toMatchObject({ source: { parameter: 'userId' } });
    const unknown = await postToken({ scope: 'CLIENT_ACCESS', userId: 'nobody' });
    expect(unknown.status).toBe(404);
    expect((await firstError(unknown)).code).toBe('resource-not-found');
  });

  it('should limit token requests per 5 minutes with 429 and Retry-After', async () => {
    const control = mockBasiq({ tokenRateLimit: 3 });
    for (let i = 0; i < 3; i++) {
      expect((await postToken({ scope: 'SERVER_ACCESS' })).status).toBe(200);
    }
    const limited = await postToken({ scope: 'SERVER_ACCESS' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('300');
    expect((await firstError(limited)).code).toBe('too-many-requests');

    control.advance(2 * MINUTE);
    const stillLimited = await postToken({ scope: 'SERVER_ACCESS' });
    expect(stillLimited.status).toBe(429);
    expect(stillLimited.headers.get('retry-after')).toBe('180');

    control.advance(3 * MINUTE);
    expect((await postToken({ scope: 'SERVER_ACCESS' })).status).toBe(200);
  });
});

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

describe('createBasiqMock (users)', () => {
  it('should create a user with 201 and read it back', async () => {
    const control = mockBasiq();
    const token = control.serverToken();
    const created = await call('/users', {
      method: 'POST',
      token,
      body: { email: 'ann@example.com', firstName: 'Ann', ignored: 'x' },
    });
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: string; links: { self: string } };
    expect(user).toMatchObject({ type: 'user', email: 'ann@example.com', firstName: 'Ann' });
    expect(user).not.toHaveProperty('ignored');
    expect(user.links.self).toBe(`${BASE}/users/${user.id}`);

    const read = await call(`/users/${user.id}`, { token });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      type: 'user',
      id: user.id,
      email: 'ann@example.com',
      firstName: 'Ann',
      connections: { type: 'list', count: 0, data: [] },
    });
    // The user is real: it can get a client token.
    expect((await postToken({ scope: 'CLIENT_ACCESS', userId: user.id })).status).toBe(200);
  });

  it('should need an email or a mobile to create a user', async () => {
    const control = mockBasiq();
    const token = control.serverToken();
    for (const body of [{}, { firstName: 'Ann' }, { email: 42 }]) {
      const response = await call('/users', { method: 'POST', token, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await firstError(response)).source).toEqual({ parameter: 'email' });
    }
    const byMobile = await call('/users', { method: 'POST', token, body: { mobile: '+61400' } });
    expect(byMobile.status).toBe(201);
  });

  it('should answer 404 for an unknown user', async () => {
    const control = mockBasiq();
    const token = control.serverToken();
    for (const method of ['GET', 'POST', 'DELETE']) {
      const response = await call('/users/nobody', { method, token, body: {} });
      expect(response.status, method).toBe(404);
      expect((await firstError(response)).code).toBe('resource-not-found');
    }
  });

  it('should update a user with POST /users/{id}', async () => {
    const control = mockBasiq();
    const id = control.createUser({ email: 'old@example.com' });
    const token = control.serverToken();
    const updated = await call(`/users/${id}`, {
      method: 'POST',
      token,
      body: { mobile: '+61411111111', lastName: 'Lee' },
    });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ id, mobile: '+61411111111', lastName: 'Lee' });
    expect(await (await call(`/users/${id}`, { token })).json()).toMatchObject({
      email: 'old@example.com',
      mobile: '+61411111111',
      lastName: 'Lee',
      name: 'Lee',
    });
  });

  it('should list the user’s connections', async () => {
    const control = mockBasiq();
    const { connectionId } = control.createJob({ userId: 'u1' });
    const user = (await (await call('/users/u1', { token: control.serverToken() })).json()) as {
      connections: { count: number; data: Array<{ id: string }> };
    };
    expect(user.connections.count).toBe(1);
    expect(user.connections.data.map((c) => c.id)).toEqual([connectionId]);
  });

  it('should delete a user with 204, and its jobs and consents with it', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    const token = control.serverToken();
    const consents = (await (await call('/users/u1/consents', { token })).json()) as {
      data: Array<{ id: string }>;
    };
    const consentId = consents.data[0]!.id;

    const deleted = await call('/users/u1', { method: 'DELETE', token });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');

    expect((await call('/users/u1', { token })).status).toBe(404);
    expect((await call(`/jobs/${jobId}`, { token })).status).toBe(404);
    expect((await call('/users/u1/consents', { token })).status).toBe(404);
    expect((await call('/users/u1/jobs', { token })).status).toBe(404);
    expect(
      (await call(`/users/u1/consents/${consentId}`, { method: 'DELETE', token })).status,
    ).toBe(404);
    expect((await postToken({ scope: 'CLIENT_ACCESS', userId: 'u1' })).status).toBe(404);
  });
});

describe('createBasiqMock (consents)', () => {
  it('should list the consent created with a job', async () => {
    const control = mockBasiq();
    control.createJob({ userId: 'u1' });
    const { client } = clientFor(control, 'u1');
    const consents = await client.getConsents('u1');
    expect(consents).toHaveLength(1);
    const consent = consents[0]!;
    expect(consent).toMatchObject({
      type: 'consent',
      status: 'active',
      origin: 'user',
      purpose: { primary: { title: expect.any(String), description: expect.any(String) } },
      data: {
        permissions: expect.arrayContaining([
          expect.objectContaining({ scope: 'account.basic', consented: true }),
          expect.objectContaining({ scope: 'transaction.detail' }),
        ]),
      },
    });
    expect(consent).not.toHaveProperty('revoked');
    expect(Date.parse(consent.created!)).toBe(Math.floor(control.now() / 1000) * 1000);
    expect(Date.parse(consent.expiryDate!) - Date.parse(consent.created!)).toBe(365 * DAY);
  });

  it('should reuse the active consent for a second connection', async () => {
    const control = mockBasiq();
    control.createJob({ userId: 'u1' });
    control.createJob({ userId: 'u1', institutionId: 'AU00001' });
    const { client } = clientFor(control, 'u1');
    expect(await client.getConsents('u1')).toHaveLength(1);
  });

  it('should revoke a consent: revoked status and date, connection removed, events emitted', async () => {
    const control = mockBasiq();
    const { jobId, connectionId } = control.createJob({ userId: 'u1' });
    const { client } = clientFor(control, 'u1');
    expect((await client.getJob(jobId)).connectionId).toBe(connectionId);
    const [consent] = await client.getConsents('u1');

    control.advance(MINUTE);
    await expect(client.revokeConsent('u1', consent!.id!)).resolves.toBeUndefined();
    expect(control.requests().at(-1)).toMatchObject({ method: 'DELETE', status: 204 });

    const [revoked] = await client.getConsents('u1');
    expect(revoked).toMatchObject({ id: consent!.id, status: 'revoked' });
    expect(Date.parse((revoked as { revoked?: string }).revoked!)).toBe(
      Math.floor(control.now() / 1000) * 1000,
    );

    // The job loses its source; its finished steps still name the connection they made.
    const job = await client.getJob(jobId);
    expect(job.links.source).toBeUndefined();
    expect(job.steps[0]!.result).toEqual({
      type: 'link',
      url: `/users/u1/connections/${connectionId}`,
    });

    const refresh = await call(`/users/u1/connections/${connectionId}/refresh`, {
      method: 'POST',
      token: control.clientToken('u1'),
    });
    expect(refresh.status).toBe(404);

    const events = (await (
      await call("/events?filter=user.id.eq('u1')", { token: control.serverToken() })
    ).json()) as { data: Array<{ entity: string; eventType: string; data: { id: string } }> };
    expect(events.data.slice(0, 2).map((e) => [`${e.entity}.${e.eventType}`, e.data.id])).toEqual([
      ['connection.deleted', connectionId],
      ['consent.revoked', consent!.id],
    ]);
  });

  it('should accept a second revocation without a second event', async () => {
    const control = mockBasiq();
    control.createJob({ userId: 'u1' });
    const { client } = clientFor(control, 'u1');
    const [consent] = await client.getConsents('u1');
    await client.revokeConsent('u1', consent!.id!);
    const firstRevoked = (await client.getConsents('u1'))[0] as { revoked?: string };
    control.advance(MINUTE);
    await expect(client.revokeConsent('u1', consent!.id!)).resolves.toBeUndefined();
    expect(((await client.getConsents('u1'))[0] as { revoked?: string }).revoked).toBe(
      firstRevoked.revoked,
    );
    const events = (await (
      await call("/events?filter=event.type.eq('consent.revoked')", {
        token: control.serverToken(),
      })
    ).json()) as { data: unknown[] };
    expect(events.data).toHaveLength(1);
  });

  it('should answer 404 to an unknown consent or another user’s consent', async () => {
    const control = mockBasiq();
    control.createJob({ userId: 'u1' });
    control.createUser({ id: 'u2' });
    const { client } = clientFor(control, 'u1');
    const error = await rejection(client.revokeConsent('u1', 'no-such-consent'));
    expect(error).toBeInstanceOf(BasiqApiError);
    expect(error).toMatchObject({ status: 404, code: 'resource-not-found' });

    const [consent] = await client.getConsents('u1');
    const other = await call(`/users/u2/consents/${consent!.id}`, {
      method: 'DELETE',
      token: control.clientToken('u2'),
    });
    expect(other.status).toBe(404);
    expect((await client.getConsents('u1'))[0]).toMatchObject({ status: 'active' });
  });

  it('should read a consent as expired after a year', async () => {
    const control = mockBasiq();
    control.createJob({ userId: 'u1' });
    control.advance(365 * DAY);
    const { client } = clientFor(control, 'u1');
    expect((await client.getConsents('u1'))[0]).toMatchObject({ status: 'expired' });
  });
});

describe('createBasiqMock (auth links)', () => {
  it('should create a link with the given mobile (201) and read it back with an id', async () => {
    const control = mockBasiq();
    control.createUser({ id: 'u1' });
    const token = control.clientToken('u1');
    const created = await call('/users/u1/auth_link', {
      method: 'POST',
      token,
      body: { mobile: '+61400000001' },
    });
    expect(created.status).toBe(201);
    const link = (await created.json()) as { expiresAt: string; links: { public: string } };
    expect(link).toMatchObject({
      type: 'auth_link',
      userId: 'u1',
      mobile: '+61400000001',
      links: { public: expect.stringMatching(/^https:\/\//), self: '/users/u1/auth_link' },
    });
    expect(Date.parse(link.expiresAt)).toBe(Math.floor(control.now() / 1000) * 1000 + 7 * DAY);

    const read = await call('/users/u1/auth_link', { token });
    expect(read.status).toBe(200);
    const body = (await read.json()) as { id: string; links: { public: string } };
    expect(body.id).toEqual(expect.any(String));
    expect(body.links.public).toBe(link.links.public);
    expect(body.links.public).toContain(body.id);
  });

  it('should need a mobile when the user has none, and use the user’s own otherwise', async () => {
    const control = mockBasiq();
    control.createUser({ id: 'u1' });
    control.createUser({ id: 'u2', mobile: '+61400000002' });
    const error = await rejection(clientFor(control, 'u1').client.createAuthLink('u1'));
    expect(error).toBeInstanceOf(BasiqApiError);
    expect(error).toMatchObject({ status: 400, errors: [{ source: { parameter: 'mobile' } }] });

    const link = await clientFor(control, 'u2').client.createAuthLink('u2');
    expect(link).toMatchObject({ userId: 'u2', mobile: '+61400000002', url: expect.any(String) });
  });

  it('should replace the previous link with a new one', async () => {
    const control = mockBasiq();
    control.createUser({ id: 'u1', mobile: '+61400000001' });
    const { client } = clientFor(control, 'u1');
    const first = await client.createAuthLink('u1');
    const second = await client.createAuthLink('u1');
    expect(second.url).not.toBe(first.url);
    expect((await client.getAuthLink('u1'))?.url).toBe(second.url);
  });

  it('should read a deleted link as null (410 over the wire)', async () => {
    const control = mockBasiq();
    control.createUser({ id: 'u1', mobile: '+61400000001' });
    const { client } = clientFor(control, 'u1');
    await client.createAuthLink('u1');
    await expect(client.deleteAuthLink('u1')).resolves.toBeUndefined();
    expect(control.requests().at(-1)).toMatchObject({ method: 'DELETE', status: 204 });
    await expect(client.getAuthLink('u1')).resolves.toBeNull();
    const gone = await call('/users/u1/auth_link', { token: control.clientToken('u1') });
    expect(gone.status).toBe(410);
    expect((await firstError(gone)).code).toBe('resource-no-longer-available');
  });

  it('should read a link as null once its 7 days are over', async () => {
    const control = mockBasiq();
    control.createUser({ id: 'u1', mobile: '+61400000001' });
    const { client } = clientFor(control, 'u1');
    const link = await client.createAuthLink('u1');
    control.advance(7 * DAY - SECOND);
    expect((await client.getAuthLink('u1'))?.url).toBe(link.url);
    control.advance(SECOND);
    await expect(client.getAuthLink('u1')).resolves.toBeNull();
  });

  it('should answer 410 when the user never had a link and 404 for an unknown user', async () => {
    const control = mockBasiq({ users: ['u1'] });
    const token = control.serverToken();
    expect((await call('/users/u1/auth_link', { token })).status).toBe(410);
    for (const method of ['POST', 'GET', 'DELETE']) {
      const response = await call('/users/nobody/auth_link', {
        method,
        token,
        body: { mobile: '+61400000001' },
      });
      expect(response.status, method).toBe(404);
    }
  });
});

describe('createBasiqMock (events)', () => {
  interface EventList {
    data: Array<{
      id: string;
      type: string;
      entity: string;
      eventType: string;
      userId: string;
      createdDate: string;
      links: { self: string };
    }>;
  }
  const events = async (control: BasiqMockControl, filter?: string) => {
    const query = filter === undefined ? '' : `?filter=${encodeURIComponent(filter)}`;
    const response = await call(`/events${query}`, { token: control.serverToken() });
    expect(response.status).toBe(200);
    return ((await response.json()) as EventList).data;
  };
  /** u1 connects, then u2 a minute later, then u1's consent is revoked a minute after that. */
  const history = async (control: BasiqMockControl) => {
    control.createJob({ userId: 'u1' });
    control.advance(MINUTE);
    control.createJob({ userId: 'u2' });
    control.advance(MINUTE);
    const consents = (await (
      await call('/users/u1/consents', { token: control.serverToken() })
    ).json()) as { data: Array<{ id: string }> };
    await call(`/users/u1/consents/${consents.data[0]!.id}`, {
      method: 'DELETE',
      token: control.serverToken(),
    });
  };

  it('should list consent and connection events, newest first', async () => {
    const control = mockBasiq();
    await history(control);
    const list = await events(control);
    expect(list.map((e) => [e.userId, `${e.entity}.${e.eventType}`])).toEqual([
      ['u1', 'connection.deleted'],
      ['u1', 'consent.revoked'],
      ['u2', 'connection.created'],
      ['u2', 'consent.created'],
      ['u1', 'connection.created'],
      ['u1', 'consent.created'],
    ]);
    const times = list.map((e) => Date.parse(e.createdDate));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(list[0]).toMatchObject({ type: 'event' });
    expect(list[0]!.links.self).toBe(`${BASE}/events/${list[0]!.id}`);
  });

  it('should filter by user, entity and type, alone or combined', async () => {
    const control = mockBasiq();
    await history(control);
    const kinds = (list: EventList['data']) =>
      list.map((e) => `${e.userId}:${e.entity}.${e.eventType}`);
    expect(kinds(await events(control, "user.id.eq('u2')"))).toEqual([
      'u2:connection.created',
      'u2:consent.created',
    ]);
    expect(kinds(await events(control, "event.entity.eq('consent')"))).toEqual([
      'u1:consent.revoked',
      'u2:consent.created',
      'u1:consent.created',
    ]);
    expect(kinds(await events(control, "event.type.eq('consent.created')"))).toEqual([
      'u2:consent.created',
      'u1:consent.created',
    ]);
    expect(kinds(await events(control, "user.id.eq('u1'),event.entity.eq('connection')"))).toEqual([
      'u1:connection.deleted',
      'u1:connection.created',
    ]);
    expect(await events(control, "user.id.eq('nobody')")).toEqual([]);
  });

  it('should answer 400 to a filter it does not understand', async () => {
    const control = mockBasiq();
    for (const filter of ["account.id.eq('x')", 'user.id', "user.id.eq('u1'),nonsense"]) {
      const response = await call(`/events?filter=${encodeURIComponent(filter)}`, {
        token: control.serverToken(),
      });
      expect(response.status, filter).toBe(400);
      expect((await firstError(response)).source).toEqual({ parameter: 'filter' });
    }
  });

  it('should keep events for 7 days only', async () => {
    const control = mockBasiq();
    control.createJob({ userId: 'u1' });
    control.advance(DAY);
    control.createJob({ userId: 'u2' });
    control.advance(6 * DAY - 1);
    expect(new Set((await events(control)).map((e) => e.userId))).toEqual(new Set(['u1', 'u2']));
    control.advance(1);
    expect((await events(control)).map((e) => e.userId)).toEqual(['u2', 'u2']);
  });

  it('should get one event by id, and 404 an unknown one', async () => {
    const control = mockBasiq();
    control.createJob({ userId: 'u1' });
    const [latest] = await events(control);
    const token = control.serverToken();
    const one = await call(`/events/${latest!.id}`, { token });
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual(latest);
    const unknown = await call('/events/no-such-event', { token });
    expect(unknown.status).toBe(404);
    expect((await firstError(unknown)).code).toBe('resource-not-found');
  });

  it('should list the 15 event types and get one, 404 for an unknown type', async () => {
    const control = mockBasiq();
    const token = control.serverToken();
    const types = (await (await call('/events/types', { token })).json()) as {
      type: string;
      data: Array<{ type: string; id: string; description: string }>;
    };
    expect(types.type).toBe('list');
    expect(types.data).toHaveLength(15);
    expect(new Set(types.data.map((t) => t.id)).size).toBe(15);
    expect(types.data.map((t) => t.id)).toEqual(
      expect.arrayContaining(['consent.created', 'consent.revoked', 'connection.deleted']),
    );
    const one = await call('/events/types/consent.revoked', { token });
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({
      type: 'eventType',
      id: 'consent.revoked',
      description: expect.any(String),
    });
    expect((await call('/events/types/consent.archived-ish', { token })).status).toBe(404);
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

describe('createBasiqMock (control: faults)', () => {
  it('should fail exactly the next n requests with the given status', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    const token = control.clientToken('u1');
    control.failNext(2, 503);
    const first = await call(`/jobs/${jobId}`, { token });
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBeNull();
    expect((await firstError(first)).code).toBe('service-unavailable');
    expect((await call(`/jobs/${jobId}`, { token })).status).toBe(503);
    expect((await call(`/jobs/${jobId}`, { token })).status).toBe(200);
    expect(control.requests().map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('should send Retry-After when asked', async () => {
    const control = mockBasiq({ users: ['u1'] });
    control.failNext(1, 429, { retryAfter: 7 });
    const response = await call('/users/u1/consents', { token: control.clientToken('u1') });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    const client = clientFor(control, 'u1').client;
    control.failNext(1, 503, { retryAfter: 'Wed, 21 Oct 2037 07:28:00 GMT' });
    const error = await rejection(client.getConsents('u1'));
    expect(error).toBeInstanceOf(BasiqApiError);
    expect((error as BasiqApiError).retryAfterMs).toBeGreaterThan(0);
  });

  it('should leave /token alone unless it is targeted', async () => {
    const control = mockBasiq({ users: ['u1'] });
    control.failNext(1, 500);
    expect((await postToken({ scope: 'SERVER_ACCESS' })).status).toBe(200);
    expect((await call('/users/u1/consents', { token: control.clientToken('u1') })).status).toBe(
      500,
    );
    control.failNext(1, 503, { path: '/token' });
    expect((await postToken({ scope: 'SERVER_ACCESS' })).status).toBe(503);
    expect((await postToken({ scope: 'SERVER_ACCESS' })).status).toBe(200);
  });

  it('should target a path prefix or a RegExp', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    const token = control.clientToken('u1');
    control.failNext(1, 500, { path: '/users' });
    expect((await call(`/jobs/${jobId}`, { token })).status).toBe(200);
    expect((await call('/users/u1/jobs', { token })).status).toBe(500);
    expect((await call('/users/u1/jobs', { token })).status).toBe(200);

    control.failNext(1, 502, { path: /\/mfa$/ });
    expect((await call(`/jobs/${jobId}`, { token })).status).toBe(200);
    const mfa = await call(`/jobs/${jobId}/mfa`, {
      method: 'POST',
      token,
      body: { 'mfa-response': ['123456'] },
    });
    expect(mfa.status).toBe(502);
  });

  it('should fail before checking the token', async () => {
    const control = mockBasiq();
    control.failNext(1, 503);
    expect((await call('/jobs/x')).status).toBe(503);
    expect((await call('/jobs/x')).status).toBe(401);
  });

  it('should make createBasiqClient throw BasiqResponseError for each malformed body', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    const { client } = clientFor(control, 'u1');
    for (const kind of ['empty', 'html', 'truncated'] as const) {
      control.malformNext(kind);
      const error = await rejection(client.getJob(jobId));
      expect(error, kind).toBeInstanceOf(BasiqResponseError);
      expect(error).toMatchObject({ status: 200, method: 'GET', path: `/jobs/${jobId}` });
      expect((error as Error).message).toMatch(
        kind === 'empty' ? /an empty body/ : /a body that is not JSON/,
      );
    }
    // Used up: the next read is whole again.
    await expect(client.getJob(jobId)).resolves.toMatchObject({ id: jobId });
  });

  it('should malform the body over the wire but keep the status', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    const token = control.clientToken('u1');
    const whole = await (await call(`/jobs/${jobId}`, { token })).text();

    control.malformNext('empty');
    const empty = await call(`/jobs/${jobId}`, { token });
    expect([empty.status, await empty.text()]).toEqual([200, '']);

    control.malformNext('html');
    const html = await call(`/jobs/${jobId}`, { token });
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(await html.text()).toMatch(/^<!DOCTYPE html>/);

    control.malformNext('truncated');
    const truncated = await (await call(`/jobs/${jobId}`, { token })).text();
    expect(whole.startsWith(truncated)).toBe(true);
    expect(truncated.length).toBeLessThan(whole.length);

    control.malformNext('html');
    const notFound = await call('/jobs/no-such-job', { token });
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).toMatch(/<html>/);
  });

  it('should malform n responses of a targeted path only', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    const token = control.clientToken('u1');
    control.malformNext('html', { path: '/users', n: 2 });
    const bodies = [
      await (await call(`/jobs/${jobId}`, { token })).text(),
      await (await call('/users/u1/jobs', { token })).text(),
      await (await call('/users/u1/jobs', { token })).text(),
      await (await call('/users/u1/jobs', { token })).text(),
    ];
    expect(bodies.map((b) => b.startsWith('<!DOCTYPE'))).toEqual([false, true, true, false]);
  });

  it('should delay every response by the latency set, and not after it is turned off', async () => {
    const control = mockBasiq({ users: ['u1'] });
    const token = control.clientToken('u1');
    control.setLatency(50);
    const started = performance.now();
    expect((await call('/users/u1/consents', { token })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);

    control.setLatency(0);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    // With timers faked, a delayed response would never arrive: this one must not wait.
    expect((await call('/users/u1/consents', { token })).status).toBe(200);
  });

  it('should hold a response until the latency has passed (fake timers)', async () => {
    const control = mockBasiq({ users: ['u1'] });
    const token = control.clientToken('u1');
    control.setLatency(1000);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let status = 0;
    const pending = call('/users/u1/consents', { token }).then((r) => (status = r.status));
    await vi.advanceTimersByTimeAsync(999);
    expect(status).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(status).toBe(200);
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
