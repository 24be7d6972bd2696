'use client';
import { useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { revokeConsentMutationOptions } from '../queries/revokeConsentMutationOptions.js';
import { useBasiqContext } from './basiqContext.js';
import { useBasiqMutation, type BasiqMutationOptions } from './useBasiqMutation.js';

/**
 * Revokes one of a user's consents (Basiq also removes its connections). The consent leaves
 * the `useConsents` list at once; if Basiq refuses, it comes back and the mutation's `error`
 * says why. Afterwards the user's data is refetched.
 *
 * @param userId - Whose consent to revoke.
 * @param options - react-query's mutation options (`onSuccess`, `onError`, …).
 *
 * @example
 * const revoke = useRevokeConsent(userId);
 * revoke.mutate(consent.id);
 */
export function useRevokeConsent(
  userId: string,
  options: BasiqMutationOptions<void, string> = {},
): UseMutationResult<void, Error, string> {
  const { client } = useBasiqContext('useRevokeConsent');
  const queryClient = useQueryClient();
  return useBasiqMutation(revokeConsentMutationOptions(client, queryClient, userId), options);
}
