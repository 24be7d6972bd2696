'use client';
import { useQueries } from '@tanstack/react-query';
import type { Job, JobPhase } from '../client/types.js';
import { jobQueryOptions, type JobQueryOptions } from '../queries/jobQueryOptions.js';
import { useBasiqContext } from './useBasiqClient.js';

/** What {@link useJobs} returns. */
export interface UseJobsResult {
  /** The jobs loaded so far, in the order of `jobIds`. */
  jobs: Job[];
  /**
   * All the jobs at once: `mfa-required` if any waits for MFA; `success` once all succeeded;
   * `failed` once all ended and one failed; `pending` while none started; else `in-progress`.
   * Undefined until every job has loaded.
   */
  phase: JobPhase | undefined;
  /** True once every job ended. */
  isTerminal: boolean;
  isPending: boolean;
  /** The first error among the jobs' queries. */
  error: Error | null;
}

function aggregate(results: Array<{ data?: Job; error: Error | null; isPending: boolean }>) {
  const jobs = results.flatMap((r) => (r.data ? [r.data] : []));
  const all = jobs.length === results.length && jobs.length > 0;
  const some = (phase: JobPhase) => jobs.some((job) => job.phase === phase);
  const phase: JobPhase | undefined = !all
    ? undefined
    : some('mfa-required')
      ? 'mfa-required'
      : jobs.every((job) => job.isTerminal)
        ? some('failed')
          ? 'failed'
          : 'success'
        : jobs.every((job) => job.phase === 'pending')
          ? 'pending'
          : 'in-progress';
  return {
    jobs,
    phase,
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
  const { client, ...context } = useBasiqContext();
  return useQueries({
    queries: jobIds.map((jobId) =>
      jobQueryOptions(client, jobId, { maxPollMs: maxPollMs ?? context.maxPollMs }),
    ),
    combine: aggregate,
  });
}
