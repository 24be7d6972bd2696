'use client';
import { useQuery, type UseQueryOptions, type UseQueryResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Job, JobFailure, JobPhase, MfaChallenge } from '../client/types.js';
import type { basiqKeys } from '../queries/basiqKeys.js';
import { jobQueryOptions, type JobQueryOptions } from '../queries/jobQueryOptions.js';
import { useBasiqContext } from './basiqContext.js';

/**
 * Options of {@link useJob}: react-query's, without the key and function it sets, and
 * `maxPollMs` (default: the provider's `maxPollMs`, else 15 minutes).
 */
export type UseJobOptions<TData = Job> = Omit<
  UseQueryOptions<Job, Error, TData, ReturnType<typeof basiqKeys.job>>,
  'queryKey' | 'queryFn'
> &
  JobQueryOptions;

/** What {@link useJob} returns: the query, plus the job's fields at hand. */
export type UseJobResult<TData = Job> = UseQueryResult<TData, Error> & {
  /** The normalized job (whatever `select` made of `data`). */
  job: Job | undefined;
  phase: JobPhase | undefined;
  /** True once the job succeeded or failed: it is not polled any more. */
  isTerminal: boolean;
  /** The challenge to answer, while `phase === 'mfa-required'`. */
  mfa: MfaChallenge | undefined;
  /** Why the job failed, when `phase === 'failed'`. */
  failure: JobFailure | undefined;
};

type Selected<TData> = { job: Job; data: TData };

/**
 * Watches a Basiq job, polling it economically: about every second while the user waits on
 * the bank, not at all while an MFA challenge waits for the user's answer, every few seconds
 * while data is retrieved, and never again once the job succeeded or failed. However many
 * components watch one job, one request goes out per tick; a hidden tab does not poll. A job
 * still running after `maxPollMs` stops being polled and fails the query with a
 * `BasiqPollTimeoutError` (`refetch()` looks again).
 *
 * @param jobId - The job to watch; `undefined` or `''` watches nothing.
 * @param options - react-query's options, plus `maxPollMs`; see {@link UseJobOptions}.
 *
 * @example
 * const { phase, mfa, failure } = useJob(jobId);
 * if (phase === 'mfa-required') return <MfaForm jobId={jobId} />;
 */
export function useJob<TData = Job>(
  jobId: string | undefined,
  { maxPollMs, ...options }: UseJobOptions<TData> = {},
): UseJobResult<TData> {
  const context = useBasiqContext('useJob');
  const userSelect = options.select;
  // Keeps the job beside what `select` makes of it, so both can be returned.
  const select = useCallback(
    (job: Job): Selected<TData> => ({
      job,
      data: userSelect ? userSelect(job) : (job as unknown as TData),
    }),
    [userSelect],
  );
  const query = useQuery({
    ...jobQueryOptions(context.client, jobId, { maxPollMs: maxPollMs ?? context.maxPollMs }),
    ...(options as object),
    select,
  }) as unknown as UseQueryResult<Selected<TData>, Error>;
  return withJob(query, !userSelect);
}

const JOB_FIELDS = new Set<PropertyKey>(['data', 'job', 'phase', 'isTerminal', 'mfa', 'failure']);

// react-query tracks which result fields a component reads and re-renders it only when one
// of those changes; a proxy keeps that working for the fields added here.
function withJob<TData>(
  query: UseQueryResult<Selected<TData>, Error>,
  dataIsJob: boolean,
): UseJobResult<TData> {
  return new Proxy(query, {
    get(target, key, receiver) {
      if (!JOB_FIELDS.has(key)) return Reflect.get(target, key, receiver);
      const selected = target.data;
      const job = selected?.job;
      switch (key) {
        case 'data':
          return dataIsJob ? job : selected?.data;
        case 'job':
          return job;
        case 'phase':
          return job?.phase;
        case 'isTerminal':
          return job?.isTerminal ?? false;
        case 'mfa':
          return job?.mfa;
        default:
          return job?.failure;
      }
    },
  }) as unknown as UseJobResult<TData>;
}
