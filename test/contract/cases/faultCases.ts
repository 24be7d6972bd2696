import { control, serverAuth, u1 } from './case';
import type { Case } from './case';

/** Failures injected with control.failNext, on routes that document the status. */
export const faultCases: Case[] = [
  {
    name: 'GET /jobs/{jobId} 500 (injected)',
    status: 500,
    run: (r) => {
      const { jobId } = r.job('success');
      control.failNext(1, 500);
      return r.getJob(jobId);
    },
  },
  {
    name: 'GET /users/{userId}/auth_link 503 (injected)',
    status: 503,
    run: (r) => {
      control.failNext(1, 503);
      return r.get(`${u1}/auth_link`, { auth: serverAuth() });
    },
  },
  {
    name: 'GET /events/types 429 (injected)',
    status: 429,
    run: (r) => {
      control.failNext(1, 429, { retryAfter: 2 });
      return r.get('/events/types', { auth: serverAuth() });
    },
  },
];
