import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import type { BasiqClient } from '../client/createBasiqClient.js';
import { basiqKeys } from './basiqKeys.js';

/**
 * The mutation deleting a user's auth link; the cached `authLink` query then reads `null`.
 * `useDeleteAuthLink` is this, as a hook.
 *
 * @param client - The client, e.g. from {@link useBasiqClient}.
 * @param queryClient - The QueryClient holding the user's auth link.
 * @param userId - Whose auth link.
 *
 * @example
 * const remove = useMutation(deleteAuthLinkMutationOptions(client, queryClient, userId));
 * remove.mutate();
 */
export function deleteAuthLinkMutationOptions(
  client: BasiqClient,
  queryClient: QueryClient,
  userId: string,
) {
  return mutationOptions<void, Error, void>({
    mutationKey: basiqKeys.deleteAuthLink(userId),
    mutationFn: () => client.deleteAuthLink(userId),
    onSuccess: () => {
      queryClient.setQueryData(basiqKeys.authLink(userId), null);
    },
  });
}
