'use client';
import { useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { deleteAuthLinkMutationOptions } from '../queries/deleteAuthLinkMutationOptions.js';
import { useBasiqContext } from './basiqContext.js';
import { useBasiqMutation, type BasiqMutationOptions } from './useBasiqMutation.js';

/**
 * Deletes a user's auth link; `useAuthLink` then reads `null`.
 *
 * @param userId - Whose auth link.
 * @param options - react-query's mutation options (`onSuccess`, `onError`, …).
 *
 * @example
 * const remove = useDeleteAuthLink(userId);
 * remove.mutate();
 */
export function useDeleteAuthLink(
  userId: string,
  options: BasiqMutationOptions<void, void> = {},
): UseMutationResult<void, Error, void> {
  const { client } = useBasiqContext('useDeleteAuthLink');
  const queryClient = useQueryClient();
  return useBasiqMutation(deleteAuthLinkMutationOptions(client, queryClient, userId), options);
}
