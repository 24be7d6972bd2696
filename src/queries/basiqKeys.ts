import type { UserJobsFilter } from '../client/createBasiqClient.js';

/**
 * The query keys of every Basiq query, broad to specific, so one call can refresh as much
 * or as little as needed:
 *
 * @example
 * queryClient.invalidateQueries({ queryKey: basiqKeys.all });            // everything Basiq
 * queryClient.invalidateQueries({ queryKey: basiqKeys.user('u1') });     // one user's jobs, consents, link
 * queryClient.invalidateQueries({ queryKey: basiqKeys.job(jobId) });     // one job
 */
export const basiqKeys = {
  all: ['basiq'] as const,
  /** Every job query. */
  jobs: () => ['basiq', 'job'] as const,
  job: (jobId: string) => ['basiq', 'job', jobId] as const,
  /** Everything of one user: jobs, consents, auth link. */
  user: (userId: string) => ['basiq', 'user', userId] as const,
  userJobs: (userId: string, filter: UserJobsFilter = {}) =>
    ['basiq', 'user', userId, 'jobs', filter] as const,
  consents: (userId: string) => ['basiq', 'user', userId, 'consents'] as const,
  authLink: (userId: string) => ['basiq', 'user', userId, 'authLink'] as const,
  events: (query: { userId?: string; filter?: string } = {}) => ['basiq', 'events', query] as const,
};
