import { describe, it, expect } from 'vitest';
import { normalizeJob } from '../../src/client/normalizeJob';

// Payloads from core.yml, `GET /jobs/{jobId}` examples (trimmed, real shapes kept).
const dataInProgress = {
  type: 'job',
  id: '248b2883-2a6b-4e8a-9591-76565d23ba5a',
  created: '2024-09-25T04:15:59Z',
  updated: '2024-09-25T04:15:59Z',
  jobType: 'connection',
  steps: [
    { title: 'verify-credentials', status: 'in-progress', result: null },
    { title: 'retrieve-accounts', status: 'pending', result: null },
    { title: 'retrieve-transactions', status: 'pending', result: null },
  ],
  links: { self: 'https://au-api.basiq.io/jobs/248b2883-2a6b-4e8a-9591-76565d23ba5a' },
};

const dataFailed = {
  type: 'job',
  id: '5c50a2d1-561c-48c4-a186-b763bdf5502a',
  created: '2024-09-25T04:22:25Z',
  updated: '2024-09-25T04:22:38Z',
  jobType: 'connection',
  steps: [
    {
      title: 'verify-credentials',
      status: 'failed',
      result: {
        code: 'authorization-failed',
        title: 'Authorization failed',
        detail: 'access_denied',
      },
    },
    { title: 'retrieve-accounts', status: 'pending', result: null },
    { title: 'retrieve-transactions', status: 'pending', result: null },
  ],
  links: {
    self: 'https://au-api.basiq.io/jobs/5c50a2d1-561c-48c4-a186-b763bdf5502a',
    source:
      'https://au-api.basiq.io/users/b2afc9cd-0f3c-41f0-9e19-d18482abc9fc/connections/60612323-9c42-478a-8ff2-640445dbe64a',
  },
};

const dataSuccess = {
  type: 'job',
  id: 'a03e4df4-dc05-4cd3-9af0-0f28a13ea614',
  created: '2024-09-25T04:14:48Z',
  updated: '2024-09-25T04:14:50Z',
  jobType: 'connection',
  steps: [
    {
      title: 'verify-credentials',
      status: 'success',
      result: {
        type: 'link',
        url: '/users/b540e803-91dd-4ff9-a89e-ef8ecf65833d/connections/214974bb-56d6-466a-9034-ba0a6b810eed',
      },
    },
    {
      title: 'retrieve-accounts',
      status: 'success',
      result: {
        type: 'link',
        url: "/users/b540e803-91dd-4ff9-a89e-ef8ecf65833d/accounts?filter=institution.id.eq('AU00000')",
      },
    },
    {
      title: 'retrieve-transactions',
      status: 'success',
      result: {
        type: 'link',
        url: "/users/b540e803-91dd-4ff9-a89e-ef8ecf65833d/transactions?filter=institution.id.eq('AU00000')",
      },
    },
  ],
  links: {
    self: 'https://au-api.basiq.io/jobs/a03e4df4-dc05-4cd3-9af0-0f28a13ea614',
    source:
      'https://au-api.basiq.io/users/b540e803-91dd-4ff9-a89e-ef8ecf65833d/connections/214974bb-56d6-466a-9034-ba0a6b810eed',
  },
};

const statementSuccess = {
  type: 'job',
  id: '248b2883-2a6b-4e8a-9591-76565d23ba5a',
  created: '2024-09-25T04:15:59Z',
  updated: '2024-09-25T04:16:29Z',
  jobType: 'connection',
  steps: [
    {
      title: 'verify-credentials',
      status: 'success',
      result: {
        type: 'link',
        url: '/users/b540e803-91dd-4ff9-a89e-ef8ecf65833d/connections/30dfc31c-7107-40a4-bd94-237554726a4d',
      },
    },
    {
      title: 'retrieve-accounts',
      status: 'success',
      result: {
        type: 'link',
        url: "/users/b540e803-91dd-4ff9-a89e-ef8ecf65833d/accounts?filter=institution.id.eq('AU00601')",
      },
    },
  ],
  links: { self: 'https://au-api.basiq.io/jobs/248b2883-2a6b-4e8a-9591-76565d23ba5a' },
};

describe('normalizeJob', () => {
  describe('core.yml examples', () => {
    it('should read data-in-progress as in progress, with no connection yet', () => {
      const job = normalizeJob(dataInProgress);
      expect(job).toEqual({
        id: '248b2883-2a6b-4e8a-9591-76565d23ba5a',
        jobType: 'connection',
        created: '2024-09-25T04:15:59Z',
        updated: '2024-09-25T04:15:59Z',
        steps: [
          { title: 'verify-credentials', status: 'in-progress', result: null },
          { title: 'retrieve-accounts', status: 'pending', result: null },
          { title: 'retrieve-transactions', status: 'pending', result: null },
        ],
        phase: 'in-progress',
        isTerminal: false,
        links: { self: 'https://au-api.basiq.io/jobs/248b2883-2a6b-4e8a-9591-76565d23ba5a' },
      });
      expect(Object.keys(job)).not.toContain('failure');
      expect(Object.keys(job)).not.toContain('connectionId');
    });

    it('should read data-failed as failed with the authorization-failed error', () => {
      const job = normalizeJob(dataFailed);
      expect(job.phase).toBe('failed');
      expect(job.isTerminal).toBe(true);
      expect(job.failure).toEqual({
        step: 'verify-credentials',
        code: 'authorization-failed',
        title: 'Authorization failed',
        detail: 'access_denied',
      });
      expect(job.connectionId).toBe('60612323-9c42-478a-8ff2-640445dbe64a');
      expect(job.links).toEqual(dataFailed.links);
      expect(job.mfa).toBeUndefined();
    });

    it('should read data-success as success with its connection', () => {
      const job = normalizeJob(dataSuccess);
      expect(job.phase).toBe('success');
      expect(job.isTerminal).toBe(true);
      expect(job.failure).toBeUndefined();
      expect(job.connectionId).toBe('214974bb-56d6-466a-9034-ba0a6b810eed');
      expect(job.steps[1]?.result).toEqual({
        type: 'link',
        url: "/users/b540e803-91dd-4ff9-a89e-ef8ecf65833d/accounts?filter=institution.id.eq('AU00000')",
      });
      expect(job.links).toEqual(dataSuccess.links);
    });

    it('should take the connection from a step link when links.source is absent', () => {
      const job = normalizeJob(statementSuccess);
      expect(job.phase).toBe('success');
      expect(job.connectionId).toBe('30dfc31c-7107-40a4-bd94-237554726a4d');
    });
  });
});
