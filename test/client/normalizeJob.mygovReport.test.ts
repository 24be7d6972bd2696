import { describe, it, expect } from 'vitest';
import { normalizeJob } from '../../src/client/normalizeJob';

// Payloads from core.yml, `GET /jobs/{jobId}` examples (trimmed, real shapes kept).
const mygovFailed = {
  type: 'job',
  id: '57d6ab28-1fd4-4851-b9d2-81ca2884de21',
  created: '2024-09-25T04:40:41Z',
  updated: '2024-09-25T04:40:50Z',
  jobType: 'connection',
  steps: [
    {
      title: 'verify-credentials',
      status: 'failed',
      result: {
        code: 'invalid-credentials',
        title: 'Cannot login to target institution, check credentials.',
        detail:
          'Cannot login to target institution using supplied credentials. Please check credentials and try again.',
      },
    },
    { title: 'mfa-challenge', status: 'pending', result: null },
    { title: 'retrieve-accounts', status: 'pending', result: null },
  ],
  links: {
    self: 'https://au-api.basiq.io/jobs/57d6ab28-1fd4-4851-b9d2-81ca2884de21',
    source:
      'https://au-api.basiq.io/users/bfa52043-e154-4adf-94d1-7f0544affc45/connections/326d43c0-b009-4dfc-a7d0-708e5160bde5',
  },
};

const mygovSuccess = {
  type: 'job',
  id: 'cd6b8aac-53b3-408d-806e-34b9ef59459e',
  created: '2024-09-25T04:44:38Z',
  updated: '2024-09-25T04:46:00Z',
  jobType: 'connection',
  steps: [
    {
      title: 'verify-credentials',
      status: 'success',
      result: {
        type: 'link',
        url: '/users/bfa52043-e154-4adf-94d1-7f0544affc45/connections/67b38670-4aca-4e1d-a66e-3af4c56a35bc',
      },
    },
    {
      title: 'mfa-challenge',
      status: 'success',
      result: {
        type: 'mfa',
        method: 'token',
        description: 'A SMS code has been sent to your device, please enter valid number.',
        input: ['We sent a code by SMS to your mobile number XXXX XXX 178.'],
        expiryMs: 120000,
        links: {
          response: 'https://au-api.basiq.io/jobs/cd6b8aac-53b3-408d-806e-34b9ef59459e/mfa',
        },
      },
    },
    {
      title: 'retrieve-accounts',
      status: 'success',
      result: {
        type: 'link',
        url: "/users/bfa52043-e154-4adf-94d1-7f0544affc45/accounts?filter=institution.id.eq('AU20700')",
      },
    },
    {
      title: 'retrieve-statements',
      status: 'success',
      result: { type: 'link', url: '/users/bfa52043-e154-4adf-94d1-7f0544affc45/statements' },
    },
  ],
  links: {
    self: 'https://au-api.basiq.io/jobs/cd6b8aac-53b3-408d-806e-34b9ef59459e',
    source:
      'https://au-api.basiq.io/users/bfa52043-e154-4adf-94d1-7f0544affc45/connections/67b38670-4aca-4e1d-a66e-3af4c56a35bc',
  },
};

const reportBase = {
  type: 'job',
  id: 'b1824ad0-73f1-0138-3700-0a58a9feac09',
  partnerId: 'e73ffa09-742f-4be3-9aae-0ad077f041a1',
  applicationId: '3e2863df-43d1-405d-b104-701bcb34e184',
  created: '2016-06-08T09:10:32.000Z',
  updated: '2016-06-08T09:14:28.000Z',
  jobType: 'report',
};
const reportLinks = {
  self: '/jobs/b1824ad0-73f1-0138-3700-0a58a9feac09',
  source: '/reports/b1824ad0-73f1-0138-3700-0a58a9feac09',
};
const reportInProgress = {
  ...reportBase,
  status: 'in-progress',
  steps: [{ title: 'create-report', status: 'in-progress', result: null }],
  links: reportLinks,
};
const reportFailed = {
  ...reportBase,
  status: 'failed',
  steps: [{ title: 'create-report', status: 'failed', result: null }],
  links: null,
};
const reportSuccess = {
  ...reportBase,
  status: 'success',
  steps: [
    {
      title: 'create-report',
      status: 'success',
      result: { type: 'link', url: '/reports/b1824ad0-73f1-0138-3700-0a58a9feac09' },
    },
  ],
  links: reportLinks,
};

describe('normalizeJob', () => {
  describe('core.yml examples', () => {
    it('should read Mygov-failed as failed with invalid-credentials', () => {
      const job = normalizeJob(mygovFailed);
      expect(job.phase).toBe('failed');
      expect(job.failure?.code).toBe('invalid-credentials');
      expect(job.failure?.step).toBe('verify-credentials');
      expect(job.connectionId).toBe('326d43c0-b009-4dfc-a7d0-708e5160bde5');
    });

    it('should read Mygov-success as success, keeping the MFA result on its step without job.mfa', () => {
      const job = normalizeJob(mygovSuccess);
      expect(job.phase).toBe('success');
      expect(job.mfa).toBeUndefined();
      expect(Object.keys(job)).not.toContain('mfa');
      expect(job.steps[1]).toEqual({
        title: 'mfa-challenge',
        status: 'success',
        result: {
          type: 'mfa',
          challenge: {
            jobId: 'cd6b8aac-53b3-408d-806e-34b9ef59459e',
            method: 'token',
            description: 'A SMS code has been sent to your device, please enter valid number.',
            prompts: ['We sent a code by SMS to your mobile number XXXX XXX 178.'],
            expiresInMs: 120000,
            responseUrl: 'https://au-api.basiq.io/jobs/cd6b8aac-53b3-408d-806e-34b9ef59459e/mfa',
          },
        },
      });
      expect(job.connectionId).toBe('67b38670-4aca-4e1d-a66e-3af4c56a35bc');
    });

    it('should read Report-in-progress as in progress with no connection', () => {
      const job = normalizeJob(reportInProgress);
      expect(job.phase).toBe('in-progress');
      expect(job.jobType).toBe('report');
      expect(job.connectionId).toBeUndefined();
      expect(job.links).toEqual(reportLinks);
    });

    it('should read Report-failed (links null, result null) as failed with unknown-error', () => {
      const job = normalizeJob(reportFailed);
      expect(job.phase).toBe('failed');
      expect(job.failure).toEqual({ step: 'create-report', code: 'unknown-error' });
      expect(job.links).toEqual({});
      expect(job.connectionId).toBeUndefined();
      expect(job.steps).toEqual([{ title: 'create-report', status: 'failed', result: null }]);
    });

    it('should read Report-success as success', () => {
      const job = normalizeJob(reportSuccess);
      expect(job.phase).toBe('success');
      expect(job.isTerminal).toBe(true);
      expect(job.connectionId).toBeUndefined();
      expect(job.links).toEqual(reportLinks);
    });
  });
});
