'use client';
import type { Consent } from '../client/types.js';
import type { basiqKeys } from '../queries/basiqKeys.js';
import { consentsQueryOptions } from '../queries/consentsQueryOptions.js';
import { useBasiqClient } from './useBasiqClient.js';
import { useBasiqQuery, type BasiqQueryOptions } from './useBasiqQuery.js';

/**
 * A user's consents: active, revoked and expired, with purpose and permissions.
 *
 * @example
 * const { data: consents = [] } = useConsents(userId, {
 *   select: (all) => all.filter((c) => c.status === 'active'),
 * });
 */
export function useConsents<TData = Consent[]>(
  userId: string | undefined,
  options: BasiqQueryOptions<Consent[], TData, ReturnType<typeof basiqKeys.consents>> = {},
) {
  const client = useBasiqClient();
  return useBasiqQuery(consentsQueryOptions(client, userId), options);
}
