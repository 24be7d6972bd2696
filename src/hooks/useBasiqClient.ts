'use client';
import type { BasiqClient } from '../client/createBasiqClient.js';
import { useBasiqContext } from './basiqContext.js';

/**
 * The Basiq client of the nearest `<BasiqProvider>`, for calls the hooks do not cover.
 * Throws "useBasiqClient must be used within <BasiqProvider>" outside one.
 *
 * @example
 * const client = useBasiqClient();
 * const info = await client.tokenInfo();
 */
export function useBasiqClient(): BasiqClient {
  return useBasiqContext('useBasiqClient').client;
}
