'use client';
import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { EventHub } from '../client/createEventHub.js';
import { createFlowEventTracker } from '../queries/createFlowEventTracker.js';
import { observeFlowEvents } from '../queries/observeFlowEvents.js';

/**
 * Turns what the query and mutation caches see (job steps, MFA answers, revokes, auth links,
 * failed requests) into the provider's events, once per change however many components watch.
 */
export function useFlowEventObserver(queryClient: QueryClient, events: EventHub): void {
  // State, not the effect: StrictMode runs the effect twice, and what was seen must stay seen.
  // `events` is the provider's own hub, made once.
  const [tracker] = useState(() => createFlowEventTracker(events));
  useEffect(() => observeFlowEvents(queryClient, tracker), [queryClient, tracker]);
}
