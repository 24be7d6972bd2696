import { describe, expect, it } from 'vitest';
import { BasiqTokenScopeError, createBasiqClient, parseConsentRedirect } from '../../src';
import { clientToken, makeJwt } from '../support/jwt';

/** A fetch that records every call and answers a job (no network in tests). */
function recordingFetch() {
  const calls: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(new Request(input, init));
    return Response.json({
      type: 'job',
      id: 'job-1',
      jobType: 'connection',
      steps: [{ title: 'verify-credentials', status: 'success', result: null }],
    });
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

describe('createBasiqClient (in Chromium)', () => {
  it('should refuse a SERVER_ACCESS token before anything reaches fetch', async () => {
    const { calls, fetch } = recordingFetch();
    const client = createBasiqClient({
      getToken: async () => makeJwt({ scope: 'SERVER_ACCESS' }),
      fetch,
    });
    await expect(client.getJob('job-1')).rejects.toBeInstanceOf(BasiqTokenScopeError);
    expect(calls).toHaveLength(0);
  });

  it('should decode a UTF-8 base64url payload with the browser’s atob and send the token as a bearer', async () => {
    const { calls, fetch } = recordingFetch();
    const token = clientToken('usér-ü?>~');
    const client = createBasiqClient({ getToken: async () => token, userId: 'usér-ü?>~', fetch });
    const job = await client.getJob('job-1');
    expect(job.phase).toBe('success');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://au-api.basiq.io/jobs/job-1');
    expect(calls[0]!.headers.get('authorization')).toBe(`Bearer ${token}`);
    expect(calls[0]!.headers.get('basiq-version')).toBe('3.0');
  });

  it('should fetch tokenUrl once for 50 concurrent calls, relative to the page', async () => {
    const tokenCalls: string[] = [];
    const { calls, fetch: apiFetch } = recordingFetch();
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new Request(input, init).url;
      if (url.endsWith('/api/basiq/token')) {
        tokenCalls.push(url);
        return Response.json({
          access_token: clientToken(),
          expires_in: 3600,
          token_type: 'Bearer',
        });
      }
      return apiFetch(input, init);
    }) as typeof globalThis.fetch;
    const client = createBasiqClient({ tokenUrl: '/api/basiq/token', fetch });
    await Promise.all(Array.from({ length: 50 }, () => client.getJob('job-1')));
    expect(tokenCalls).toEqual([`${location.origin}/api/basiq/token`]);
    expect(calls).toHaveLength(50);
  });

  it('should keep the consent state, not the token, in the real sessionStorage', async () => {
    sessionStorage.clear();
    const token = clientToken();
    const client = createBasiqClient({ getToken: async () => token });
    const url = new URL(await client.consentUrl({ action: 'connect' }));
    const state = url.searchParams.get('state')!;
    const redirect = parseConsentRedirect(`${location.origin}/return?jobIds=j-1&state=${state}`);
    expect(redirect).toEqual({ jobIds: ['j-1'], state });
    const stored = JSON.stringify({ ...sessionStorage });
    expect(stored).toContain(state);
    expect(stored).not.toContain(token);
    expect(localStorage.length).toBe(0);
  });
});
