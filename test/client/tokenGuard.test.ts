import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { BasiqTokenScopeError, createBasiqClient } from '../../src';
import { assertClientToken } from '../../src/client/tokenGuard';
import { clientToken, makeJwt } from '../support/jwt';
import { API, TOKEN_URL, rawJob, tokenEndpoint, useMswServer } from '../support/server';

const now = () => Math.floor(Date.now() / 1000);
const refused: Array<[string, string, string]> = [
  ['a SERVER_ACCESS token', makeJwt({ scope: 'SERVER_ACCESS', exp: now() + 3600 }), 'wrong-scope'],
  [
    'CLIENT_ACCESS in another case',
    makeJwt({ scope: 'client_access', exp: now() + 3600 }),
    'wrong-scope',
  ],
  ['a token with no scope', makeJwt({ userid: 'user-1', exp: now() + 3600 }), 'no-scope'],
  [
    'a scope string containing SERVER_ACCESS',
    makeJwt({ scope: 'CLIENT_ACCESS SERVER_ACCESS' }),
    'wrong-scope',
  ],
  [
    'a scope list containing SERVER_ACCESS',
    makeJwt({ scope: ['CLIENT_ACCESS', 'SERVER_ACCESS'] }),
    'wrong-scope',
  ],
  ['a token with a past exp', clientToken('user-1', -10), 'expired'],
  ['a token with a non-numeric exp', makeJwt({ scope: 'CLIENT_ACCESS', exp: 'never' }), 'expired'],
  ['an opaque (non-JWT) token', 'sk_live_0123456789abcdef', 'not-jwt'],
  ['a JWT whose payload is not JSON', 'eyJhbGciOiJub25lIn0.bm90IGpzb24.', 'not-jwt'],
  ['a JWT whose payload is an array', `x.${Buffer.from('[1]').toString('base64url')}.`, 'not-jwt'],
  ['a token with four segments', `${clientToken()}.extra`, 'not-jwt'],
];

describe('assertClientToken', () => {
  it.each(refused)('should refuse %s', (_name, token, reason) => {
    expect(() => assertClientToken(token)).toThrow(BasiqTokenScopeError);
    try {
      assertClientToken(token);
    } catch (error) {
      expect((error as BasiqTokenScopeError).reason).toBe(reason);
      expect((error as Error).message).not.toContain(token);
    }
  });

  it('should refuse a token bound to another user when userId is given', () => {
    expect(() => assertClientToken(clientToken('user-2'), { userId: 'user-1' })).toThrow(
      expect.objectContaining({ reason: 'user-mismatch' }),
    );
    expect(assertClientToken(clientToken('user-1'), { userId: 'user-1' }).userid).toBe('user-1');
  });

  it('should accept CLIENT_ACCESS payloads whose base64url uses - and _', () => {
    // Find a user id whose encoded payload needs both base64url-only characters.
    let token = '';
    for (let i = 0; i < 5000 && !/[-].*[_]|[_].*[-]/.test(token.split('.')[1] ?? ''); i++) {
      token = clientToken(`ü?~>${i}ÿ`);
    }
    const payload = token.split('.')[1]!;
    expect(payload).toMatch(/-/);
    expect(payload).toMatch(/_/);
    expect(assertClientToken(token).scope).toBe('CLIENT_ACCESS');
  });

  it('should accept a CLIENT_ACCESS token with no exp (the token endpoint says how long it lives)', () => {
    expect(assertClientToken(makeJwt({ scope: 'CLIENT_ACCESS' })).scope).toBe('CLIENT_ACCESS');
  });
});

describe('createBasiqClient (token guard)', () => {
  const msw = useMswServer();

  it.each(refused)('should send no request with %s from tokenUrl', async (_name, token, reason) => {
    msw.server.use(
      tokenEndpoint(() => ({ access_token: token, expires_in: 3600 })),
      http.get(`${API}/jobs/:id`, () => HttpResponse.json(rawJob())),
    );
    const client = createBasiqClient({ tokenUrl: TOKEN_URL });
    const error = await client.getJob('job-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqTokenScopeError);
    expect(error).toMatchObject({ reason });
    expect(msw.apiRequests()).toHaveLength(0);
    expect(JSON.stringify(error)).not.toContain(token);
  });

  it.each(refused)('should send no request with %s from getToken', async (_name, token) => {
    msw.server.use(http.get(`${API}/jobs/:id`, () => HttpResponse.json(rawJob())));
    const client = createBasiqClient({ getToken: async () => token });
    await expect(client.getJob('job-1')).rejects.toBeInstanceOf(BasiqTokenScopeError);
    await expect(client.submitMfa('job-1', ['123456'])).rejects.toBeInstanceOf(
      BasiqTokenScopeError,
    );
    await expect(client.consentUrl()).rejects.toBeInstanceOf(BasiqTokenScopeError);
    expect(msw.seen).toHaveLength(0);
  });

  it('should refuse a token for another user than userId, before any request', async () => {
    msw.server.use(
      tokenEndpoint(() => ({ access_token: clientToken('someone-else'), expires_in: 3600 })),
    );
    const client = createBasiqClient({ tokenUrl: TOKEN_URL, userId: 'user-1' });
    await expect(client.getConsents('user-1')).rejects.toMatchObject({ reason: 'user-mismatch' });
    expect(msw.apiRequests()).toHaveLength(0);
  });

  it('should send a valid CLIENT_ACCESS token as a bearer token with basiq-version 3.0', async () => {
    const token = clientToken('user-1');
    let headers: Headers | undefined;
    msw.server.use(
      tokenEndpoint(() => ({ access_token: token, expires_in: 3600, token_type: 'Bearer' })),
      http.get(`${API}/jobs/:id`, ({ request }) => {
        headers = request.headers;
        return HttpResponse.json(rawJob());
      }),
    );
    const client = createBasiqClient({ tokenUrl: TOKEN_URL, userId: 'user-1' });
    const job = await client.getJob('job-1');
    expect(job.id).toBe('job-1');
    expect(headers?.get('authorization')).toBe(`Bearer ${token}`);
    expect(headers?.get('basiq-version')).toBe('3.0');
  });

  it('should never send a held token past its exp, fetching a new one instead', async () => {
    // The endpoint says an hour, but the first token's exp claim says 2 s: the claim wins.
    const tokens = [clientToken('user-1', 2), clientToken('user-1', 3600)];
    msw.server.use(
      tokenEndpoint(() => ({ access_token: tokens.shift(), expires_in: 3600 })),
      http.get(`${API}/jobs/:id`, () => HttpResponse.json(rawJob())),
    );
    const client = createBasiqClient({ tokenUrl: TOKEN_URL, refreshSkewMs: 0 });
    await client.getJob('job-1');
    const first = msw.apiRequests()[0]!.authorization;
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 5_000);
    await client.getJob('job-1');
    expect(msw.tokenRequests()).toHaveLength(2);
    expect(msw.apiRequests()[1]!.authorization).not.toBe(first);
  });
});
