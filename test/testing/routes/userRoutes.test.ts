import { describe, expect, it } from 'vitest';
import { BASE, call, postToken, firstError, setupMockBasiq } from '../../support/mockBasiq';

const { mockBasiq } = setupMockBasiq();

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
