'use client';
import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import { basiqKeys } from '../queries/basiqKeys.js';
import { useBasiqClient } from './useBasiqClient.js';

/**
 * Deletes a user's auth link; `useAuthLink` then reads `null`.
 *
 * @example
 * const remove = useDeleteAuthLink(userId);
 * remove.mutate();
 */
export function useDeleteAuthLink(
  userId: string,
  options: Omit<UseMutationOptions<void, Error, void>, 'mutationFn'> = {},
) {
  const client = useBasiqClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['basiq', 'deleteAuthLink', userId],
    ...options,
    mutationFn: () => client.deleteAuthLink(userId),
    onSuccess: async (...args) => {
      queryClient.setQueryData(basiqKeys.authLink(userId), null);
      await options.onSuccess?.(...args);
    },
  });
}
