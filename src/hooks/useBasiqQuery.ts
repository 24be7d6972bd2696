'use client';
import {
  useQuery,
  type QueryKey,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';

/** React-query options a Basiq query hook accepts: everything but the key and function it sets. */
export type BasiqQueryOptions<TQueryFnData, TData, TKey extends QueryKey> = Omit<
  UseQueryOptions<TQueryFnData, Error, TData, TKey>,
  'queryKey' | 'queryFn'
>;

/** `useQuery` over a Basiq options factory, with the caller's options (`select` included) on top. */
export function useBasiqQuery<TQueryFnData, TData, TKey extends QueryKey>(
  base: UseQueryOptions<TQueryFnData, Error, TQueryFnData, TKey>,
  options: BasiqQueryOptions<TQueryFnData, TData, TKey>,
): UseQueryResult<TData, Error> {
  // The factory's `select` type is fixed to its own data; the caller's may map it to TData.
  return useQuery({ ...base, ...options } as UseQueryOptions<TQueryFnData, Error, TData, TKey>);
}
