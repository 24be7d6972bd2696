import { describe, expect, it } from 'vitest';
import {
  BASE,
  MINUTE,
  call,
  postToken,
  firstError,
  claimsOf,
  setupMockBasiq,
} from '../../support/mockBasiq';

const { mockBasiq } = setupMockBasiq();

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
