'use client';
import {
  useMutation,
  type UseMutationOptions,
  type UseMutationResult,
} from '@tanstack/react-query';

/**
 * React-query options a Basiq mutation hook accepts: everything but the key, the function and
 * `onMutate`, which the kit's options factory sets. Callbacks run after the factory's own.
 */
export type BasiqMutationOptions<TData, TVariables> = Omit<
  UseMutationOptions<TData, Error, TVariables>,
  'mutationKey' | 'mutationFn' | 'onMutate'
>;

/**
 * `useMutation` over a Basiq mutation factory, with the caller's options on top: the caller's
 * callbacks run beside the factory's (which keep the cache right), never instead of them.
 */
export function useBasiqMutation<TData, TVariables, TContext>(
  base: UseMutationOptions<TData, Error, TVariables, TContext>,
  options: BasiqMutationOptions<TData, TVariables>,
): UseMutationResult<TData, Error, TVariables, TContext> {
  return useMutation<TData, Error, TVariables, TContext>({
    ...options,
    ...base,
    // The factory's context (e.g. an optimistic update's rollback) is its own business.
    onSuccess: async (data, variables, context, fnContext) => {
      await Promise.all([
        base.onSuccess?.(data, variables, context, fnContext),
        options.onSuccess?.(data, variables, undefined, fnContext),
      ]);
    },
    onError: async (error, variables, context, fnContext) => {
      await Promise.all([
        base.onError?.(error, variables, context, fnContext),
        options.onError?.(error, variables, undefined, fnContext),
      ]);
    },
    onSettled: async (data, error, variables, context, fnContext) => {
      await Promise.all([
        base.onSettled?.(data, error, variables, context, fnContext),
        options.onSettled?.(data, error, variables, undefined, fnContext),
      ]);
    },
  });
}
