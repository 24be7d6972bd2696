// Components under test in a real browser: the mock Basiq answers through an injected fetch
// (MSW's getResponse, no service worker), and axe checks what is on the page.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import axe from 'axe-core';
import { getResponse } from 'msw';
import type { ReactElement, ReactNode } from 'react';
import { expect } from 'vitest';
import { BasiqProvider, type BasiqProviderProps } from '../../src';
import { createBasiqMock } from '../../src/testing';
import type { BasiqMockOptions } from '../../src/testing';

/** The user every testbed signs in. */
export const USER = 'u1';

/** A mock Basiq, a provider wired to it, and `render`. */
export function createBrowserTestbed({
  mock: mockOptions = {},
  provider = {},
}: { mock?: BasiqMockOptions; provider?: Partial<BasiqProviderProps> } = {}) {
  const { handlers, control } = createBasiqMock(mockOptions);
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) =>
    (await getResponse(handlers, new Request(input, init))) ?? new Response(null, { status: 404 });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <BasiqProvider
        getToken={async () => control.clientToken(USER)}
        userId={USER}
        clientOptions={{ fetch, retry: { attempts: 1 } }}
        {...provider}
      >
        {children}
      </BasiqProvider>
    </QueryClientProvider>
  );
  return {
    control,
    queryClient,
    wrapper,
    render: (ui: ReactElement) => render(ui, { wrapper }),
  };
}

/** Fails with a readable list when axe finds any accessibility violation in `node`. */
export async function expectNoAxeViolations(node: Element = document.body): Promise<void> {
  const { violations } = await axe.run(node);
  expect(
    violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
  ).toEqual([]);
}
