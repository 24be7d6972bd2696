import { queryOptions, skipToken } from '@tanstack/react-query';
import type { BasiqClient } from '../client/createBasiqClient.js';
import { basiqKeys } from './basiqKeys.js';

/** The query of a user's current auth link: `null` when it expired or was deleted (410). */
export function authLinkQueryOptions(client: BasiqClient, userId: string | undefined) {
  return queryOptions({
    queryKey: basiqKeys.authLink(userId ?? ''),
    queryFn: userId ? ({ signal }) => client.getAuthLink(userId, { signal }) : skipToken,
    retry: false,
  });
}
