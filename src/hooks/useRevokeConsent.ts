'use client';
import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { Consent } from '../client/types.js';
import { basiqKeys } from '../queries/basiqKeys.js';
import { useBasiqClient } from './useBasiqClient.js';

/**
 * Revokes one of a user's consents (Basiq also removes its connections). The consent leaves
 * the `useConsents` list at once; if Basiq refuses, it comes back and the mutation's `error`
 * says why. Afterwards the user's data is refetched.
 *
 * @example
 * const revoke = useRevokeConsent(userId);
 * revoke.mutate(consent.id);
 */
export function useRevokeConsent(
  userId: string,
  options: Omit<UseMutationOptions<void, Error, string>, 'mutationFn' | 'onMutate'> = {},
) {
  const client = useBasiqClient();
  const queryClient = useQueryClient();
  const key = basiqKeys.consents(userId);
  return useMutation<void, Error, string, { previous?: Consent[] }>({
    mutationKey: ['basiq', 'revokeConsent', userId],
    ...(options as object),
    mutationFn: (consentId) => client.revokeConsent(userId, consentId),
    onMutate: async (consentId) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Consent[]>(key);
      queryClient.setQueryData<Consent[]>(key, (list) => list?.filter((c) => c.id !== consentId));
      return { previous };
    },
    onError: (error, consentId, context, ...rest) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      options.onError?.(error, consentId, undefined, ...rest);
    },
    onSettled: (data, error, consentId, _context, ...rest) => {
      // Refetch in the background: the mutation settles (and shows its error) at once.
      void queryClient.invalidateQueries({ queryKey: basiqKeys.user(userId) });
      return options.onSettled?.(data, error, consentId, undefined, ...rest);
    },
  });
}
