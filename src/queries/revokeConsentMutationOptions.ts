import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import type { BasiqClient } from '../client/createBasiqClient.js';
import type { Consent } from '../client/types.js';
import { basiqKeys } from './basiqKeys.js';

/**
 * The mutation revoking one of a user's consents (Basiq also removes its connections). The
 * consent leaves the cached list at once; if Basiq refuses, it is put back. Afterwards the
 * user's data is refetched. `useRevokeConsent` is this, as a hook.
 *
 * @param client - The client, e.g. from {@link useBasiqClient}.
 * @param queryClient - The QueryClient holding the user's consents.
 * @param userId - Whose consent to revoke.
 *
 * @example
 * const revoke = useMutation(revokeConsentMutationOptions(client, queryClient, userId));
 * revoke.mutate(consent.id);
 */
export function revokeConsentMutationOptions(
  client: BasiqClient,
  queryClient: QueryClient,
  userId: string,
) {
  const consentsKey = basiqKeys.consents(userId);
  return mutationOptions<void, Error, string, { previous?: Consent[] }>({
    mutationKey: basiqKeys.revokeConsent(userId),
    mutationFn: (consentId) => client.revokeConsent(userId, consentId),
    onMutate: async (consentId) => {
      await queryClient.cancelQueries({ queryKey: consentsKey });
      const previous = queryClient.getQueryData<Consent[]>(consentsKey);
      queryClient.setQueryData<Consent[]>(consentsKey, (list) =>
        list?.filter((consent) => consent.id !== consentId),
      );
      return { previous };
    },
    onError: (_error, _consentId, context) => {
      if (context?.previous) queryClient.setQueryData(consentsKey, context.previous);
    },
    onSettled: () => {
      // Refetch in the background: the mutation settles (and shows its error) at once.
      void queryClient.invalidateQueries({ queryKey: basiqKeys.user(userId) });
    },
  });
}
