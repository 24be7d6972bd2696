import { describe, expect, it } from 'vitest';
import { BasiqApiError } from '../../../src';
import {
  SECOND,
  DAY,
  call,
  firstError,
  clientFor,
  rejection,
  setupMockBasiq,
} from '../../support/mockBasiq';

const { mockBasiq } = setupMockBasiq();

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
