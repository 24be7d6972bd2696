'use client';
import { createContext, useContext } from 'react';
import type { BasiqClient } from '../client/createBasiqClient.js';
import type { EventHub } from '../client/createEventHub.js';
import type { PartialLabels } from '../labels/defaultLabels.js';

/** What `<BasiqProvider>` gives the hooks and components below it. */
export interface BasiqContextValue {
  client: BasiqClient;
  /** The provider's `labels`, unmerged: each component merges its own sections over their defaults (`useComponentLabels`), so an app ships only the texts it shows. */
  labels: PartialLabels;
  /** Hosts the kit may send the user to (`https:`), besides loopback. */
  allowedHosts: readonly string[];
  /** The provider's default `maxPollMs` for job polling. */
  maxPollMs?: number;
  /** The provider's event stream (`onEvent`, `useBasiqEvents`). */
  events: EventHub;
}

export const BasiqContext = /* @__PURE__ */ createContext<BasiqContextValue | null>(null);

/** The provider's context for `hook`; outside `<BasiqProvider>` it throws, naming the hook. */
export function useBasiqContext(hook: string): BasiqContextValue {
  const value = useContext(BasiqContext);
  if (!value) throw new Error(`${hook} must be used within <BasiqProvider>`);
  return value;
}
