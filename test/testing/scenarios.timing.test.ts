import { describe, expect, it, vi } from 'vitest';
import { createBasiqClient } from '../../src';
import type { JobPhase } from '../../src';
import { createBasiqMock } from '../../src/testing';
import { setupMswServer } from '../support/server';
import { API, createSetup, iso, OTP_PROMPT, RIGHT, statuses, USER } from './scenariosFixtures';

const server = setupMswServer();
const setup = createSetup(server);

describe('createBasiqMock job timing', () => {
  it('should follow the reference timeline by default', async () => {
    const { control, client, at, start } = setup();
    const { jobId } = control.createJob({ userId: USER, scenario: 'mfa-token' });
    const expectAt = async (ms: number, phase: JobPhase, steps: string[]) => {
      at(ms);
      const job = await client.getJob(jobId);
      expect({ ms, phase: job.phase, steps: job.steps.map((s) => s.status) }).toEqual({
        ms,
        phase,
        steps,
      });
      return job;
    };
    let job = await expectAt(0, 'in-progress', ['in-progress', 'pending', 'pending', 'pending']);
    expect(job.created).toBe(iso(start));
    await expectAt(4299, 'in-progress', ['in-progress', 'pending', 'pending', 'pending']);
    job = await expectAt(4300, 'mfa-required', ['success', 'in-progress', 'pending', 'pending']);
    expect(job.updated).toBe(iso(start + 4300));
    expect(job.mfa).toEqual({
      jobId,
      method: 'token',
      description: 'A SMS code has been sent to your device, please enter valid number.',
      prompts: [OTP_PROMPT],
      expiresInMs: 120_000,
      responseUrl: `${API}/jobs/${jobId}/mfa`,
    });
    // The user answers 10 s later; checking the answer takes 1 s.
    at(14_300);
    await expect(client.submitMfa(jobId, [RIGHT])).resolves.toEqual({ jobId });
    job = await expectAt(14_300, 'in-progress', ['success', 'in-progress', 'pending', 'pending']);
    expect(job.mfa).toBeUndefined();
    expect(job.steps[1]!.result).toBeNull();
    await expectAt(15_299, 'in-progress', ['success', 'in-progress', 'pending', 'pending']);
    job = await expectAt(15_300, 'in-progress', ['success', 'success', 'in-progress', 'pending']);
    expect(job.updated).toBe(iso(start + 15_300));
    await expectAt(21_499, 'in-progress', ['success', 'success', 'in-progress', 'pending']);
    await expectAt(21_500, 'in-progress', ['success', 'success', 'success', 'in-progress']);
    job = await expectAt(51_999, 'in-progress', ['success', 'success', 'success', 'in-progress']);
    expect(job.updated).toBe(iso(start + 21_500));
    job = await expectAt(52_000, 'success', ['success', 'success', 'success', 'success']);
    expect(job.updated).toBe(iso(start + 52_000));
    // Terminal: nothing changes later.
    job = await expectAt(600_000, 'success', ['success', 'success', 'success', 'success']);
    expect(job.updated).toBe(iso(start + 52_000));
  });

  it('should take stepMs as one duration for every step, MFA check included', async () => {
    const { control, client, at } = setup();
    const { jobId } = control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: 250 });
    at(249);
    expect((await client.getJob(jobId)).phase).toBe('in-progress');
    at(250);
    expect((await client.getJob(jobId)).phase).toBe('mfa-required');
    await client.submitMfa(jobId, [RIGHT]);
    at(499);
    expect(statuses(await client.getJob(jobId))[1]).toBe('mfa-challenge:in-progress');
    at(500);
    expect(statuses(await client.getJob(jobId))).toEqual([
      'verify-credentials:success',
      'mfa-challenge:success',
      'retrieve-accounts:in-progress',
      'retrieve-transactions:pending',
    ]);
    at(999);
    expect((await client.getJob(jobId)).phase).toBe('in-progress');
    at(1000);
    expect((await client.getJob(jobId)).phase).toBe('success');
  });

  it('should take stepMs per step title and keep the defaults for the others', async () => {
    const { control, client, at } = setup();
    const { jobId } = control.createJob({
      userId: USER,
      stepMs: { 'verify-credentials': 10, 'retrieve-accounts': 20 },
    });
    at(9);
    expect(statuses(await client.getJob(jobId))[0]).toBe('verify-credentials:in-progress');
    at(10);
    expect(statuses(await client.getJob(jobId))[1]).toBe('retrieve-accounts:in-progress');
    at(30);
    expect(statuses(await client.getJob(jobId))[2]).toBe('retrieve-transactions:in-progress');
    at(30 + 30_499);
    expect((await client.getJob(jobId)).phase).toBe('in-progress');
    at(30 + 30_500);
    expect((await client.getJob(jobId)).phase).toBe('success');

    const mfa = control.createJob({
      userId: USER,
      scenario: 'mfa-token',
      stepMs: { 'verify-credentials': 10, 'mfa-verify': 50 },
    });
    at(30_530 + 10);
    expect((await client.getJob(mfa.jobId)).phase).toBe('mfa-required');
    await client.submitMfa(mfa.jobId, [RIGHT]);
    at(30_540 + 49);
    expect((await client.getJob(mfa.jobId)).steps[1]!.status).toBe('in-progress');
    at(30_540 + 50);
    expect((await client.getJob(mfa.jobId)).steps[1]!.status).toBe('success');
  });
});

describe('createBasiqMock real clock', () => {
  it('should move jobs forward with Date when the clock is real', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.parse('2025-03-01T10:00:00Z');
    vi.setSystemTime(t0);
    const { handlers, control } = createBasiqMock();
    server.use(...handlers);
    const client = createBasiqClient({
      getToken: async () => control.clientToken(USER),
      retry: { attempts: 1 },
    });
    const { jobId } = control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: 1000 });
    expect(control.now()).toBe(t0);
    expect(await client.getJob(jobId)).toMatchObject({
      phase: 'in-progress',
      created: '2025-03-01T10:00:00Z',
    });
    vi.setSystemTime(t0 + 1000);
    expect((await client.getJob(jobId)).phase).toBe('mfa-required');
    await client.submitMfa(jobId, [RIGHT]);
    // advance() adds to Date on a real clock.
    control.advance(1000);
    expect(control.now()).toBe(t0 + 2000);
    vi.setSystemTime(t0 + 3000);
    expect(await client.getJob(jobId)).toMatchObject({
      phase: 'success',
      updated: '2025-03-01T10:00:04Z',
    });
  });
});
