import { describe, it, expect } from 'vitest';
import { normalizeJob } from '../../src/client/normalizeJob';

const smsChallenge = {
  type: 'mfa',
  method: 'token',
  description: 'A SMS code has been sent to your device.',
  input: ['Enter the code we sent by SMS'],
  expiryMs: '90000',
  links: { response: 'https://au-api.basiq.io/jobs/j-mfa/mfa' },
};

function connectionJob(mfaStep: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    type: 'job',
    id: 'j-mfa',
    jobType: 'connection',
    steps: [
      { title: 'verify-credentials', status: 'success', result: null },
      { title: 'mfa-challenge', ...mfaStep },
      { title: 'retrieve-accounts', status: 'pending', result: null },
    ],
    links: { self: 'https://au-api.basiq.io/jobs/j-mfa' },
    ...extra,
  };
}

describe('normalizeJob', () => {
  describe('field-notes shapes', () => {
    it('should ask for MFA when a running step holds an MFA entry inside a result array', () => {
      const job = normalizeJob(
        connectionJob({
          status: 'in-progress',
          result: [{ type: 'link', url: '/users/u/connections/c1' }, smsChallenge],
        }),
      );
      expect(job.phase).toBe('mfa-required');
      expect(job.isTerminal).toBe(false);
      expect(job.mfa).toEqual({
        jobId: 'j-mfa',
        method: 'token',
        description: 'A SMS code has been sent to your device.',
        prompts: ['Enter the code we sent by SMS'],
        expiresInMs: 90000,
        responseUrl: 'https://au-api.basiq.io/jobs/j-mfa/mfa',
      });
    });

    it('should pick the last MFA entry of a result array', () => {
      const job = normalizeJob(
        connectionJob({
          status: 'in-progress',
          result: [smsChallenge, { ...smsChallenge, input: ['Enter the new code'] }],
        }),
      );
      expect(job.mfa?.prompts).toEqual(['Enter the new code']);
    });

    it('should recognise an MFA result without a type from its method and input', () => {
      const job = normalizeJob(
        connectionJob({ status: 'in-progress', result: { method: 'token', input: 'Code?' } }),
      );
      expect(job.phase).toBe('mfa-required');
      expect(job.mfa).toEqual({ jobId: 'j-mfa', method: 'token', prompts: ['Code?'] });
    });

    it('should prefer the error entry of a failed step whose result is an array', () => {
      const job = normalizeJob(
        connectionJob({
          status: 'failed',
          result: [smsChallenge, { code: 'invalid-credentials', title: 'Wrong' }],
        }),
      );
      expect(job.phase).toBe('failed');
      expect(job.failure).toEqual({
        step: 'mfa-challenge',
        code: 'invalid-credentials',
        title: 'Wrong',
      });
    });

    it('should read the schema spelling `details` as the detail', () => {
      const job = normalizeJob({
        id: 'j1',
        steps: [
          {
            title: 'verify-credentials',
            status: 'failed',
            result: { code: 'service-unavailable', title: 'Down', details: 'Try later' },
          },
        ],
      });
      expect(job.failure).toEqual({
        step: 'verify-credentials',
        code: 'service-unavailable',
        title: 'Down',
        detail: 'Try later',
      });
      expect(job.steps[0]?.result).toEqual({
        type: 'error',
        code: 'service-unavailable',
        title: 'Down',
        detail: 'Try later',
      });
    });

    it('should read a statement job with createdDate, updatedDate and sourceId', () => {
      const job = normalizeJob({
        type: 'job',
        id: 's1',
        jobType: 'statement',
        createdDate: '2024-09-25T04:28:59Z',
        updatedDate: '2024-09-25T04:29:09Z',
        sourceId: 'conn-42',
        steps: [{ title: 'verify-credentials', status: 'in-progress', result: null }],
        links: { self: '/jobs/s1' },
      });
      expect(job.created).toBe('2024-09-25T04:28:59Z');
      expect(job.updated).toBe('2024-09-25T04:29:09Z');
      expect(job.connectionId).toBe('conn-42');
      expect(job.phase).toBe('in-progress');
    });

    it('should pass unknown step titles through and read unknown statuses as unknown', () => {
      const job = normalizeJob({
        id: 'j2',
        steps: [
          { title: 'verify-identity', status: 'queued', result: null },
          { title: 'retrieve-accounts', status: 'IN_PROGRESS', result: null },
          { status: 'pending' },
        ],
      });
      expect(job.steps.map((s) => [s.title, s.status])).toEqual([
        ['verify-identity', 'unknown'],
        ['retrieve-accounts', 'in-progress'],
        ['unknown', 'pending'],
      ]);
      expect(job.phase).toBe('in-progress');
    });

    it('should count a skipped mfa-challenge step toward success', () => {
      const job = normalizeJob({
        id: 'j3',
        steps: [
          { title: 'verify-credentials', status: 'success', result: null },
          { title: 'mfa-challenge', status: 'skipped', result: null },
          { title: 'retrieve-accounts', status: 'success', result: null },
        ],
      });
      expect(job.phase).toBe('success');
      expect(job.isTerminal).toBe(true);
    });

    it('should list every security question as a prompt, in order', () => {
      const job = normalizeJob(
        connectionJob({
          status: 'in-progress',
          result: {
            type: 'mfa',
            method: 'security-questions',
            input: [
              { label: 'Your first pet?' },
              'Your first school?',
              { question: 'Your favourite colour?' },
              { text: 42, name: 'Your city of birth?' },
              7,
              null,
            ],
            expiryMs: 300000,
          },
        }),
      );
      expect(job.phase).toBe('mfa-required');
      expect(job.mfa?.method).toBe('security-questions');
      expect(job.mfa?.prompts).toEqual([
        'Your first pet?',
        'Your first school?',
        'Your favourite colour?',
        'Your city of birth?',
      ]);
      expect(job.mfa?.expiresInMs).toBe(300000);
    });

    it('should still ask for MFA after a wrong answer while the step waits with a challenge', () => {
      const job = normalizeJob(
        connectionJob(
          {
            status: 'in-progress',
            result: { ...smsChallenge, description: 'Incorrect code, a new one was sent.' },
          },
          { status: 'in-progress' },
        ),
      );
      expect(job.phase).toBe('mfa-required');
      expect(job.mfa?.description).toBe('Incorrect code, a new one was sent.');
    });

    it('should not ask for MFA from a pending step holding a challenge', () => {
      const job = normalizeJob(connectionJob({ status: 'pending', result: smsChallenge }));
      expect(job.phase).toBe('in-progress');
      expect(job.mfa).toBeUndefined();
    });

    it('should let a failed step win over a waiting MFA challenge', () => {
      const job = normalizeJob({
        id: 'j4',
        steps: [
          { title: 'mfa-challenge', status: 'in-progress', result: smsChallenge },
          { title: 'retrieve-accounts', status: 'failed', result: { code: 'connector-error' } },
        ],
      });
      expect(job.phase).toBe('failed');
      expect(job.mfa).toBeUndefined();
      expect(job.failure).toEqual({ step: 'retrieve-accounts', code: 'connector-error' });
    });

    it('should fail on a top-level failed status with no failed step', () => {
      expect(
        normalizeJob({
          id: 'r',
          status: 'FAILED',
          steps: [{ title: 'create-report', status: 'in-progress' }],
        }).failure,
      ).toEqual({ step: 'create-report', code: 'unknown-error' });
      expect(normalizeJob({ id: 'r', status: 'failed' }).failure).toEqual({
        step: 'job',
        code: 'unknown-error',
      });
    });

    it('should follow the top-level status when the steps have not moved', () => {
      const pendingSteps = [{ title: 'create-report', status: 'pending', result: null }];
      expect(normalizeJob({ steps: pendingSteps }).phase).toBe('pending');
      expect(normalizeJob({ status: 'in_progress', steps: pendingSteps }).phase).toBe(
        'in-progress',
      );
      expect(normalizeJob({ status: 'Success', steps: pendingSteps }).phase).toBe('success');
    });

    it('should keep only string links and ignore __proto__ keys', () => {
      const raw: unknown = JSON.parse(
        '{"id":"j5","links":{"__proto__":"polluted","self":"/jobs/j5","n":1,"o":{},"source":"/users/u/connections/c-7/refresh?x=1#y"}}',
      );
      const job = normalizeJob(raw);
      expect(job.links).toEqual({
        self: '/jobs/j5',
        source: '/users/u/connections/c-7/refresh?x=1#y',
      });
      expect(Object.getPrototypeOf(job.links)).toBe(Object.prototype);
      expect(Object.keys(job.links)).not.toContain('__proto__');
      expect(job.connectionId).toBe('c-7');
    });

    it('should turn a numeric id into a string and use it for the challenge', () => {
      const job = normalizeJob({
        id: 77,
        steps: [{ status: 'in-progress', result: smsChallenge }],
      });
      expect(job.id).toBe('77');
      expect(job.mfa?.jobId).toBe('77');
    });

    it('should drop an expiry that is negative, non-numeric or not finite', () => {
      const expiry = (expiryMs: unknown) =>
        normalizeJob({ steps: [{ status: 'in-progress', result: { ...smsChallenge, expiryMs } }] })
          .mfa?.expiresInMs;
      expect(expiry(-1)).toBeUndefined();
      expect(expiry('soon')).toBeUndefined();
      expect(expiry(Infinity)).toBeUndefined();
      expect(expiry(NaN)).toBeUndefined();
      expect(expiry(' 45000 ')).toBe(45000);
      expect(expiry(0)).toBe(0);
    });
  });
});
