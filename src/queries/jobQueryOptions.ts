import { queryOptions, skipToken, type QueryFunctionContext } from '@tanstack/react-query';
import type { BasiqClient } from '../client/createBasiqClient.js';
import { BasiqPollTimeoutError } from '../client/errors.js';
import type { Job } from '../client/types.js';
import { basiqKeys } from './basiqKeys.js';
import { nextPollDelay, POLL_TIMING } from './nextPollDelay.js';
import { countPoll, endPollPeriod, pollHistory } from './pollHistory.js';

/** Options of {@link jobQueryOptions}. */
export interface JobQueryOptions {
  /**
   * Stop polling a job still running this long after the first poll, and fail the query with
   * a `BasiqPollTimeoutError` (a refetch looks again and starts a new period). A pause in
   * polling of over a minute (a hidden tab, nothing watching) starts the count again.
   * `Infinity` polls for as long as the job runs.
   * @default 900000 (15 minutes)
   */
  maxPollMs?: number;
}

async function getJobWithin(
  client: BasiqClient,
  jobId: string,
  maxPollMs: number,
  { signal, client: queryClient }: QueryFunctionContext,
): Promise<Job> {
  const job = await client.getJob(jobId, { signal });
  const polledFor = countPoll(queryClient, jobId, 2 * POLL_TIMING.slowMax);
  if (job.isTerminal || polledFor >= maxPollMs) endPollPeriod(queryClient, jobId);
  if (!job.isTerminal && polledFor >= maxPollMs) {
    throw new BasiqPollTimeoutError(
      `Job ${jobId} still running after ${Math.round(maxPollMs / 60_000)} min; polling stopped, refetch to check again`,
      { jobId, maxPollMs, job },
    );
  }
  return job;
}

/**
 * The query of one job, polled by the kit's policy ({@link nextPollDelay}): fast while the
 * user waits on the bank, not at all while an MFA challenge waits for the user, slower while
 * data is retrieved, never after the job ends, and not past `maxPollMs`. Use it to prefetch,
 * read the cache, or compose with `useQueries`/`useSuspenseQuery`. No `jobId` (undefined or
 * '') means no query.
 *
 * @param client - The client, e.g. from {@link useBasiqClient}.
 * @param jobId - The job; `undefined` or `''` means no query.
 * @param options - `maxPollMs`; see {@link JobQueryOptions}.
 *
 * @example
 * await queryClient.prefetchQuery(jobQueryOptions(client, jobId));
 * const job = queryClient.getQueryData(jobQueryOptions(client, jobId).queryKey);
 */
export function jobQueryOptions(
  client: BasiqClient,
  jobId: string | undefined,
  { maxPollMs = POLL_TIMING.maxPoll }: JobQueryOptions = {},
) {
  // The job's data depends on neither the client (one per user) nor how long it is polled.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: basiqKeys.job(jobId ?? ''),
    queryFn: jobId ? (context) => getJobWithin(client, jobId, maxPollMs, context) : skipToken,
    refetchInterval: (query) => nextPollDelay(query.state.data, pollHistory(query)),
    // A finished job never changes: no refetch on focus, remount or invalidation by staleness.
    // A running one is fresh for a fast tick, so a component mounting beside another (the MFA
    // form inside ConnectionStatus) does not send a second request.
    staleTime: (query) => (query.state.data?.isTerminal ? 'static' : POLL_TIMING.fast),
    // The client already retries GETs with backoff; react-query's retries would multiply them.
    retry: false,
  });
}
