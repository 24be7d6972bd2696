import { describe, expect, it, beforeEach } from 'vitest';
import { createBasiqClient, parseConsentRedirect } from '../../src';
import { isIssuedConsentState } from '../../src/client/consentState';
import { clientToken } from '../support/jwt';

describe('BasiqClient.consentUrl', () => {
  beforeEach(() => sessionStorage.clear());

  it('should build the consent UI URL with a fresh token, the action and a remembered random state', async () => {
    const token = clientToken('user-1');
    const client = createBasiqClient({ getToken: async () => token });
    const url = new URL(await client.consentUrl({ action: 'connect', institutionId: 'AU00000' }));
    expect(`${url.origin}${url.pathname}`).toBe('https://consent.basiq.io/home');
    expect(url.searchParams.get('token')).toBe(token);
    expect(url.searchParams.get('action')).toBe('connect');
    expect(url.searchParams.get('institutionId')).toBe('AU00000');
    const state = url.searchParams.get('state')!;
    expect(state).toMatch(/^[0-9a-f]{32}$/);
    expect(isIssuedConsentState(state)).toBe(true);
    expect(isIssuedConsentState('forged')).toBe(false);
  });

  it('should keep only the state in sessionStorage, never the token', async () => {
    const token = clientToken('user-1');
    const client = createBasiqClient({ getToken: async () => token });
    await client.consentUrl();
    await client.consentUrl({ state: 'mine' });
    const stored = Object.keys(sessionStorage).map(
      (key) => `${key}=${sessionStorage.getItem(key)}`,
    );
    expect(stored.join()).toContain('mine');
    expect(stored.join()).not.toContain(token.split('.')[1]);
    expect(localStorage.length).toBe(0);
    expect(document.cookie).toBe('');
  });

  it('should issue a new state each time', async () => {
    const client = createBasiqClient({ getToken: async () => clientToken() });
    const states = await Promise.all(
      [1, 2, 3].map(async () => new URL(await client.consentUrl()).searchParams.get('state')),
    );
    expect(new Set(states).size).toBe(3);
  });

  it('should use consentBaseUrl (the mock’s stand-in page) when given', async () => {
    const client = createBasiqClient({
      getToken: async () => clientToken(),
      consentBaseUrl: 'http://127.0.0.1:4010/consent/',
    });
    expect(await client.consentUrl()).toMatch(/^http:\/\/127\.0\.0\.1:4010\/consent\/home\?token=/);
  });
});

describe('parseConsentRedirect', () => {
  it('should read jobId, jobIds and state from the return URL', () => {
    expect(
      parseConsentRedirect('https://app.example/done?jobIds=j-1,j-2&jobId=j-1&state=abc'),
    ).toEqual({
      jobIds: ['j-1', 'j-2'],
      state: 'abc',
    });
  });

  it('should treat a missing or null jobId as nothing connected', () => {
    expect(parseConsentRedirect('https://app.example/done?jobId=null&state=s')).toEqual({
      jobIds: [],
      state: 's',
    });
    expect(parseConsentRedirect('https://app.example/done')).toEqual({ jobIds: [], state: null });
    expect(parseConsentRedirect('not a url at all')).toEqual({ jobIds: [], state: null });
  });

  it('should drop ids that are not plain identifiers', () => {
    const url = `https://app.example/done?jobIds=${encodeURIComponent('ok-1,<script>,../x, ,ok_2')}`;
    expect(parseConsentRedirect(url).jobIds).toEqual(['ok-1', 'ok_2']);
  });

  it('should accept a relative URL and a URL object', () => {
    expect(parseConsentRedirect('/done?jobId=j-9').jobIds).toEqual(['j-9']);
    expect(parseConsentRedirect(new URL('https://a.example/?jobId=j-8')).jobIds).toEqual(['j-8']);
  });
});
