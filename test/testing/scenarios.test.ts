import { describe, expect, it, vi } from 'vitest';
import { BasiqApiError, createBasiqClient, normalizeJob } from '../../src';
import type { Job, JobPhase } from '../../src';
import { createBasiqMock, SCENARIOS } from '../../src/testing';
import type { BasiqMockOptions, MockScenario } from '../../src/testing';
import { setupMswServer } from '../support/server';

const API = 'https://au-api.basiq.io';
const USER = 'u1';
const RIGHT = '123456';
const OTP_PROMPT = 'We sent a code by SMS to your mobile number XXXX XXX 178.';
const DAY = 86_400_000;

const server = setupMswServer();

type Raw = Record<string, unknown> & {
  steps: Array<{ title: string; status: string; result: unknown }>;
};

/** A fresh mock on a manual clock, a client for USER and a raw (SERVER_ACCESS) job reader. */
function setup(options: BasiqMockOptions = {}) {
  const { handlers, control } = createBasiqMock({ clock: 'manual', ...options });
  server.use(...handlers);
  const client = createBasiqClient({
    getToken: async () => control.clientToken(USER),
    retry: { attempts: 1 },
  });
  /** `GET /jobs/{id}` as Basiq sends it, read with a SERVER_ACCESS token. */
  async function raw(jobId: string): Promise<Raw> {
    const response = await fetch(`${API}/jobs/${jobId}`, {
      headers: { authorization: `Bearer ${control.serverToken()}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Raw;
  }
  /** A POST with a CLIENT_ACCESS token of USER. */
  async function post(path: string, body?: unknown) {
    const response = await fetch(`${API}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${control.clientToken(USER)}`,
        'content-type': 'application/json',
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  const start = control.now();
  /** Moves the mock clock to `ms` after setup. */
  const at = (ms: number) => {
    const elapsed = control.now() - start;
    expect(ms).toBeGreaterThanOrEqual(elapsed);
    control.advance(ms - elapsed);
  };
  return { control, client, raw, post, at, start };
}

const statuses = (job: Job) => job.steps.map((s) => `${s.title}:${s.status}`);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );

const CONNECTION = ['verify-credentials', 'retrieve-accounts', 'retrieve-transactions'];
const WITH_MFA = [
  'verify-credentials',
  'mfa-challenge',
  'retrieve-accounts',
  'retrieve-transactions',
];
const ASKS: JobPhase[] = ['in-progress', 'mfa-required', 'in-progress', 'success'];

interface Expectation {
  jobType: string;
  titles: string[];
  /** The distinct phases seen in order, polling every 50 ms with 100 ms steps. */
  phases: JobPhase[];
  failure?: { step: string; code: string };
  mfa?: { method: string; prompts: number };
  /** Whether the normalized job names the connection. */
  namesConnection: boolean;
}

const EXPECTED: Record<MockScenario, Expectation> = {
  success: {
    jobType: 'connection',
    titles: CONNECTION,
    phases: ['in-progress', 'success'],
    namesConnection: true,
  },
  'mfa-token': {
    jobType: 'connection',
    titles: WITH_MFA,
    phases: ASKS,
    mfa: { method: 'token', prompts: 1 },
    namesConnection: true,
  },
  'mfa-questions': {
    jobType: 'connection',
    titles: WITH_MFA,
    phases: ASKS,
    mfa: { method: 'security-questions', prompts: 3 },
    namesConnection: true,
  },
  'mfa-wrong-then-right': {
    jobType: 'connection',
    titles: WITH_MFA,
    phases: [
      'in-progress',
      'mfa-required',
      'in-progress',
      'mfa-required',
      'in-progress',
      'success',
    ],
    mfa: { method: 'token', prompts: 1 },
    namesConnection: true,
  },
  'invalid-credentials': {
    jobType: 'connection',
    titles: CONNECTION,
    phases: ['in-progress', 'failed'],
    failure: { step: 'verify-credentials', code: 'invalid-credentials' },
    namesConnection: true,
  },
  'user-action-required': {
    jobType: 'connection',
    titles: CONNECTION,
    phases: ['in-progress', 'failed'],
    failure: { step: 'verify-credentials', code: 'account-not-accessible-requires-user-action' },
    namesConnection: true,
  },
  'service-unavailable': {
    jobType: 'connection',
    titles: CONNECTION,
    phases: ['in-progress', 'failed'],
    failure: { step: 'verify-credentials', code: 'service-unavailable' },
    namesConnection: true,
  },
  statement: {
    jobType: 'statement',
    titles: ['verify-credentials', 'retrieve-accounts', 'retrieve-statements'],
    phases: ['in-progress', 'success'],
    namesConnection: true,
  },
  report: {
    jobType: 'report',
    titles: ['create-report'],
    phases: ['in-progress', 'success'],
    namesConnection: false,
  },
  'array-result': {
    jobType: 'connection',
    titles: WITH_MFA,
    phases: ASKS,
    mfa: { method: 'token', prompts: 1 },
    namesConnection: true,
  },
};

describe('createBasiqMock scenarios', () => {
  it('should have an expectation for every scenario it exports', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...SCENARIOS].sort());
    expect(SCENARIOS).toHaveLength(10);
  });

  it.each(SCENARIOS)('should drive a %s job to its terminal state', async (scenario) => {
    const expected = EXPECTED[scenario];
    const { control, client } = setup();
    const { jobId, connectionId } = control.createJob({ userId: USER, scenario, stepMs: 100 });
    expect(connectionId).toEqual(expect.any(String));
    const phases: JobPhase[] = [];
    let job = await client.getJob(jobId);
    for (let poll = 0; poll < 40; poll++) {
      if (phases.at(-1) !== job.phase) phases.push(job.phase);
      expect(job).toMatchObject({ id: jobId, jobType: expected.jobType });
      expect(job.steps.map((s) => s.title)).toEqual(expected.titles);
      expect(job.connectionId).toBe(expected.namesConnection ? connectionId : undefined);
      // Steps run in order: done ones, then at most one running (or failed) one, then pending.
      const open = job.steps.findIndex((s) => s.status !== 'success');
      if (open >= 0) {
        expect(['in-progress', 'failed', 'pending']).toContain(job.steps[open]!.status);
        expect(job.steps.slice(open + 1).every((s) => s.status === 'pending')).toBe(true);
      }
      if (job.phase === 'mfa-required') {
        expect(job.mfa).toMatchObject({ jobId, method: expected.mfa?.method });
        expect(job.mfa!.prompts).toHaveLength(expected.mfa!.prompts);
        await client.submitMfa(
          jobId,
          job.mfa!.prompts.map(() => RIGHT),
        );
      } else {
        expect(job.mfa).toBeUndefined();
      }
      if (job.isTerminal) break;
      control.advance(50);
      job = await client.getJob(jobId);
    }
    expect(phases).toEqual(expected.phases);
    expect(job.isTerminal).toBe(true);
    if (expected.failure) {
      expect(job.failure).toMatchObject(expected.failure);
      expect(job.failure!.title).toEqual(expect.any(String));
      expect(job.failure!.detail).toEqual(expect.any(String));
      expect(job.steps.map((s) => s.status)).toEqual(['failed', 'pending', 'pending']);
      expect(job.steps[0]!.result).toMatchObject({ type: 'error', code: expected.failure.code });
    } else {
      expect(job.failure).toBeUndefined();
      expect(job.steps.every((s) => s.status === 'success')).toBe(true);
    }
  });

  it('should end each step with a link to the data it retrieved', async () => {
    const { control, client, at } = setup();
    const { jobId, connectionId } = control.createJob({ userId: USER, stepMs: 10 });
    at(30);
    const job = await client.getJob(jobId);
    expect(job.phase).toBe('success');
    const bank = "?filter=institution.id.eq('AU00000')";
    expect(job.steps.map((s) => s.result)).toEqual([
      { type: 'link', url: `/users/${USER}/connections/${connectionId}` },
      { type: 'link', url: `/users/${USER}/accounts${bank}` },
      { type: 'link', url: `/users/${USER}/transactions${bank}` },
    ]);
    expect(job.links).toEqual({
      self: `${API}/jobs/${jobId}`,
      source: `${API}/users/${USER}/connections/${connectionId}`,
    });
  });
});

describe('createBasiqMock job timing', () => {
  it('should follow the reference timeline of DESIGN §9 by default', async () => {
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

describe('createBasiqMock MFA', () => {
  it('should check a right answer, then go on to success with the challenge kept on its step', async () => {
    const { control, client, raw, at } = setup();
    const { jobId } = control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: 100 });
    at(100);
    await client.submitMfa(jobId, [RIGHT]);
    let job = await client.getJob(jobId);
    // No challenge while the answer is being checked.
    expect(job.phase).toBe('in-progress');
    expect(job.steps[1]).toEqual({ title: 'mfa-challenge', status: 'in-progress', result: null });
    expect(job.mfa).toBeUndefined();
    at(200);
    job = await client.getJob(jobId);
    expect(job.phase).toBe('in-progress');
    expect(job.mfa).toBeUndefined();
    expect(job.steps[1]).toMatchObject({
      title: 'mfa-challenge',
      status: 'success',
      result: { type: 'mfa', challenge: { method: 'token', prompts: [OTP_PROMPT] } },
    });
    at(400);
    job = await client.getJob(jobId);
    expect(job.phase).toBe('success');
    expect(job.mfa).toBeUndefined();
    expect(job.steps[1]!.result).toMatchObject({ type: 'mfa' });
    expect((await raw(jobId)).steps[1]).toMatchObject({
      status: 'success',
      result: { type: 'mfa', method: 'token', input: [OTP_PROMPT] },
    });
  });

  it('should ask again after a wrong answer and fail after three wrong answers', async () => {
    const { control, client, at, post } = setup();
    const { jobId } = control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: 100 });
    at(100);
    for (const [i, t] of [100, 200, 300].entries()) {
      at(t);
      expect((await client.getJob(jobId)).phase).toBe('mfa-required');
      await client.submitMfa(jobId, ['000000']);
      at(t + 50);
      const checking = await client.getJob(jobId);
      expect(checking.phase).toBe('in-progress');
      expect(checking.mfa).toBeUndefined();
      if (i < 2) {
        at(t + 100);
        const again = await client.getJob(jobId);
        expect(again.phase).toBe('mfa-required');
        expect(again.mfa?.prompts).toEqual([OTP_PROMPT]);
      }
    }
    at(400);
    const job = await client.getJob(jobId);
    expect(job.phase).toBe('failed');
    expect(job.isTerminal).toBe(true);
    expect(job.mfa).toBeUndefined();
    expect(job.failure).toMatchObject({
      step: 'mfa-challenge',
      code: 'invalid-credentials',
      detail: 'Too many wrong MFA answers. Please connect again.',
    });
    expect(statuses(job).slice(1)).toEqual([
      'mfa-challenge:failed',
      'retrieve-accounts:pending',
      'retrieve-transactions:pending',
    ]);
    // A failed job takes no more answers.
    const late = await post(`/jobs/${jobId}/mfa`, { 'mfa-response': [RIGHT] });
    expect(late.status).toBe(400);
  });

  it('should reject the first answer of mfa-wrong-then-right even when it is right', async () => {
    const { control, client, at } = setup();
    const { jobId } = control.createJob({
      userId: USER,
      scenario: 'mfa-wrong-then-right',
      stepMs: 100,
    });
    at(100);
    await client.submitMfa(jobId, [RIGHT]);
    at(200);
    expect((await client.getJob(jobId)).phase).toBe('mfa-required');
    await client.submitMfa(jobId, [RIGHT]);
    at(300);
    expect((await client.getJob(jobId)).steps[1]!.status).toBe('success');
    at(500);
    expect((await client.getJob(jobId)).phase).toBe('success');
  });

  it('should accept the answer set by the mfaAnswer option only', async () => {
    const { control, client, at } = setup({ mfaAnswer: '4242' });
    const { jobId } = control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: 100 });
    at(100);
    await client.submitMfa(jobId, [RIGHT]);
    at(200);
    expect((await client.getJob(jobId)).phase).toBe('mfa-required');
    await client.submitMfa(jobId, ['4242']);
    at(300);
    expect((await client.getJob(jobId)).steps[1]!.status).toBe('success');
  });

  it('should need one answer per security question and change nothing on a wrong count', async () => {
    const { control, client, raw, at } = setup();
    const { jobId } = control.createJob({ userId: USER, scenario: 'mfa-questions', stepMs: 100 });
    at(100);
    const job = await client.getJob(jobId);
    expect(job.mfa).toMatchObject({
      method: 'security-questions',
      prompts: [
        'What was the name of your first pet?',
        'In which city were you born?',
        'What is your favourite colour?',
      ],
    });
    const before = await raw(jobId);
    for (const answers of [[RIGHT], [RIGHT, RIGHT], [RIGHT, RIGHT, RIGHT, RIGHT]]) {
      const error = await rejection(client.submitMfa(jobId, answers));
      expect(error).toBeInstanceOf(BasiqApiError);
      expect(error).toMatchObject({ status: 400, code: 'parameter-not-valid' });
      expect((error as BasiqApiError).errors[0]?.source).toEqual({ parameter: 'mfa-response' });
    }
    expect(await raw(jobId)).toEqual(before);
    // One wrong answer among three is a wrong answer.
    await client.submitMfa(jobId, [RIGHT, 'Paris', RIGHT]);
    at(200);
    expect((await client.getJob(jobId)).phase).toBe('mfa-required');
    await client.submitMfa(jobId, [RIGHT, RIGHT, RIGHT]);
    at(300);
    expect((await client.getJob(jobId)).steps[1]!.status).toBe('success');
    at(500);
    expect((await client.getJob(jobId)).phase).toBe('success');
  });

  it('should refuse MFA answers with 400 when the job is not waiting for one', async () => {
    const { control, client, at, post } = setup();
    const { jobId } = control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: 100 });
    const notWaiting = async () => {
      const error = await rejection(client.submitMfa(jobId, [RIGHT]));
      expect(error).toBeInstanceOf(BasiqApiError);
      expect(error).toMatchObject({ status: 400 });
      expect((error as BasiqApiError).errors[0]?.detail).toMatch(/not waiting/);
    };
    await notWaiting(); // verify-credentials still running
    at(100);
    await client.submitMfa(jobId, [RIGHT]);
    await notWaiting(); // the answer is being checked
    at(400);
    expect((await client.getJob(jobId)).phase).toBe('success');
    await notWaiting(); // done
    const plain = control.createJob({ userId: USER, stepMs: 100 });
    at(450);
    const response = await post(`/jobs/${plain.jobId}/mfa`, { 'mfa-response': [RIGHT] });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: 'list', data: [{ type: 'error' }] });
    expect((await post(`/jobs/nope/mfa`, { 'mfa-response': [RIGHT] })).status).toBe(404);
  });

  it('should fail an unanswered challenge with job-timed-out after mfaExpiryMs', async () => {
    const { control, client, at } = setup();
    const { jobId } = control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: 100 });
    at(100 + 119_999);
    expect((await client.getJob(jobId)).phase).toBe('mfa-required');
    at(100 + 120_000);
    const job = await client.getJob(jobId);
    expect(job.phase).toBe('failed');
    expect(job.mfa).toBeUndefined();
    expect(job.failure).toMatchObject({ step: 'mfa-challenge', code: 'job-timed-out' });
    const error = await rejection(client.submitMfa(jobId, [RIGHT]));
    expect(error).toMatchObject({ status: 400 });
  });

  it('should count the expiry from when each challenge appeared, with a custom mfaExpiryMs', async () => {
    const { control, client, at } = setup({ mfaExpiryMs: 5000 });
    const { jobId } = control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: 100 });
    at(100);
    expect((await client.getJob(jobId)).mfa?.expiresInMs).toBe(5000);
    at(4000);
    await client.submitMfa(jobId, ['000000']); // asked again at 4100
    at(5100);
    expect((await client.getJob(jobId)).phase).toBe('mfa-required');
    at(9099);
    expect((await client.getJob(jobId)).phase).toBe('mfa-required');
    at(9100);
    expect((await client.getJob(jobId)).failure).toMatchObject({ code: 'job-timed-out' });
  });

  it('should send array-result challenges as an array, one more after each wrong answer', async () => {
    const { control, client, raw, at } = setup();
    const { jobId } = control.createJob({ userId: USER, scenario: 'array-result', stepMs: 100 });
    at(100);
    let step = (await raw(jobId)).steps[1]!;
    expect(step.status).toBe('in-progress');
    expect(step.result).toEqual([
      {
        type: 'mfa',
        method: 'token',
        description: expect.any(String),
        input: [OTP_PROMPT],
        expiryMs: 120_000,
        links: { response: `${API}/jobs/${jobId}/mfa` },
      },
    ]);
    await client.submitMfa(jobId, ['000000']);
    at(200);
    const body = await raw(jobId);
    step = body.steps[1]!;
    expect(step.result).toHaveLength(2);
    const job = normalizeJob(body);
    expect(job.phase).toBe('mfa-required');
    expect(job.mfa).toEqual(
      expect.objectContaining({ jobId, method: 'token', prompts: [OTP_PROMPT] }),
    );
    expect(await client.getJob(jobId)).toEqual(job);
    await client.submitMfa(jobId, [RIGHT]);
    at(300);
    step = (await raw(jobId)).steps[1]!;
    expect(step.status).toBe('success');
    expect(step.result).toHaveLength(2);
    at(500);
    const done = await client.getJob(jobId);
    expect(done.phase).toBe('success');
    expect(done.mfa).toBeUndefined();
  });
});

describe('createBasiqMock statement and report jobs', () => {
  it('should send statement jobs with createdDate, updatedDate and sourceId', async () => {
    const { control, client, raw, at, start } = setup();
    const { jobId, connectionId } = control.createJob({
      userId: USER,
      scenario: 'statement',
      stepMs: 1000,
    });
    let body = await raw(jobId);
    expect(body).toMatchObject({
      type: 'job',
      id: jobId,
      jobType: 'statement',
      createdDate: iso(start),
      updatedDate: iso(start),
      sourceId: connectionId,
      links: {
        self: `${API}/jobs/${jobId}`,
        source: `${API}/users/${USER}/connections/${connectionId}`,
      },
    });
    expect(body).not.toHaveProperty('created');
    expect(body).not.toHaveProperty('updated');
    at(3000);
    body = await raw(jobId);
    expect(body.updatedDate).toBe(iso(start + 3000));
    expect(body.steps.at(-1)).toEqual({
      title: 'retrieve-statements',
      status: 'success',
      result: { type: 'link', url: `/users/${USER}/statements` },
    });
    const job = await client.getJob(jobId);
    expect(job).toMatchObject({
      phase: 'success',
      jobType: 'statement',
      created: iso(start),
      updated: iso(start + 3000),
      connectionId,
    });
  });

  it('should send report jobs with a top-level status, partner ids and relative links', async () => {
    const { control, client, raw, at, start } = setup();
    const { jobId } = control.createJob({ userId: USER, scenario: 'report', stepMs: 1000 });
    let body = await raw(jobId);
    expect(body).toMatchObject({
      type: 'job',
      id: jobId,
      jobType: 'report',
      status: 'in-progress',
      partnerId: expect.any(String),
      applicationId: expect.any(String),
      created: iso(start),
      steps: [{ title: 'create-report', status: 'in-progress', result: null }],
      links: { self: `/jobs/${jobId}`, source: `/reports/${jobId}` },
    });
    expect((await client.getJob(jobId)).phase).toBe('in-progress');
    at(1000);
    body = await raw(jobId);
    expect(body).toMatchObject({
      status: 'success',
      updated: iso(start + 1000),
      steps: [{ status: 'success', result: { type: 'link', url: `/reports/${jobId}` } }],
    });
    expect(await client.getJob(jobId)).toMatchObject({
      phase: 'success',
      isTerminal: true,
      links: { self: `/jobs/${jobId}`, source: `/reports/${jobId}` },
    });
  });
});

describe('createBasiqMock connections and job lists', () => {
  it('should refresh an existing connection with control.createJob({ connectionId })', async () => {
    const { control, client, at } = setup();
    const first = control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: 100 });
    at(10);
    const again = control.createJob({ userId: USER, connectionId: first.connectionId });
    expect(again.jobId).not.toBe(first.jobId);
    expect(again.connectionId).toBe(first.connectionId);
    // The refresh plays the connection's scenario at its step durations.
    at(110);
    expect(await client.getJob(again.jobId)).toMatchObject({
      phase: 'mfa-required',
      connectionId: first.connectionId,
    });
    expect(() =>
      control.createJob({ userId: 'someone-else', connectionId: first.connectionId! }),
    ).toThrow(TypeError);
  });

  it('should list a user’s jobs newest first, filtered by connection', async () => {
    const { control, client, at } = setup();
    const a1 = control.createJob({ userId: USER, stepMs: 100 });
    at(10);
    const b1 = control.createJob({ userId: USER, scenario: 'invalid-credentials', stepMs: 100 });
    at(20);
    const a2 = control.createJob({ userId: USER, connectionId: a1.connectionId });
    control.createJob({ userId: 'u2', stepMs: 100 });
    at(500);
    const all = await client.listUserJobs(USER);
    expect(all.map((j) => j.id)).toEqual([a2.jobId, b1.jobId, a1.jobId]);
    const onA = await client.listUserJobs(USER, { connectionId: a1.connectionId! });
    expect(onA.map((j) => j.id)).toEqual([a2.jobId, a1.jobId]);
    expect(onA.every((j) => j.connectionId === a1.connectionId)).toBe(true);
    expect(onA.map((j) => j.phase)).toEqual(['success', 'success']);
    const onB = await client.listUserJobs(USER, { connectionId: b1.connectionId! });
    expect(onB).toMatchObject([{ id: b1.jobId, phase: 'failed' }]);
    expect(await client.listUserJobs(USER, { connectionId: 'unknown' })).toEqual([]);
  });

  it('should drop jobs older than 7 days from the list', async () => {
    const { control, client, at } = setup();
    const old = control.createJob({ userId: USER, stepMs: 100 });
    at(DAY);
    const recent = control.createJob({ userId: USER, connectionId: old.connectionId });
    at(7 * DAY - 1);
    expect((await client.listUserJobs(USER)).map((j) => j.id)).toEqual([recent.jobId, old.jobId]);
    at(7 * DAY + 1);
    expect((await client.listUserJobs(USER)).map((j) => j.id)).toEqual([recent.jobId]);
    expect(
      (await client.listUserJobs(USER, { connectionId: old.connectionId! })).map((j) => j.id),
    ).toEqual([recent.jobId]);
  });

  it('should answer a connection refresh with the running job, or a new one once it finished', async () => {
    const { control, client, post, at } = setup();
    const { jobId, connectionId } = control.createJob({
      userId: USER,
      scenario: 'mfa-token',
      stepMs: 100,
    });
    const path = `/users/${USER}/connections/${connectionId}/refresh`;
    let response = await post(path);
    expect(response).toEqual({
      status: 202,
      body: { type: 'job', id: jobId, links: { self: `${API}/jobs/${jobId}` } },
    });
    // A job waiting for MFA is still running.
    at(100);
    expect((await post(path)).body.id).toBe(jobId);
    await client.submitMfa(jobId, [RIGHT]);
    at(400);
    expect((await client.getJob(jobId)).phase).toBe('success');
    response = await post(path);
    expect(response.status).toBe(202);
    const next = String(response.body.id);
    expect(next).not.toBe(jobId);
    expect(response.body.links).toEqual({ self: `${API}/jobs/${next}` });
    expect((await post(path)).body.id).toBe(next);
    expect(await client.getJob(next)).toMatchObject({ phase: 'in-progress', connectionId });
    at(500);
    expect((await client.getJob(next)).phase).toBe('mfa-required');
    expect((await client.listUserJobs(USER, { connectionId })).map((j) => j.id)).toEqual([
      next,
      jobId,
    ]);
    expect((await post(`/users/${USER}/connections/unknown/refresh`)).status).toBe(404);
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
