'use client';
import { useContext } from 'react';
import type { BasiqClient } from '../client/createBasiqClient.js';
import { BasiqContext, type BasiqContextValue } from './basiqContext.js';

/** The provider's context; throws a clear error outside `<BasiqProvider>`. */
export function useBasiqContext(): BasiqContextValue {
  const value = useContext(BasiqContext);
  if (!value) throw new Error('useBasiqClient must be used within <BasiqProvider>');
  return value;
}

/**
 * The Basiq client of the nearest `<BasiqProvider>`, for calls the hooks do not cover.
 * Throws "useBasiqClient must be used within <BasiqProvider>" outside one.
 *
 * @example
 * const client = useBasiqClient();
 * const info = await client.tokenInfo();
 */
export function useBasiqClient(): BasiqClient {
  return useBasiqContext().client;
}
