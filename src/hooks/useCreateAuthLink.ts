'use client';
import { useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import type { AuthLink } from '../client/types.js';
import { createAuthLinkMutationOptions } from '../queries/createAuthLinkMutationOptions.js';
import { useBasiqContext } from './basiqContext.js';
import { useBasiqMutation, type BasiqMutationOptions } from './useBasiqMutation.js';

/**
 * Creates a new auth link for a user (replacing the previous one), optionally sent to another
 * `mobile`; `useAuthLink` shows it at once.
 *
 * @param userId - Whose auth link.
 * @param options - react-query's mutation options (`onSuccess`, `onError`, …).
 *
 * @example
 * const create = useCreateAuthLink(userId);
 * create.mutate({ mobile: '+61400000000' });
 */
export function useCreateAuthLink(
  userId: string,
  options: BasiqMutationOptions<AuthLink, { mobile?: string } | void> = {},
): UseMutationResult<AuthLink, Error, { mobile?: string } | void> {
  const { client } = useBasiqContext('useCreateAuthLink');
  const queryClient = useQueryClient();
  return useBasiqMutation(createAuthLinkMutationOptions(client, queryClient, userId), options);
}
