import { describe, expect, it } from 'vitest';
import { BasiqApiError, normalizeJob } from '../../src';
import { setupMswServer } from '../support/server';
import { API, createSetup, OTP_PROMPT, RIGHT, statuses, USER } from './scenariosFixtures';

const server = setupMswServer();
const setup = createSetup(server);

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );

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
