'use client';
import type { UseQueryResult } from '@tanstack/react-query';
import type { BasiqEvent } from '../client/types.js';
import type { basiqKeys } from '../queries/basiqKeys.js';
import { eventsQueryOptions } from '../queries/eventsQueryOptions.js';
import { useBasiqContext } from './basiqContext.js';
import { useBasiqQuery, type BasiqQueryOptions } from './useBasiqQuery.js';

/**
 * Basiq's events of the last 7 days, for one user and/or a Basiq `filter`. Basiq refuses
 * CLIENT_ACCESS tokens here (a 403 error): point the provider's `baseUrl` at your proxy.
 *
 * @example
 * const { data: events = [] } = useEvents({ userId, filter: "event.type.eq('consent.revoked')" });
 */
export function useEvents<TData = BasiqEvent[]>(
  query: { userId?: string; filter?: string } = {},
  options: BasiqQueryOptions<BasiqEvent[], TData, ReturnType<typeof basiqKeys.events>> = {},
): UseQueryResult<TData, Error> {
  const { client } = useBasiqContext('useEvents');
  return useBasiqQuery(eventsQueryOptions(client, query), options);
}
