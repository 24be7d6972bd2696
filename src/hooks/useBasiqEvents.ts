'use client';
import { useEffect, useRef } from 'react';
import type { BasiqFlowEventListener } from '../client/flowEvents.js';
import { useBasiqContext } from './basiqContext.js';

/**
 * Listens to the event stream of the nearest `<BasiqProvider>` from anywhere below it: the
 * same events, in the same order, as its `onEvent`. The latest `listener` is always called;
 * events before the component mounted are not replayed.
 *
 * @param listener - Called with each event.
 *
 * @example
 * useBasiqEvents((event) => {
 *   if (event.type === 'accounts-ready') router.push('/accounts');
 * });
 */
export function useBasiqEvents(listener: BasiqFlowEventListener): void {
  const { events } = useBasiqContext('useBasiqEvents');
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => events.subscribe((event) => latest.current(event)), [events]);
}
