import { createContext } from 'react';
import type { BasiqClient } from '../client/createBasiqClient.js';
import type { BasiqLabels } from '../labels/defaultLabels.js';

/** What `<BasiqProvider>` gives the hooks and components below it. */
export interface BasiqContextValue {
  client: BasiqClient;
  labels: BasiqLabels;
  /** Hosts the kit may send the user to (`https:`), besides loopback. */
  allowedHosts: readonly string[];
}

export const BasiqContext = createContext<BasiqContextValue | null>(null);
