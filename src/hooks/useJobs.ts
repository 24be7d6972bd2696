'use client';
import { useQueries } from '@tanstack/react-query';
import type { Job, JobPhase } from '../client/types.js';
import { jobQueryOptions, type JobQueryOptions } from '../queries/jobQueryOptions.js';
import { useBasiqContext } from './basiqContext.js';

/** What {@link useJobs} returns. */
export interface UseJobsResult {
  /** The jobs loaded so far, in the order of `jobIds`. */
  jobs: Job[];
  /**
   * All the jobs at once, the first that applies: `mfa-required` if any waits for the user's
   * MFA answer; `pending` while none has started; `in-progress` while any still runs, even if
   * another has already failed (that job's own `phase` says so in `jobs`); `failed` once all
   * ended and one or more failed; `success` once all succeeded. Undefined until every job has
   * loaded.
   */
  phase: JobPhase | undefined;
  /** True once every job ended. */
  isTerminal: boolean;
  isPending: boolean;
  /** The first error among the jobs' queries. */
  error: Error | null;
}

/** The phase of several jobs, in the order {@link UseJobsResult.phase} gives. */
function combinedPhase(jobs: Job[]): JobPhase {
  if (jobs.some((job) => job.phase === 'mfa-required')) return 'mfa-required';
  if (jobs.every((job) => job.phase === 'pending')) return 'pending';
  if (!jobs.every((job) => job.isTerminal)) return 'in-progress';
  return jobs.some((job) => job.phase === 'failed') ? 'failed' : 'success';
}

function aggregate(results: Array<{ data?: Job; error: Error | null; isPending: boolean }>) {
  const jobs = results.flatMap((r) => (r.data ? [r.data] : []));
  const all = jobs.length === results.length && jobs.length > 0;
  return {
    jobs,
    phase: all ? combinedPhase(jobs) : undefined,
    isTerminal: all && jobs.every((job) => job.isTerminal),
    isPending: results.some((r) => r.isPending),
    error: results.find((r) => r.error)?.error ?? null,
  };
}

/**
 * Watches several jobs at once (the consent UI returns one per bank connected), each polled
 * like {@link useJob} (`maxPollMs` as there), with an aggregate phase.
 *
 * @param jobIds - The jobs to watch, e.g. from {@link useConsentRedirect}.
 * @param options - `maxPollMs`; see {@link JobQueryOptions}.
 *
 * @example
 * const { jobIds } = useConsentRedirect();
 * const { phase, jobs } = useJobs(jobIds);
 */
export function useJobs(
  jobIds: readonly string[],
  { maxPollMs }: JobQueryOptions = {},
): UseJobsResult {
  const { client, ...context } = useBasiqContext('useJobs');
  return useQueries({
    queries: jobIds.map((jobId) =>
      jobQueryOptions(client, jobId, { maxPollMs: maxPollMs ?? context.maxPollMs }),
    ),
    combine: aggregate,
  });
}
