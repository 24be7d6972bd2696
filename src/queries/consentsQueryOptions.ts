import { queryOptions, skipToken } from '@tanstack/react-query';
import type { BasiqClient } from '../client/createBasiqClient.js';
import { basiqKeys } from './basiqKeys.js';

/** The query of a user's consents (active, revoked and expired). */
export function consentsQueryOptions(client: BasiqClient, userId: string | undefined) {
  return queryOptions({
    queryKey: basiqKeys.consents(userId ?? ''),
    queryFn: userId ? ({ signal }) => client.getConsents(userId, { signal }) : skipToken,
    retry: false,
  });
}
