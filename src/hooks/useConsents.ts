'use client';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Consent } from '../client/types.js';
import type { basiqKeys } from '../queries/basiqKeys.js';
import { consentsQueryOptions } from '../queries/consentsQueryOptions.js';
import { useBasiqContext } from './basiqContext.js';
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
): UseQueryResult<TData, Error> {
  const { client } = useBasiqContext('useConsents');
  return useBasiqQuery(consentsQueryOptions(client, userId), options);
}
