// The mock Basiq over real HTTP on loopback, driven with Node's own fetch (no MSW here).
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBasiqClient, parseConsentRedirect } from '../../src';
import {
  INSTITUTIONS,
  SCENARIOS,
  startMockBasiqServer,
  type MockBasiqServer,
} from '../../src/testing';

const APP_ORIGIN = 'http://localhost:5173';
const REDIRECT_URL = `${APP_ORIGIN}/connected`;
const JSON_HEADERS = { 'content-type': 'application/json' };

/** A client of the mock at `server`, acting for `userId` with a token minted by the mock. */
const clientOf = (server: MockBasiqServer, userId: string) =>
  createBasiqClient({
    baseUrl: server.url,
    consentBaseUrl: server.consentUrl,
    getToken: async () => server.control.clientToken(userId),
    retry: { attempts: 1 },
  });

/** Posts the consent stand-in's form like a browser would, without following the redirect. */
const postConsent = (server: MockBasiqServer, fields: Array<[string, string]>) =>
  fetch(`${server.consentUrl}/connect`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });

/** Sends raw bytes to the server and resolves with everything it answers. */
const rawHttp = (url: string, bytes: string) =>
  new Promise<string>((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });

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

  describe('CORS', () => {
    let open: MockBasiqServer;
    let strict: MockBasiqServer;
    beforeAll(async () => {
      [open, strict] = await Promise.all([
        startMockBasiqServer(),
        startMockBasiqServer({ corsOrigins: ['http://a.test'] }),
      ]);
    });
    afterAll(() => Promise.all([open.close(), strict.close()]));

    const preflight = (server: MockBasiqServer, origin: string) =>
      fetch(`${server.url}/jobs/j1`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization, basiq-version',
        },
      });

    it('should answer a preflight with 204 allowing the origin, methods and headers', async () => {
      const response = await preflight(open, APP_ORIGIN);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      const methods = response.headers.get('access-control-allow-methods') ?? '';
      for (const method of ['GET', 'POST', 'DELETE']) expect(methods).toContain(method);
      const headers = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      expect(headers).toContain('authorization');
      expect(headers).toContain('basiq-version');
      expect(await response.text()).toBe('');
      // A preflight is not an API call.
      expect(open.control.requests()).toEqual([]);
    });

    it('should echo the origin on normal and error answers and expose retry-after', async () => {
      const token = open.control.clientToken('u1');
      const response = await fetch(`${open.url}/users/u1/jobs`, {
        headers: { authorization: `Bearer ${token}`, origin: APP_ORIGIN },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      expect(response.headers.get('access-control-expose-headers')).toMatch(/retry-after/i);
      expect(response.headers.get('vary')).toMatch(/origin/i);
      // Error answers too, or the browser app could not read Basiq's error envelope.
      const refused = await fetch(`${open.url}/jobs/j1`, { headers: { origin: APP_ORIGIN } });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    });

    it('should only allow the listed origins when corsOrigins is given', async () => {
      const allowed = await preflight(strict, 'http://a.test');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://a.test');
      const refused = await preflight(strict, APP_ORIGIN);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();

      const ok = await fetch(`${strict.url}/jobs/j1`, { headers: { origin: 'http://a.test' } });
      expect(ok.headers.get('access-control-allow-origin')).toBe('http://a.test');
      const other = await fetch(`${strict.url}/jobs/j1`, { headers: { origin: APP_ORIGIN } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.headers.get('access-control-expose-headers')).toBeNull();
    });

    it('should send no CORS headers to a request without Origin', async () => {
      const response = await fetch(`${open.url}/jobs/j1`);
      expect(response.status).toBe(401);
      const cors = [...response.headers.keys()].filter((name) =>
        name.startsWith('access-control-'),
      );
      expect(cors).toEqual([]);
    });
  });

  describe('the consent stand-in page', () => {
    let server: MockBasiqServer;
    beforeAll(async () => {
      server = await startMockBasiqServer({
        clock: 'manual',
        redirectUrl: REDIRECT_URL,
        stepMs: 1000,
      });
    });
    afterEach(() => server.control.reset());
    afterAll(() => server.close());

    const home = (query: Record<string, string>) =>
      fetch(`${server.consentUrl}/home?${new URLSearchParams(query)}`);

    it('should show the banks and scenarios with the token and state as hidden fields', async () => {
      const token = server.control.clientToken('u1');
      const response = await home({ token, state: 's1', action: 'connect' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
      const html = await response.text();
      expect(html).toContain('<form method="post" action="/consent/connect">');
      expect(html).toContain(`<input type="hidden" name="token" value="${token}">`);
      expect(html).toContain('<input type="hidden" name="state" value="s1">');
      expect(html).toContain('<input type="hidden" name="action" value="connect">');
      for (const { id, name } of INSTITUTIONS) {
        expect(html).toMatch(
          new RegExp(
            `<label><input type="checkbox" name="institutionId" value="${id}"[^>]*> ${name}</label>`,
          ),
        );
      }
      expect(html).toContain('<select id="scenario" name="scenario">');
      for (const scenario of SCENARIOS) expect(html).toContain(`<option value="${scenario}">`);
      expect(html).toContain('name="decision" value="connect"');
      expect(html).toContain('name="decision" value="cancel"');
    });

    it('should open at the URL createBasiqClient builds for its consent UI', async () => {
      const url = await clientOf(server, 'u1').consentUrl({ action: 'connect', state: 'st-9' });
      expect(url.startsWith(`${server.consentUrl}/home?`)).toBe(true);
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('name="state" value="st-9"');
    });

    it('should refuse a missing, garbled, expired or SERVER_ACCESS token with a 401 page and start no job', async () => {
      const expired = server.control.clientToken('u1', { expiresInSeconds: 60 });
      server.control.advance(61_000);
      const tokens = [undefined, 'garbage', expired, server.control.serverToken()];
      for (const token of tokens) {
        const response = await home(token === undefined ? { state: 's1' } : { token, state: 's1' });
        expect(response.status).toBe(401);
        expect(response.headers.get('content-type')).toMatch(/^text\/html/);
        const html = await response.text();
        expect(html).toMatch(/<p role="alert">[^<]+<\/p>/);
        expect(html).not.toContain('<form');

        // Nor does the form start anything with such a token.
        const posted = await postConsent(server, [
          ...(token === undefined ? [] : [['token', token] as [string, string]]),
          ['state', 's1'],
          ['institutionId', 'AU00000'],
          ['decision', 'connect'],
        ]);
        expect(posted.status).toBe(401);
        expect(posted.headers.get('location')).toBeNull();
        expect(await posted.text()).toContain('role="alert"');
      }
      await expect(clientOf(server, 'u1').listUserJobs('u1')).resolves.toEqual([]);
    });

    it('should start one job per bank and redirect with jobId, jobIds and state', async () => {
      const token = server.control.clientToken('u1');
      const response = await postConsent(server, [
        ['token', token],
        ['state', 's1'],
        ['action', 'connect'],
        ['institutionId', 'AU00000'],
        ['institutionId', 'AU00001'],
        ['scenario', 'mfa-token'],
        ['decision', 'connect'],
      ]);
      expect(response.status).toBe(303);
      const location = response.headers.get('location') ?? '';
      const back = new URL(location);
      expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URL);
      const ids = (back.searchParams.get('jobIds') ?? '').split(',');
      expect(ids).toHaveLength(2);
      expect(back.searchParams.get('jobId')).toBe(ids[0]);
      expect(back.searchParams.get('state')).toBe('s1');
      expect(parseConsentRedirect(location)).toEqual({ jobIds: ids, state: 's1' });

      // The jobs are the token's user's, on the chosen banks, playing the chosen scenario.
      const client = clientOf(server, 'u1');
      const jobs = await client.listUserJobs('u1');
      expect(jobs.map((j) => j.id).sort()).toEqual([...ids].sort());
      server.control.advance(1000);
      for (const id of ids) {
        const job = await client.getJob(id);
        expect(job.phase).toBe('mfa-required');
        expect(job.mfa?.method).toBe('token');
      }
      await Promise.all(ids.map((id) => client.submitMfa(id, ['123456'])));
      server.control.advance(2000);
      const banks = await Promise.all(
        ids.map(async (id) => {
          const job = await client.getJob(id);
          const accounts = job.steps.find((s) => s.title === 'retrieve-accounts')?.result;
          return accounts?.type === 'link' ? accounts.url : '';
        }),
      );
      expect(banks.join(' ')).toContain("institution.id.eq('AU00000')");
      expect(banks.join(' ')).toContain("institution.id.eq('AU00001')");
      // Another user's token cannot read them.
      await expect(clientOf(server, 'u2').getJob(ids[0]!)).rejects.toMatchObject({ status: 401 });
    });

    it('should play the success scenario when none or an unknown one is chosen', async () => {
      const response = await postConsent(server, [
        ['token', server.control.clientToken('u1')],
        ['state', 's1'],
        ['institutionId', 'AU00000'],
        ['institutionId', 'XX99999'],
        ['scenario', 'no-such-scenario'],
        ['decision', 'connect'],
      ]);
      const { jobIds } = parseConsentRedirect(response.headers.get('location') ?? '');
      expect(jobIds).toHaveLength(1);
      server.control.advance(3000);
      await expect(clientOf(server, 'u1').getJob(jobIds[0]!)).resolves.toMatchObject({
        phase: 'success',
      });
    });

    it('should redirect with the state only when the user cancels', async () => {
      const response = await postConsent(server, [
        ['token', server.control.clientToken('u1')],
        ['state', 's1'],
        ['institutionId', 'AU00000'],
        ['decision', 'cancel'],
      ]);
      expect(response.status).toBe(303);
      const location = response.headers.get('location') ?? '';
      const back = new URL(location);
      expect([...back.searchParams.keys()]).toEqual(['state']);
      expect(parseConsentRedirect(location)).toEqual({ jobIds: [], state: 's1' });
      await expect(clientOf(server, 'u1').listUserJobs('u1')).resolves.toEqual([]);
    });

    it('should refresh the connection named by connectionId instead of adding one', async () => {
      const { jobId: first, connectionId } = server.control.createJob({
        userId: 'u1',
        stepMs: 1000,
      });
      server.control.advance(5000);
      const response = await postConsent(server, [
        ['token', server.control.clientToken('u1')],
        ['state', 's2'],
        ['action', 'update'],
        ['connectionId', connectionId!],
        ['scenario', 'success'],
        ['decision', 'connect'],
      ]);
      expect(response.status).toBe(303);
      const { jobIds, state } = parseConsentRedirect(response.headers.get('location') ?? '');
      expect(state).toBe('s2');
      expect(jobIds).toHaveLength(1);
      expect(jobIds[0]).not.toBe(first);
      const client = clientOf(server, 'u1');
      await expect(client.getJob(jobIds[0]!)).resolves.toMatchObject({ connectionId });
      const onConnection = await client.listUserJobs('u1', { connectionId: connectionId! });
      expect(onConnection.map((j) => j.id).sort()).toEqual([first, jobIds[0]].sort());
    });

    it('should not start a job on another user’s connection', async () => {
      const { connectionId } = server.control.createJob({ userId: 'u2', stepMs: 1000 });
      const response = await postConsent(server, [
        ['token', server.control.clientToken('u1')],
        ['state', 's1'],
        ['connectionId', connectionId!],
        ['decision', 'connect'],
      ]);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      await expect(clientOf(server, 'u1').listUserJobs('u1')).resolves.toEqual([]);
      await expect(
        clientOf(server, 'u2').listUserJobs('u2', { connectionId: connectionId! }),
      ).resolves.toHaveLength(1);
    });

    it('should escape HTML-special characters it echoes into the page', async () => {
      const state = '"><script>alert(1)</script>&\'';
      const response = await home({
        token: server.control.clientToken('u1'),
        state,
        action: 'connect"><img src=x>',
      });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img');
      expect(html).toContain(
        '<input type="hidden" name="state" value="&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#38;&#39;">',
      );
      // The state goes back to the app intact (URL-encoded, not HTML-escaped).
      const posted = await postConsent(server, [
        ['token', server.control.clientToken('u1')],
        ['state', state],
        ['decision', 'cancel'],
      ]);
      expect(parseConsentRedirect(posted.headers.get('location') ?? '').state).toBe(state);
    });
  });

  describe('the consent stand-in page without redirectUrl', () => {
    let server: MockBasiqServer;
    beforeAll(async () => {
      server = await startMockBasiqServer({ clock: 'manual', stepMs: 1000 });
    });
    afterAll(() => server.close());

    it('should list the started job ids on a page of its own, or say nothing was connected', async () => {
      const response = await postConsent(server, [
        ['token', server.control.clientToken('u1')],
        ['state', 's1'],
        ['institutionId', 'AU00000'],
        ['institutionId', 'AU20700'],
        ['decision', 'connect'],
      ]);
      expect(response.status).toBe(200);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      const ids = [...html.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map((m) => m[1]!);
      expect(ids).toHaveLength(2);
      const jobs = await clientOf(server, 'u1').listUserJobs('u1');
      expect(jobs.map((j) => j.id).sort()).toEqual([...ids].sort());

      const cancelled = await postConsent(server, [
        ['token', server.control.clientToken('u1')],
        ['decision', 'cancel'],
      ]);
      expect(cancelled.status).toBe(200);
      const nothing = await cancelled.text();
      expect(nothing).toContain('Nothing was connected.');
      expect(nothing).not.toContain('<li>');
    });
  });

  describe('malformed requests', () => {
    let server: MockBasiqServer;
    beforeAll(async () => {
      server = await startMockBasiqServer({ clock: 'manual' });
    });
    afterAll(() => server.close());

    it('should answer a non-JSON MFA body with a 400 envelope and keep serving', async () => {
      const { jobId } = server.control.createJob({
        userId: 'u1',
        scenario: 'mfa-token',
        stepMs: 1000,
      });
      server.control.advance(1000);
      const token = server.control.clientToken('u1');
      const response = await fetch(`${server.url}/jobs/${jobId}/mfa`, {
        method: 'POST',
        headers: { ...JSON_HEADERS, authorization: `Bearer ${token}` },
        body: '{"mfa-response": [',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        type: 'list',
        correlationId: expect.any(String),
        data: [{ type: 'error', source: { parameter: 'mfa-response' } }],
      });
      // The job still waits for its answer, and takes it.
      const client = clientOf(server, 'u1');
      await expect(client.getJob(jobId)).resolves.toMatchObject({ phase: 'mfa-required' });
      await expect(client.submitMfa(jobId, ['123456'])).resolves.toEqual({ jobId });
    });

    it('should answer an unknown path with a 404 envelope', async () => {
      const response = await fetch(`${server.url}/no/such/path?x=1`, { method: 'POST' });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({
        type: 'list',
        data: [{ type: 'error', code: 'resource-not-found' }],
      });
      const consentGet = await fetch(`${server.consentUrl}/connect`);
      expect(consentGet.status).toBe(404);
    });

    it('should survive bytes that are not HTTP and a client that hangs up mid-body', async () => {
      const garbage = await rawHttp(server.url, 'NOT HTTP AT ALL\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400/);
      await rawHttp(
        server.url,
        'POST /jobs/x/mfa HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{"mfa',
      ).catch(() => undefined);
      const token = server.control.clientToken('u1');
      const after = await fetch(`${server.url}/users/u1/jobs`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(after.status).toBe(200);
    });
  });
});
