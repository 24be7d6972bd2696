// @vitest-environment-options {"url": "https://app.test/"}
import { fireEvent } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  BasiqTokenError,
  BasiqTokenScopeError,
  ConnectionStatus,
  createBasiqClient,
  type BasiqClientOptions,
} from '../../src';
import { createTokenHandler } from '../../src/server';
import { makeJwt } from '../support/jwt';
import { setupMswServer, TOKEN_URL } from '../support/server';
import { advance, createFaultbed, cs, rejection, settle, startJob, status, USER } from './faultbed';

const server = setupMswServer();

const LONG = { 'verify-credentials': 600_000 };

/**
 * A faultbed whose provider fetches tokens from the app's TOKEN_URL, answered by `answer`
 * (the n-th call, from 1); `tokenRequests()` counts the calls.
 */
function withTokenUrl(
  answer: (n: number, bed: ReturnType<typeof createFaultbed>) => Response | Promise<Response>,
  client: Partial<BasiqClientOptions> = {},
) {
  let calls = 0;
  const bed = createFaultbed(server, {
    client,
    provider: { tokenUrl: TOKEN_URL, getToken: undefined },
  });
  server.use(http.post(TOKEN_URL, () => answer(++calls, bed)));
  return {
    ...bed,
    tokenRequests: () => calls,
    /** A client of this token URL (3 tries per GET). */
    urlClient: (options: Partial<BasiqClientOptions> = {}) =>
      createBasiqClient({ tokenUrl: TOKEN_URL, retry: { attempts: 3 }, ...options }),
  };
}

const goodToken = (bed: ReturnType<typeof createFaultbed>) =>
  HttpResponse.json({
    access_token: bed.control.clientToken(USER),
    expires_in: 3600,
    token_type: 'Bearer',
  });

/** Requests that reached the mock Basiq (the token endpoint is the app's, not Basiq's). */
const basiqRequests = (bed: ReturnType<typeof createFaultbed>) => bed.control.requests().length;

describe('token endpoint faults', () => {
  it('should refuse with BasiqTokenError (status 503) and send nothing to Basiq when the token endpoint is down', async () => {
    const bed = withTokenUrl(() => new HttpResponse('Service Unavailable', { status: 503 }));
    const jobId = startJob(bed.control);
    const error = await rejection(settle(bed.urlClient().getJob(jobId)));
    expect(error).toBeInstanceOf(BasiqTokenError);
    expect(error).toMatchObject({ status: 503 });
    expect((error as Error).message).toContain(`Token endpoint ${TOKEN_URL} answered 503`);
    expect(bed.tokenRequests()).toBe(1);
    expect(basiqRequests(bed)).toBe(0);
  });

  it('should refuse with BasiqTokenError when the token endpoint cannot be reached, sending nothing to Basiq', async () => {
    const bed = withTokenUrl(() => HttpResponse.error());
    const jobId = startJob(bed.control);
    const error = await rejection(settle(bed.urlClient().getJob(jobId)));
    expect(error).toBeInstanceOf(BasiqTokenError);
    expect((error as Error).message).toContain('could not be reached');
    expect(basiqRequests(bed)).toBe(0);
  });

  it('should say the connection could not be checked while the token endpoint is down, and show the job once it is back, on its own', async () => {
    const bed = withTokenUrl((n, b) =>
      n <= 2 ? new HttpResponse(null, { status: 503 }) : goodToken(b),
    );
    const jobId = startJob(bed.control, 'success', LONG);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(200);
    expect(status.phase()).toBe('error');
    expect(status.text()).toContain(cs.loadError);
    expect(basiqRequests(bed)).toBe(0);
    // Polls back off (2 s, then 4 s): the third token request works.
    await advance(6000);
    expect(bed.tokenRequests()).toBe(3);
    expect(status.phase()).toBe('in-progress');
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([200]);
  });

  it('should stop polling when the token endpoint says the user is signed out (401), and show the job after Try again once signed in', async () => {
    let signedIn = false;
    const bed = withTokenUrl((_, b) =>
      signedIn ? goodToken(b) : HttpResponse.json({ error: 'sign in' }, { status: 401 }),
    );
    const jobId = startJob(bed.control, 'success', LONG);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(200);
    expect(status.phase()).toBe('error');
    expect(status.text()).toContain(cs.loadError);
    await advance(120_000);
    // Polling cannot sign the user in: one token request, none to Basiq.
    expect(bed.tokenRequests()).toBe(1);
    expect(basiqRequests(bed)).toBe(0);

    signedIn = true;
    fireEvent.click(status.button(cs.retry)!);
    await advance(200);
    expect(status.phase()).toBe('in-progress');
    expect(bed.tokenRequests()).toBe(2);
  });

  it('should give up on a token endpoint slower than timeoutMs with BasiqTokenError, after one token request for three jobs', async () => {
    const bed = withTokenUrl(
      async (_n, b) => {
        await delay(5000);
        return goodToken(b);
      },
      { timeoutMs: 1000 },
    );
    const jobIds = [1, 2, 3].map(() => startJob(bed.control, 'success', LONG));
    bed.render(<ConnectionStatus jobIds={jobIds} />);
    await advance(500);
    expect(bed.tokenRequests()).toBe(1);
    await advance(600);
    expect(status.root().querySelectorAll('.basiq-ConnectionStatus-error')).toHaveLength(3);
    expect(basiqRequests(bed)).toBe(0);
    const error = await rejection(settle(bed.urlClient({ timeoutMs: 1000 }).getJob(jobIds[0]!)));
    expect(error).toBeInstanceOf(BasiqTokenError);
    expect((error as Error).message).toContain('could not be reached');
  });

  it('should refuse an HTML answer (a proxy or login page) with BasiqTokenError, sending nothing to Basiq', async () => {
    const bed = withTokenUrl(
      () =>
        new HttpResponse('<!DOCTYPE html><html><body>Please sign in</body></html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    );
    const jobId = startJob(bed.control);
    const error = await rejection(settle(bed.urlClient().getJob(jobId)));
    expect(error).toBeInstanceOf(BasiqTokenError);
    expect((error as Error).message).toContain('did not answer JSON');
    expect(basiqRequests(bed)).toBe(0);
  });

  it('should refuse a SERVER_ACCESS token with BasiqTokenScopeError before any request leaves, never showing the token, and stop polling', async () => {
    let served = '';
    const bed = withTokenUrl((_n, b) => {
      served = b.control.serverToken();
      return HttpResponse.json({ access_token: served, expires_in: 3600, token_type: 'Bearer' });
    });
    const jobId = startJob(bed.control);
    const error = await rejection(settle(bed.urlClient().getJob(jobId)));
    expect(error).toBeInstanceOf(BasiqTokenScopeError);
    expect(error).toMatchObject({ reason: 'wrong-scope' });
    expect(JSON.stringify(error) + (error as Error).message).not.toContain(served);

    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(200);
    expect(status.phase()).toBe('error');
    expect(status.text()).toContain(cs.loadError);
    expect(status.text()).not.toContain(served);
    const tokenRequests = bed.tokenRequests();
    await advance(60_000, 1000);
    expect(bed.tokenRequests()).toBe(tokenRequests);
    expect(basiqRequests(bed)).toBe(0);
  });

  it('should refuse an expired token with BasiqTokenScopeError (reason expired), sending nothing to Basiq', async () => {
    const bed = withTokenUrl(() => {
      const now = Math.floor(Date.now() / 1000);
      const expired = makeJwt({
        scope: 'CLIENT_ACCESS',
        userid: USER,
        iat: now - 7200,
        exp: now - 3600,
      });
      return HttpResponse.json({ access_token: expired, expires_in: 3600, token_type: 'Bearer' });
    });
    const jobId = startJob(bed.control);
    const error = await rejection(settle(bed.urlClient().getJob(jobId)));
    expect(error).toBeInstanceOf(BasiqTokenScopeError);
    expect(error).toMatchObject({ reason: 'expired' });
    expect(basiqRequests(bed)).toBe(0);
  });
});

describe('token endpoint faults (createTokenHandler in front of the mock)', () => {
  /** The real token handler as the app's TOKEN_URL, minting from the mock for USER. */
  function withHandler(client: Partial<BasiqClientOptions> = {}) {
    const bed = createFaultbed(server, {
      client,
      provider: { tokenUrl: TOKEN_URL, getToken: undefined },
    });
    bed.control.createUser({ id: USER });
    const handler = createTokenHandler({ apiKey: 'test-api-key', getUserId: () => USER });
    server.use(http.all(TOKEN_URL, ({ request }) => handler(request)));
    const mints = () => bed.statuses('POST', '/token');
    return { ...bed, mints };
  }

  it("should say the connection could not be checked when Basiq's /token fails behind it, wait out the handler's Retry-After, and show the job on Try again (no broken token kept)", async () => {
    const bed = withHandler();
    const jobId = startJob(bed.control, 'success', LONG);
    bed.control.failNext(1, 503, { path: '/token' });
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(200);
    expect(status.phase()).toBe('error');
    expect(bed.mints()).toEqual([503]);
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([]);
    // The handler answered 503 with Retry-After: 1; before it passes neither asks again.
    fireEvent.click(status.button(cs.retry)!);
    await advance(200);
    expect(bed.mints()).toEqual([503]);
    await advance(600);
    fireEvent.click(status.button(cs.retry)!);
    await advance(200);
    expect(status.phase()).toBe('in-progress');
    expect(bed.mints()).toEqual([503, 200]);
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([200]);
  });

  it("should give up when Basiq's /token is slower than timeoutMs, then show the job at the next poll with the token the handler cached meanwhile", async () => {
    const bed = withHandler({ timeoutMs: 1000 });
    const jobId = startJob(bed.control, 'success', LONG);
    bed.control.setLatency(2000);
    bed.render(<ConnectionStatus jobId={jobId} />);
    await advance(1200);
    expect(status.phase()).toBe('error');
    expect(status.text()).toContain(cs.loadError);
    bed.control.setLatency(0);
    // The handler got its token at 2 s and cached it; the poll at 3 s uses it.
    await advance(2000);
    expect(status.phase()).toBe('in-progress');
    expect(bed.mints()).toEqual([200]);
    expect(bed.statuses('GET', `/jobs/${jobId}`)).toEqual([200]);
  });
});
