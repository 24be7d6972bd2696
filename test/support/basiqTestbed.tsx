import { act } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import type { QueryClient } from '@tanstack/react-query';
import type { BasiqProviderProps } from '../../src';
import { createBasiqMock } from '../../src/testing';
import type { BasiqMockControl, BasiqMockOptions } from '../../src/testing';
import type { SetupServer } from 'msw/node';
import { createProviderWrapper, USER } from './providerWrapper';

export { USER };

/** Moves the fake clock (react-query's timers and the mock's jobs) by `ms`. */
export const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

export interface Testbed {
  control: BasiqMockControl;
  queryClient: QueryClient;
  /** Wraps a tree in QueryClientProvider + BasiqProvider for USER (token from the mock). */
  wrapper: (props: { children?: ReactNode }) => ReactNode;
  /** GET /jobs/{id} requests the mock answered so far. */
  jobPolls: (jobId?: string) => number;
}

/**
 * A fresh mock Basiq on `server`, a QueryClient with retries off (the client retries
 * itself), and a provider wrapper whose tokens come from the mock.
 */
export function createTestbed(
  server: SetupServer,
  {
    mock: mockOptions = {},
    provider = {},
  }: { mock?: BasiqMockOptions; provider?: Partial<BasiqProviderProps> } = {},
): Testbed {
  const { handlers, control } = createBasiqMock(mockOptions);
  server.use(...handlers);
  const { queryClient, wrapper } = createProviderWrapper(control, {}, provider);
  const jobPolls = (jobId?: string) =>
    control
      .requests()
      .filter(
        (r) =>
          r.method === 'GET' && (jobId ? r.path === `/jobs/${jobId}` : r.path.startsWith('/jobs/')),
      ).length;
  return { control, queryClient, wrapper, jobPolls };
}
