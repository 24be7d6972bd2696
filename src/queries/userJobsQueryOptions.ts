import { queryOptions, skipToken } from '@tanstack/react-query';
import type { BasiqClient, UserJobsFilter } from '../client/createBasiqClient.js';
import { basiqKeys } from './basiqKeys.js';

/**
 * The query of a user's jobs of the last 7 days (Basiq keeps no older ones), optionally of
 * one connection. Not polled: watch running jobs with `jobQueryOptions`.
 */
export function userJobsQueryOptions(
  client: BasiqClient,
  userId: string | undefined,
  filter: UserJobsFilter = {},
) {
  return queryOptions({
    queryKey: basiqKeys.userJobs(userId ?? '', filter),
    queryFn: userId ? ({ signal }) => client.listUserJobs(userId, filter, { signal }) : skipToken,
    retry: false,
  });
}
