import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createBasiqClient } from '../../src';
import { API, TOKEN_URL, basiqError, rawJob, tokenEndpoint, useMswServer } from '../support/server';

const client = () => createBasiqClient({ tokenUrl: TOKEN_URL, retry: { attempts: 1 } });
const consent = {
  type: 'consent',
  id: 'c-1',
  created: '2024-01-01T00:00:00Z',
  updated: '2024-01-01T00:00:00Z',
  expiryDate: '2025-01-01T00:00:00Z',
  status: 'active',
  purpose: { primary: { title: 'Budgeting', description: 'Show your spending' } },
  data: { retainData: false, permissions: [] },
};
const authLink = {
  type: 'auth_link',
  userId: 'user-1',
  mobile: 61410000000,
  expiresAt: '2026-12-01T00:00:00Z',
  links: { public: 'https://connect.basiq.io/abc', self: `${API}/users/user-1/auth_link` },
};

describe('createBasiqClient', () => {
  const msw = useMswServer();

  it('should refuse to be created without a token source or with a plain-http base URL', () => {
    expect(() => createBasiqClient({})).toThrow(/tokenUrl/);
    expect(() =>
      createBasiqClient({ tokenUrl: TOKEN_URL, baseUrl: 'http://basiq.example' }),
    ).toThrow(/https/);
    expect(() =>
      createBasiqClient({ tokenUrl: TOKEN_URL, consentBaseUrl: 'javascript:alert(1)' }),
    ).toThrow(/https/);
    expect(() =>
      createBasiqClient({ tokenUrl: TOKEN_URL, baseUrl: 'http://127.0.0.1:4010' }),
    ).not.toThrow();
    expect(() =>
      createBasiqClient({ tokenUrl: TOKEN_URL, baseUrl: '/api/basiq-proxy' }),
    ).not.toThrow();
  });

  it('should get and normalize a job, with the id escaped into the path', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/jobs/:id`, ({ params }) => HttpResponse.json(rawJob(String(params.id)))),
    );
    const job = await client().getJob('a/b?c');
    expect(msw.apiRequests()[0]!.url.pathname).toBe('/jobs/a%2Fb%3Fc');
    expect(job).toMatchObject({ id: 'a/b?c', phase: 'in-progress', isTerminal: false });
  });

  it('should list a user’s jobs filtered by connection', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/users/:id/jobs`, () =>
        HttpResponse.json({ type: 'list', data: [rawJob('j-1', 'success'), rawJob('j-2')] }),
      ),
    );
    const jobs = await client().listUserJobs('user-1', { connectionId: 'conn-1' });
    expect(msw.apiRequests()[0]!.url.searchParams.get('filter')).toBe("connection.id.eq('conn-1')");
    expect(jobs.map((j) => j.id)).toEqual(['j-1', 'j-2']);
    await expect(client().listUserJobs('user-1', { connectionId: "x') OR ('1" })).rejects.toThrow(
      TypeError,
    );
  });

  it('should post MFA answers as { "mfa-response": [...] }', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.post(`${API}/jobs/:id/mfa`, () =>
        HttpResponse.json(
          { type: 'job', id: 'job-1', links: { self: '/jobs/job-1' } },
          { status: 202 },
        ),
      ),
    );
    await expect(client().submitMfa('job-1', ['123456', 'blue'])).resolves.toEqual({
      jobId: 'job-1',
    });
    expect(JSON.parse(msw.apiRequests()[0]!.body)).toEqual({ 'mfa-response': ['123456', 'blue'] });
    await expect(client().submitMfa('job-1', [])).rejects.toThrow(TypeError);
    expect(msw.apiRequests()).toHaveLength(1);
  });

  it('should list consents and revoke one with DELETE', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/users/:id/consents`, () =>
        HttpResponse.json({ type: 'list', size: 1, data: [consent] }),
      ),
      http.delete(
        `${API}/users/:id/consents/:consentId`,
        () => new HttpResponse(null, { status: 204 }),
      ),
    );
    const consents = await client().getConsents('user-1');
    expect(consents[0]).toMatchObject({ id: 'c-1', status: 'active' });
    await expect(client().revokeConsent('user-1', 'c-1')).resolves.toBeUndefined();
    expect(msw.apiRequests().map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'GET /users/user-1/consents',
      'DELETE /users/user-1/consents/c-1',
    ]);
  });

  it('should create, get and delete an auth link, reading 410 as null', async () => {
    let gone = false;
    msw.server.use(
      tokenEndpoint(),
      http.post(`${API}/users/:id/auth_link`, () => HttpResponse.json(authLink, { status: 201 })),
      http.get(`${API}/users/:id/auth_link`, () =>
        gone
          ? basiqError(410, 'resource-no-longer-available')
          : HttpResponse.json({ ...authLink, id: 'al-1' }),
      ),
      http.delete(`${API}/users/:id/auth_link`, () => {
        gone = true;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const created = await client().createAuthLink('user-1', { mobile: '+61410000000' });
    expect(JSON.parse(msw.apiRequests()[0]!.body)).toEqual({ mobile: '+61410000000' });
    expect(created).toMatchObject({
      userId: 'user-1',
      mobile: '61410000000',
      url: 'https://connect.basiq.io/abc',
    });
    await expect(client().getAuthLink('user-1')).resolves.toMatchObject({
      expiresAt: authLink.expiresAt,
    });
    await client().deleteAuthLink('user-1');
    await expect(client().getAuthLink('user-1')).resolves.toBeNull();
  });

  it('should still throw other auth-link errors', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/users/:id/auth_link`, () => basiqError(404, 'resource-not-found')),
    );
    await expect(client().getAuthLink('user-1')).rejects.toMatchObject({ status: 404 });
  });

  it('should list events with a user filter joined to a caller filter', async () => {
    msw.server.use(
      tokenEndpoint(),
      http.get(`${API}/events`, () =>
        HttpResponse.json({
          type: 'list',
          data: [{ type: 'event', id: 'e-1', eventType: 'consent.revoked' }],
        }),
      ),
    );
    const events = await client().listEvents({
      userId: 'user-1',
      filter: "event.entity.eq('consent')",
    });
    expect(events).toEqual([{ type: 'event', id: 'e-1', eventType: 'consent.revoked' }]);
    expect(msw.apiRequests()[0]!.url.searchParams.get('filter')).toBe(
      "user.id.eq('user-1'),event.entity.eq('consent')",
    );
  });
});
