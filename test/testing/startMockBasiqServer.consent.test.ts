// The mock Basiq's consent stand-in page over real HTTP on loopback, driven with Node's own fetch.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConsentRedirect } from '../../src';
import {
  INSTITUTIONS,
  SCENARIOS,
  startMockBasiqServer,
  type MockBasiqServer,
} from '../../src/testing';
import { APP_ORIGIN, clientOf } from './startMockBasiqServerFixtures';

const REDIRECT_URL = `${APP_ORIGIN}/connected`;

/** Posts the consent stand-in's form like a browser would, without following the redirect. */
const postConsent = (server: MockBasiqServer, fields: Array<[string, string]>) =>
  fetch(`${server.consentUrl}/connect`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });

describe('startMockBasiqServer', () => {
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

    it('should send no referrer and a CSP that allows its own style by hash and nothing inline else', async () => {
      const response = await home({ token: server.control.clientToken('u1'), state: 's1' });
      // Its URL carries the token: nothing it leads to may name it as the referrer.
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      const html = await response.text();
      const styles = [...html.matchAll(/<style>([^<]*)<\/style>/g)].map((match) => match[1]!);
      expect(styles).toHaveLength(1);
      const hash = createHash('sha256').update(styles[0]!).digest('base64');
      expect(response.headers.get('content-security-policy')).toBe(
        [
          "default-src 'none'",
          `style-src 'sha256-${hash}'`,
          'img-src data:',
          `form-action 'self' ${APP_ORIGIN}`,
          "frame-ancestors 'none'",
          "base-uri 'none'",
        ].join('; '),
      );
      expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    });

    it('should send the same headers with every page it answers, the refusals included', async () => {
      const policy = (
        await home({ token: server.control.clientToken('u1'), state: 's1' })
      ).headers.get('content-security-policy');
      const refused = await home({ state: 's1' });
      const posted = await postConsent(server, [['decision', 'connect']]);
      for (const response of [refused, posted]) {
        expect(response.status).toBe(401);
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('content-security-policy')).toBe(policy);
        expect(response.headers.get('x-frame-options')).toBe('DENY');
      }
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
      // The redirect's own policy decides the Referer of the request to the app.
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
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
      // No app to go back to: forms may go to the page itself only.
      expect(response.headers.get('content-security-policy')).toContain("form-action 'self';");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
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
});
