'use client';
import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { AuthLink } from '../client/types.js';
import { basiqKeys } from '../queries/basiqKeys.js';
import { useBasiqClient } from './useBasiqClient.js';

/**
 * Creates a new auth link for a user (replacing the previous one), optionally sent to another
 * `mobile`; `useAuthLink` shows it at once.
 *
 * @example
 * const create = useCreateAuthLink(userId);
 * create.mutate({ mobile: '+61400000000' });
 */
export function useCreateAuthLink(
  userId: string,
  options: Omit<UseMutationOptions<AuthLink, Error, { mobile?: string } | void>, 'mutationFn'> = {},
) {
  const client = useBasiqClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['basiq', 'createAuthLink', userId],
    ...options,
    mutationFn: (body) => client.createAuthLink(userId, body ?? {}),
    onSuccess: async (link, ...rest) => {
      queryClient.setQueryData(basiqKeys.authLink(userId), link);
      await options.onSuccess?.(link, ...rest);
    },
  });
}
