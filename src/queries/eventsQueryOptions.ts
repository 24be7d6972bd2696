import { queryOptions } from '@tanstack/react-query';
import type { BasiqClient } from '../client/createBasiqClient.js';
import { basiqKeys } from './basiqKeys.js';

/**
 * The query of Basiq's events of the last 7 days, for one user and/or a Basiq `filter`.
 * Basiq answers 403 to a CLIENT_ACCESS token here: point `baseUrl` at your own proxy.
 */
export function eventsQueryOptions(
  client: BasiqClient,
  query: { userId?: string; filter?: string } = {},
) {
  return queryOptions({
    queryKey: basiqKeys.events(query),
    queryFn: ({ signal }) => client.listEvents(query, { signal }),
    retry: false,
  });
}
