import { queryOptions, skipToken } from '@tanstack/react-query';
import type { BasiqClient } from '../client/createBasiqClient.js';
import { basiqKeys } from './basiqKeys.js';
import { nextPollDelay, POLL_TIMING } from './nextPollDelay.js';
import { pollHistory } from './pollHistory.js';

/**
 * The query of one job, polled by the kit's policy ({@link nextPollDelay}): fast while the
 * user waits on the bank, not at all while an MFA challenge waits for the user, slower while
 * data is retrieved, never after the job ends. Use it to prefetch, read the cache, or compose
 * with `useQueries`/`useSuspenseQuery`. No `jobId` (undefined or '') means no query.
 *
 * @example
 * await queryClient.prefetchQuery(jobQueryOptions(client, jobId));
 * const job = queryClient.getQueryData(jobQueryOptions(client, jobId).queryKey);
 */
export function jobQueryOptions(client: BasiqClient, jobId: string | undefined) {
  return queryOptions({
    queryKey: basiqKeys.job(jobId ?? ''),
    queryFn: jobId ? ({ signal }) => client.getJob(jobId, { signal }) : skipToken,
    refetchInterval: (query) => nextPollDelay(query.state.data, pollHistory(query)),
    // A finished job never changes: no refetch on focus, remount or invalidation by staleness.
    // A running one is fresh for a fast tick, so a component mounting beside another (the MFA
    // form inside ConnectionStatus) does not send a second request.
    staleTime: (query) => (query.state.data?.isTerminal ? 'static' : POLL_TIMING.fast),
    // The client already retries GETs with backoff; react-query's retries would multiply them.
    retry: false,
  });
}
