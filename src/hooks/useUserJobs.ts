'use client';
import type { UseQueryResult } from '@tanstack/react-query';
import type { UserJobsFilter } from '../client/createBasiqClient.js';
import type { Job } from '../client/types.js';
import type { basiqKeys } from '../queries/basiqKeys.js';
import { userJobsQueryOptions } from '../queries/userJobsQueryOptions.js';
import { useBasiqContext } from './basiqContext.js';
import { useBasiqQuery, type BasiqQueryOptions } from './useBasiqQuery.js';

/**
 * A user's jobs of the last 7 days, newest first, optionally of one connection. Refreshed
 * when a watched job succeeds.
 *
 * @example
 * const { data: jobs = [] } = useUserJobs(userId, { connectionId });
 */
export function useUserJobs<TData = Job[]>(
  userId: string | undefined,
  filter?: UserJobsFilter,
  options: BasiqQueryOptions<Job[], TData, ReturnType<typeof basiqKeys.userJobs>> = {},
): UseQueryResult<TData, Error> {
  const { client } = useBasiqContext('useUserJobs');
  return useBasiqQuery(userJobsQueryOptions(client, userId, filter), options);
}
