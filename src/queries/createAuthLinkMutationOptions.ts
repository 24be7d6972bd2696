import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import type { BasiqClient } from '../client/createBasiqClient.js';
import type { AuthLink } from '../client/types.js';
import { basiqKeys } from './basiqKeys.js';

/**
 * The mutation creating a new auth link for a user (replacing the previous one), optionally
 * for another `mobile`; the cached `authLink` query shows it at once. `useCreateAuthLink` is
 * this, as a hook.
 *
 * @param client - The client, e.g. from {@link useBasiqClient}.
 * @param queryClient - The QueryClient holding the user's auth link.
 * @param userId - Whose auth link.
 *
 * @example
 * const create = useMutation(createAuthLinkMutationOptions(client, queryClient, userId));
 * create.mutate({ mobile: '+61400000000' });
 */
export function createAuthLinkMutationOptions(
  client: BasiqClient,
  queryClient: QueryClient,
  userId: string,
) {
  return mutationOptions<AuthLink, Error, { mobile?: string } | void>({
    mutationKey: basiqKeys.createAuthLink(userId),
    mutationFn: (body) => client.createAuthLink(userId, body ?? {}),
    onSuccess: (link) => {
      queryClient.setQueryData(basiqKeys.authLink(userId), link);
    },
  });
}
