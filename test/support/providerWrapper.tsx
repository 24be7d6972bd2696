import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { BasiqProvider, type BasiqClientOptions, type BasiqProviderProps } from '../../src';
import type { BasiqMockControl } from '../../src/testing';

/** The user every testbed signs in. */
export const USER = 'u1';

/**
 * A QueryClient with retries off (the client retries itself) and a wrapper giving a tree
 * QueryClientProvider + BasiqProvider for USER, with tokens minted by the mock.
 */
export function createProviderWrapper(
  control: BasiqMockControl,
  clientOptions: BasiqProviderProps['clientOptions'] = {},
  provider: Partial<BasiqProviderProps> = {},
) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const options: Omit<BasiqClientOptions, 'tokenUrl'> = {
    retry: { attempts: 1 },
    ...clientOptions,
  };
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <BasiqProvider
        getToken={async () => control.clientToken(USER)}
        userId={USER}
        clientOptions={options}
        {...provider}
      >
        {children}
      </BasiqProvider>
    </QueryClientProvider>
  );
  return { queryClient, wrapper };
}
