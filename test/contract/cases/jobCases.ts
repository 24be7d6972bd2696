import { expect } from 'vitest';
import { bearer, clientAuth, control, MFA, serverAuth, u1 } from './case';
import type { Case } from './case';
import { jobStageCases } from './jobStageCases';

export const jobCases: Case[] = [
  ...jobStageCases,
  {
    name: 'GET /jobs/{jobId} 401 without a token',
    status: 401,
    run: (r) => r.get(`/jobs/${r.job('success').jobId}`),
  },
  {
    name: "GET /jobs/{jobId} 401 with another user's CLIENT_ACCESS token",
    status: 401,
    run: (r) => r.getJob(r.job('success').jobId, 'u2'),
  },
  {
    name: 'GET /jobs/{jobId} 403 with an expired token',
    status: 403,
    run: (r) => {
      const { jobId } = r.job('success');
      const auth = bearer(control.clientToken('u1', { expiresInSeconds: 1 }));
      control.advance(1000);
      return r.get(`/jobs/${jobId}`, { auth });
    },
  },
  {
    name: 'GET /jobs/{jobId} 404',
    status: 404,
    run: (r) => r.get('/jobs/no-such-job', { auth: serverAuth() }),
  },
  {
    name: 'GET /users/{userId}/jobs with jobs of every scenario',
    status: 200,
    run: (r) => {
      for (const scenario of [
        'success',
        'mfa-token',
        'mfa-questions',
        'invalid-credentials',
        'statement',
        'report',
        'array-result',
      ] as const) {
        r.job(scenario);
        control.advance(1000);
      }
      return r.get(`${u1}/jobs`, { auth: clientAuth('u1') });
    },
    shows: (body) =>
      // Newest first: array-result, report, statement, then four connection jobs.
      expect((body as { data: Array<{ jobType: string }> }).data.map((job) => job.jobType)).toEqual(
        [
          'connection',
          'report',
          'statement',
          'connection',
          'connection',
          'connection',
          'connection',
        ],
      ),
  },
  {
    name: "GET /users/{userId}/jobs?filter=connection.id.eq('…')",
    status: 200,
    run: (r) => {
      const { connectionId } = r.job('success');
      r.job('mfa-token');
      control.advance(3000);
      return r.get(`${u1}/jobs?filter=connection.id.eq('${connectionId}')`, {
        auth: clientAuth('u1'),
      });
    },
    shows: (body) => expect((body as { size: number }).size).toBe(1),
  },
  {
    name: 'GET /users/{userId}/jobs of a user without jobs',
    status: 200,
    run: (r) => r.get(`${u1}/jobs`, { auth: clientAuth('u1') }),
  },
  {
    name: 'GET /users/{userId}/jobs 400 with an unknown filter',
    status: 400,
    run: (r) => r.get(`${u1}/jobs?filter=institution.id.eq('AU00000')`, { auth: clientAuth('u1') }),
  },
  {
    name: "GET /users/{userId}/jobs 401 with another user's CLIENT_ACCESS token",
    status: 401,
    run: (r) => r.get(`${u1}/jobs`, { auth: clientAuth('u2') }),
  },
  {
    name: 'GET /users/{userId}/jobs 404',
    status: 404,
    run: (r) => r.get('/users/nobody/jobs', { auth: serverAuth() }),
  },
  {
    name: 'POST /jobs/{jobId}/mfa',
    status: 202,
    run: (r) => {
      const { jobId } = r.job('mfa-token');
      control.advance(1000);
      return r.answer(jobId, [MFA]);
    },
  },
  {
    name: 'POST /jobs/{jobId}/mfa 400 when the job is not waiting',
    status: 400,
    run: (r) => r.answer(r.job('success').jobId, [MFA]),
  },
  {
    name: 'POST /jobs/{jobId}/mfa 400 with too few answers',
    status: 400,
    run: (r) => {
      const { jobId } = r.job('mfa-questions');
      control.advance(1000);
      return r.answer(jobId, [MFA]);
    },
  },
  {
    name: "POST /jobs/{jobId}/mfa 401 with another user's CLIENT_ACCESS token",
    status: 401,
    run: (r) => {
      const { jobId } = r.job('mfa-token');
      control.advance(1000);
      return r.answer(jobId, [MFA], 'u2');
    },
  },
  {
    name: 'POST /jobs/{jobId}/mfa 404',
    status: 404,
    run: (r) =>
      r.post('/jobs/no-such-job/mfa', { auth: serverAuth(), json: { 'mfa-response': [MFA] } }),
  },
  {
    name: 'POST /users/{userId}/connections/{connectionId}/refresh (new job)',
    status: 202,
    run: async (r) => {
      const { jobId, connectionId } = r.job('success');
      control.advance(3000);
      const refresh = await r.post(`${u1}/connections/${connectionId!}/refresh`, {
        auth: clientAuth('u1'),
      });
      expect((refresh.body as { id: string }).id).not.toBe(jobId);
    },
  },
  {
    name: 'POST /users/{userId}/connections/{connectionId}/refresh (the running job)',
    status: 202,
    run: async (r) => {
      const { jobId, connectionId } = r.job('success');
      const refresh = await r.post(`${u1}/connections/${connectionId!}/refresh`, {
        auth: serverAuth(),
      });
      expect((refresh.body as { id: string }).id).toBe(jobId);
    },
  },
  {
    name: 'POST /users/{userId}/connections/{connectionId}/refresh 403 with an expired token',
    status: 403,
    run: (r) => {
      const { connectionId } = r.job('success');
      const auth = bearer(control.clientToken('u1', { expiresInSeconds: 1 }));
      control.advance(1000);
      return r.post(`${u1}/connections/${connectionId!}/refresh`, { auth });
    },
  },
  {
    name: 'POST /users/{userId}/connections/{connectionId}/refresh 404',
    status: 404,
    run: (r) => r.post(`${u1}/connections/no-such-connection/refresh`, { auth: clientAuth('u1') }),
  },
];
