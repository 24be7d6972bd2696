import { describe, expect, it } from 'vitest';
import { BasiqApiError } from '../../../src';
import { MINUTE, DAY, call, clientFor, rejection, setupMockBasiq } from '../../support/mockBasiq';

const { mockBasiq } = setupMockBasiq();

describe('createBasiqMock (consents)', () => {
  it('should list the consent created with a job', async () => {
    const control = mockBasiq();
    control.createJob({ userId: 'u1' });
    const { client } = clientFor(control, 'u1');
    const consents = await client.getConsents('u1');
    expect(consents).toHaveLength(1);
    const consent = consents[0]!;
    expect(consent).toMatchObject({
      type: 'consent',
      status: 'active',
      origin: 'user',
      purpose: { primary: { title: expect.any(String), description: expect.any(String) } },
      data: {
        permissions: expect.arrayContaining([
          expect.objectContaining({ scope: 'account.basic', consented: true }),
          expect.objectContaining({ scope: 'transaction.detail' }),
        ]),
      },
    });
    expect(consent).not.toHaveProperty('revoked');
    expect(Date.parse(consent.created!)).toBe(Math.floor(control.now() / 1000) * 1000);
    expect(Date.parse(consent.expiryDate!) - Date.parse(consent.created!)).toBe(365 * DAY);
  });

  it('should reuse the active consent for a second connection', async () => {
    const control = mockBasiq();
    control.createJob({ userId: 'u1' });
    control.createJob({ userId: 'u1', institutionId: 'AU00001' });
    const { client } = clientFor(control, 'u1');
    expect(await client.getConsents('u1')).toHaveLength(1);
  });

  it('should revoke a consent: revoked status and date, connection removed, events emitted', async () => {
    const control = mockBasiq();
    const { jobId, connectionId } = control.createJob({ userId: 'u1' });
    const { client } = clientFor(control, 'u1');
    expect((await client.getJob(jobId)).connectionId).toBe(connectionId);
    const [consent] = await client.getConsents('u1');

    control.advance(MINUTE);
    await expect(client.revokeConsent('u1', consent!.id!)).resolves.toBeUndefined();
    expect(control.requests().at(-1)).toMatchObject({ method: 'DELETE', status: 204 });

    const [revoked] = await client.getConsents('u1');
    expect(revoked).toMatchObject({ id: consent!.id, status: 'revoked' });
    expect(Date.parse((revoked as { revoked?: string }).revoked!)).toBe(
      Math.floor(control.now() / 1000) * 1000,
    );

    // The job loses its source; its finished steps still name the connection they made.
    const job = await client.getJob(jobId);
    expect(job.links.source).toBeUndefined();
    expect(job.steps[0]!.result).toEqual({
      type: 'link',
      url: `/users/u1/connections/${connectionId}`,
    });

    const refresh = await call(`/users/u1/connections/${connectionId}/refresh`, {
      method: 'POST',
      token: control.clientToken('u1'),
    });
    expect(refresh.status).toBe(404);

    const events = (await (
      await call("/events?filter=user.id.eq('u1')", { token: control.serverToken() })
    ).json()) as { data: Array<{ entity: string; eventType: string; data: { id: string } }> };
    expect(events.data.slice(0, 2).map((e) => [`${e.entity}.${e.eventType}`, e.data.id])).toEqual([
      ['connection.deleted', connectionId],
      ['consent.revoked', consent!.id],
    ]);
  });

  it('should accept a second revocation without a second event', async () => {
    const control = mockBasiq();
    control.createJob({ userId: 'u1' });
    const { client } = clientFor(control, 'u1');
    const [consent] = await client.getConsents('u1');
    await client.revokeConsent('u1', consent!.id!);
    const firstRevoked = (await client.getConsents('u1'))[0] as { revoked?: string };
    control.advance(MINUTE);
    await expect(client.revokeConsent('u1', consent!.id!)).resolves.toBeUndefined();
    expect(((await client.getConsents('u1'))[0] as { revoked?: string }).revoked).toBe(
      firstRevoked.revoked,
    );
    const events = (await (
      await call("/events?filter=event.type.eq('consent.revoked')", {
        token: control.serverToken(),
      })
    ).json()) as { data: unknown[] };
    expect(events.data).toHaveLength(1);
  });

  it('should answer 404 to an unknown consent or another user’s consent', async () => {
    const control = mockBasiq();
    control.createJob({ userId: 'u1' });
    control.createUser({ id: 'u2' });
    const { client } = clientFor(control, 'u1');
    const error = await rejection(client.revokeConsent('u1', 'no-such-consent'));
    expect(error).toBeInstanceOf(BasiqApiError);
    expect(error).toMatchObject({ status: 404, code: 'resource-not-found' });

    const [consent] = await client.getConsents('u1');
    const other = await call(`/users/u2/consents/${consent!.id}`, {
      method: 'DELETE',
      token: control.clientToken('u2'),
    });
    expect(other.status).toBe(404);
    expect((await client.getConsents('u1'))[0]).toMatchObject({ status: 'active' });
  });

  it('should read a consent as expired after a year', async () => {
    const control = mockBasiq();
    control.createJob({ userId: 'u1' });
    control.advance(365 * DAY);
    const { client } = clientFor(control, 'u1');
    expect((await client.getConsents('u1'))[0]).toMatchObject({ status: 'expired' });
  });
});
