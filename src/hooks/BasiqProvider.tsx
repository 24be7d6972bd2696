'use client';
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import { useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  createBasiqClient,
  type BasiqClient,
  type BasiqClientOptions,
} from '../client/createBasiqClient.js';
import { createEventHub } from '../client/createEventHub.js';
import type { BasiqFlowEventListener } from '../client/flowEvents.js';
import { BASIQ_HOSTS } from '../client/isAllowedUrl.js';
import type { TokenResult } from '../client/tokenSource.js';
import { BasiqContext, type BasiqContextValue } from './basiqContext.js';
import type { PartialLabels } from '../labels/defaultLabels.js';
import { useDevWarnings } from './useDevWarnings.js';
import { useFlowEventObserver } from './useFlowEventObserver.js';
import { useInvalidateOnJobSuccess } from './useInvalidateOnJobSuccess.js';

/** Props of {@link BasiqProvider}. Give `tokenUrl`, `getToken` or a ready `client`. */
export interface BasiqProviderProps {
  /** Your endpoint answering `{ access_token, expires_in }` with a CLIENT_ACCESS token (see `basiq-react/server`). */
  tokenUrl?: string;
  /** Instead of `tokenUrl`: resolves to a CLIENT_ACCESS token. The latest function is always used. */
  getToken?: () => Promise<TokenResult>;
  /** A client made with `createBasiqClient`; the other client props are then ignored. */
  client?: BasiqClient;
  /** The signed-in user: every token's `userid` claim must match it. A new user gets a new client (and token). */
  userId?: string;
  /** Basiq's API or your proxy. @default 'https://au-api.basiq.io' */
  baseUrl?: string;
  /** The hosted consent UI. @default 'https://consent.basiq.io' */
  consentBaseUrl?: string;
  /** Further client options (`retry`, `timeoutMs`, `fetch`, …). Read when the client is made. */
  clientOptions?: Omit<
    BasiqClientOptions,
    'tokenUrl' | 'getToken' | 'userId' | 'baseUrl' | 'consentBaseUrl'
  >;
  /**
   * Told of everything that happens, in order, exactly once: consent launched and returned, each
   * job step, MFA asked, sent, accepted or refused, accounts ready, job done or failed, consent
   * revoked, auth link created or deleted, a request failed. Only ids and codes, never a token.
   * The latest function is always used. See also {@link useBasiqEvents}.
   */
  onEvent?: BasiqFlowEventListener;
  /** The QueryClient to use. @default the one of a `QueryClientProvider` above, or a new one */
  queryClient?: QueryClient;
  /** Texts of the components, merged over the English defaults. */
  labels?: PartialLabels;
  /**
   * `https:` hosts the kit may send users to besides Basiq's own (a `consentBaseUrl` of your
   * own must be listed here; loopback `http:` is always allowed). @default []
   */
  allowedHosts?: readonly string[];
  /**
   * How long `useJob`, `useJobs` and `ConnectionStatus` poll a job that does not finish before
   * they stop and report a `BasiqPollTimeoutError` (each can override it).
   * @default 900000 (15 minutes)
   */
  maxPollMs?: number;
  children?: ReactNode;
}

/** A stable function that calls the newest `getToken` it was given. */
function latest(initial: (() => Promise<TokenResult>) | undefined) {
  let current = initial;
  return {
    call: () => current!(),
    set(next: typeof initial) {
      current = next;
    },
  };
}

/**
 * Makes Basiq available to the hooks and components below it: creates the browser client
 * once (again only when `userId`, `tokenUrl`, `baseUrl` or `consentBaseUrl` change), and
 * uses the `QueryClientProvider` above it or creates a QueryClient of its own.
 *
 * @param props - Where tokens come from (`tokenUrl`, `getToken` or a `client`), whose they must be
 *   (`userId`), and defaults for the hooks and components below.
 *
 * @example
 * <BasiqProvider tokenUrl="/api/basiq/token" userId={user.id}>
 *   <ConnectionStatus jobId={jobId} />
 * </BasiqProvider>
 */
export function BasiqProvider({
  tokenUrl,
  getToken,
  client: givenClient,
  userId,
  baseUrl,
  consentBaseUrl,
  clientOptions,
  queryClient: givenQueryClient,
  labels,
  allowedHosts = [],
  maxPollMs,
  onEvent,
  children,
}: BasiqProviderProps) {
  const outerQueryClient = useContext(QueryClientContext);
  const [ownQueryClient] = useState(() =>
    givenQueryClient || outerQueryClient ? undefined : new QueryClient(),
  );
  const queryClient = givenQueryClient ?? outerQueryClient ?? ownQueryClient!;

  // The client calls the newest getToken, so an inline function does not remake the client.
  const [latestGetToken] = useState(() => latest(getToken));
  useEffect(() => latestGetToken.set(getToken));
  const hasGetToken = !!getToken;
  const [initialOptions] = useState(clientOptions);
  const client = useMemo(
    () =>
      givenClient ??
      createBasiqClient({
        ...initialOptions,
        tokenUrl,
        getToken: hasGetToken ? latestGetToken.call : undefined,
        userId,
        baseUrl,
        consentBaseUrl,
      }),
    [
      givenClient,
      initialOptions,
      latestGetToken,
      tokenUrl,
      hasGetToken,
      userId,
      baseUrl,
      consentBaseUrl,
    ],
  );

  const [events] = useState(createEventHub);
  const latestOnEvent = useRef(onEvent);
  useEffect(() => {
    latestOnEvent.current = onEvent;
  });
  useEffect(() => events.subscribe((event) => latestOnEvent.current?.(event)), [events]);

  const hosts = [...BASIQ_HOSTS, ...allowedHosts].join(' ');
  // Keyed by content, so an inline `labels={{…}}` does not re-render everything below.
  const labelsKey = JSON.stringify(labels ?? {});
  const value = useMemo<BasiqContextValue>(
    () => ({
      client,
      labels: JSON.parse(labelsKey) as PartialLabels,
      allowedHosts: hosts.split(' '),
      maxPollMs,
      events,
    }),
    [client, labelsKey, hosts, maxPollMs, events],
  );
  useInvalidateOnJobSuccess(queryClient);
  useFlowEventObserver(queryClient, events);
  // Development builds only: the whole call goes from production bundles.
  if (process.env.NODE_ENV !== 'production') {
    // eslint-disable-next-line react-hooks/rules-of-hooks -- the condition is fixed per build
    useDevWarnings({ userId, tokenUrl: givenClient || getToken ? undefined : tokenUrl, labels });
  }

  const tree = <BasiqContext.Provider value={value}>{children}</BasiqContext.Provider>;
  return queryClient === outerQueryClient ? (
    tree
  ) : (
    <QueryClientProvider client={queryClient}>{tree}</QueryClientProvider>
  );
}
