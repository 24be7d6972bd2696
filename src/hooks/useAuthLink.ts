'use client';
import type { UseQueryResult } from '@tanstack/react-query';
import type { AuthLink } from '../client/types.js';
import { authLinkQueryOptions } from '../queries/authLinkQueryOptions.js';
import type { basiqKeys } from '../queries/basiqKeys.js';
import { useBasiqContext } from './basiqContext.js';
import { useBasiqQuery, type BasiqQueryOptions } from './useBasiqQuery.js';

/**
 * A user's current auth link; `data` is `null`, not an error, when it expired or was deleted
 * (Basiq's 410).
 *
 * @example
 * const { data: link } = useAuthLink(userId);
 * if (link === null) return <p>No active link</p>;
 */
export function useAuthLink<TData = AuthLink | null>(
  userId: string | undefined,
  options: BasiqQueryOptions<AuthLink | null, TData, ReturnType<typeof basiqKeys.authLink>> = {},
): UseQueryResult<TData, Error> {
  const { client } = useBasiqContext('useAuthLink');
  return useBasiqQuery(authLinkQueryOptions(client, userId), options);
}
