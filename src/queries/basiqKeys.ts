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
  /** The mutation answering a job's MFA challenge (for `useIsMutating`, `useMutationState`). */
  submitMfa: (jobId: string) => ['basiq', 'submitMfa', jobId] as const,
  /** The mutation revoking a user's consents. */
  revokeConsent: (userId: string) => ['basiq', 'revokeConsent', userId] as const,
  /** The mutation creating (replacing) a user's auth link. */
  createAuthLink: (userId: string) => ['basiq', 'createAuthLink', userId] as const,
  /** The mutation deleting a user's auth link. */
  deleteAuthLink: (userId: string) => ['basiq', 'deleteAuthLink', userId] as const,
};

/**
 * What a user's query holds (`'jobs'`, `'consents'`, `'authLink'`), read where
 * {@link basiqKeys} puts it; undefined for any other key.
 */
export function userQueryKind(queryKey: readonly unknown[]): string | undefined {
  const [scope, level, , kind] = queryKey;
  return scope === 'basiq' && level === 'user' && typeof kind === 'string' ? kind : undefined;
}
