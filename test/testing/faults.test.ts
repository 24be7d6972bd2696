import { describe, expect, it, vi } from 'vitest';
import { BasiqApiError, BasiqNetworkError, BasiqResponseError, createBasiqClient } from '../../src';
import {
  call,
  postToken,
  firstError,
  clientFor,
  rejection,
  setupMockBasiq,
} from '../support/mockBasiq';

const { mockBasiq } = setupMockBasiq();

describe('createBasiqMock (control: faults)', () => {
  it('should fail exactly the next n requests with the given status', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    const token = control.clientToken('u1');
    control.failNext(2, 503);
    const first = await call(`/jobs/${jobId}`, { token });
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBeNull();
    expect((await firstError(first)).code).toBe('service-unavailable');
    expect((await call(`/jobs/${jobId}`, { token })).status).toBe(503);
    expect((await call(`/jobs/${jobId}`, { token })).status).toBe(200);
    expect(control.requests().map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('should send Retry-After when asked', async () => {
    const control = mockBasiq({ users: ['u1'] });
    control.failNext(1, 429, { retryAfter: 7 });
    const response = await call('/users/u1/consents', { token: control.clientToken('u1') });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    const client = clientFor(control, 'u1').client;
    control.failNext(1, 503, { retryAfter: 'Wed, 21 Oct 2037 07:28:00 GMT' });
    const error = await rejection(client.getConsents('u1'));
    expect(error).toBeInstanceOf(BasiqApiError);
    expect((error as BasiqApiError).retryAfterMs).toBeGreaterThan(0);
  });

  it('should leave /token alone unless it is targeted', async () => {
    const control = mockBasiq({ users: ['u1'] });
    control.failNext(1, 500);
    expect((await postToken({ scope: 'SERVER_ACCESS' })).status).toBe(200);
    expect((await call('/users/u1/consents', { token: control.clientToken('u1') })).status).toBe(
      500,
    );
    control.failNext(1, 503, { path: '/token' });
    expect((await postToken({ scope: 'SERVER_ACCESS' })).status).toBe(503);
    expect((await postToken({ scope: 'SERVER_ACCESS' })).status).toBe(200);
  });

  it('should target a path prefix or a RegExp', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    const token = control.clientToken('u1');
    control.failNext(1, 500, { path: '/users' });
    expect((await call(`/jobs/${jobId}`, { token })).status).toBe(200);
    expect((await call('/users/u1/jobs', { token })).status).toBe(500);
    expect((await call('/users/u1/jobs', { token })).status).toBe(200);

    control.failNext(1, 502, { path: /\/mfa$/ });
    expect((await call(`/jobs/${jobId}`, { token })).status).toBe(200);
    const mfa = await call(`/jobs/${jobId}/mfa`, {
      method: 'POST',
      token,
      body: { 'mfa-response': ['123456'] },
    });
    expect(mfa.status).toBe(502);
  });

  it('should fail before checking the token', async () => {
    const control = mockBasiq();
    control.failNext(1, 503);
    expect((await call('/jobs/x')).status).toBe(503);
    expect((await call('/jobs/x')).status).toBe(401);
  });

  it('should drop the connection of the next n matching requests without running the route', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1', scenario: 'mfa-token', stepMs: 0 });
    const token = control.clientToken('u1');
    control.dropNext(2, { path: '/jobs' });
    const answer = () =>
      call(`/jobs/${jobId}/mfa`, { method: 'POST', token, body: { 'mfa-response': ['123456'] } });
    await expect(call('/users/u1/jobs', { token })).resolves.toMatchObject({ status: 200 });
    await expect(call(`/jobs/${jobId}`, { token })).rejects.toThrow(TypeError);
    await expect(answer()).rejects.toThrow(TypeError);
    // The dropped answer never reached the job: it still waits for one, and takes this one.
    expect((await answer()).status).toBe(202);
    expect(control.requests().map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'GET 0',
      'POST 0',
      'POST 202',
    ]);
  });

  it('should leave /token alone unless a drop targets it, and forget drops on reset', async () => {
    const control = mockBasiq();
    control.dropNext(1);
    expect((await postToken({ scope: 'SERVER_ACCESS' })).status).toBe(200);
    control.dropNext(1, { path: '/token' });
    await expect(postToken({ scope: 'SERVER_ACCESS' })).rejects.toThrow(TypeError);
    control.dropNext(1, { path: /^\/users/ });
    control.reset();
    const token = control.clientToken('u1');
    expect((await call('/users/u1/jobs', { token })).status).toBe(200);
  });

  it('should make createBasiqClient retry a GET after a drop, and throw BasiqNetworkError for a POST', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1', scenario: 'mfa-token', stepMs: 0 });
    const client = createBasiqClient({
      getToken: async () => control.clientToken('u1'),
      retry: { attempts: 2, baseDelayMs: 1 },
    });
    control.dropNext(1);
    await expect(client.getJob(jobId)).resolves.toMatchObject({ phase: 'mfa-required' });
    control.dropNext(1);
    const error = await rejection(client.submitMfa(jobId, ['123456']));
    expect(error).toBeInstanceOf(BasiqNetworkError);
    expect(error).toMatchObject({ reason: 'network', method: 'POST', path: `/jobs/${jobId}/mfa` });
    expect(control.requests().map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 0',
      'GET 200',
      'POST 0',
    ]);
  });

  it('should make createBasiqClient throw BasiqResponseError for each malformed body', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    const { client } = clientFor(control, 'u1');
    for (const kind of ['empty', 'html', 'truncated'] as const) {
      control.malformNext(kind);
      const error = await rejection(client.getJob(jobId));
      expect(error, kind).toBeInstanceOf(BasiqResponseError);
      expect(error).toMatchObject({ status: 200, method: 'GET', path: `/jobs/${jobId}` });
      expect((error as Error).message).toMatch(
        kind === 'empty' ? /an empty body/ : /a body that is not JSON/,
      );
    }
    // Used up: the next read is whole again.
    await expect(client.getJob(jobId)).resolves.toMatchObject({ id: jobId });
  });

  it('should malform the body over the wire but keep the status', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    const token = control.clientToken('u1');
    const whole = await (await call(`/jobs/${jobId}`, { token })).text();

    control.malformNext('empty');
    const empty = await call(`/jobs/${jobId}`, { token });
    expect([empty.status, await empty.text()]).toEqual([200, '']);

    control.malformNext('html');
    const html = await call(`/jobs/${jobId}`, { token });
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(await html.text()).toMatch(/^<!DOCTYPE html>/);

    control.malformNext('truncated');
    const truncated = await (await call(`/jobs/${jobId}`, { token })).text();
    expect(whole.startsWith(truncated)).toBe(true);
    expect(truncated.length).toBeLessThan(whole.length);

    control.malformNext('html');
    const notFound = await call('/jobs/no-such-job', { token });
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).toMatch(/<html>/);
  });

  it('should malform n responses of a targeted path only', async () => {
    const control = mockBasiq();
    const { jobId } = control.createJob({ userId: 'u1' });
    const token = control.clientToken('u1');
    control.malformNext('html', { path: '/users', n: 2 });
    const bodies = [
      await (await call(`/jobs/${jobId}`, { token })).text(),
      await (await call('/users/u1/jobs', { token })).text(),
      await (await call('/users/u1/jobs', { token })).text(),
      await (await call('/users/u1/jobs', { token })).text(),
    ];
    expect(bodies.map((b) => b.startsWith('<!DOCTYPE'))).toEqual([false, true, true, false]);
  });

  it('should delay every response by the latency set, and not after it is turned off', async () => {
    const control = mockBasiq({ users: ['u1'] });
    const token = control.clientToken('u1');
    control.setLatency(50);
    const started = performance.now();
    expect((await call('/users/u1/consents', { token })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);

    control.setLatency(0);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    // With timers faked, a delayed response would never arrive: this one must not wait.
    expect((await call('/users/u1/consents', { token })).status).toBe(200);
  });

  it('should hold a response until the latency has passed (fake timers)', async () => {
    const control = mockBasiq({ users: ['u1'] });
    const token = control.clientToken('u1');
    control.setLatency(1000);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let status = 0;
    const pending = call('/users/u1/consents', { token }).then((r) => (status = r.status));
    await vi.advanceTimersByTimeAsync(999);
    expect(status).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(status).toBe(200);
  });
});
