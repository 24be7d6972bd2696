// Components under test in a real browser: the mock Basiq answers through an injected fetch
// (MSW's getResponse, no service worker), and axe checks what is on the page.
import { render } from '@testing-library/react';
import axe from 'axe-core';
import { getResponse } from 'msw';
import type { ReactElement } from 'react';
import { expect } from 'vitest';
import type { BasiqProviderProps } from '../../src';
import { createBasiqMock } from '../../src/testing';
import type { BasiqMockOptions } from '../../src/testing';
import { createProviderWrapper, USER } from './providerWrapper';

export { USER };

/** A mock Basiq, a provider wired to it, and `render`. */
export function createBrowserTestbed({
  mock: mockOptions = {},
  provider = {},
}: { mock?: BasiqMockOptions; provider?: Partial<BasiqProviderProps> } = {}) {
  const { handlers, control } = createBasiqMock(mockOptions);
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response =
      (await getResponse(handlers, new Request(input, init))) ??
      new Response(null, { status: 404 });
    // `control.dropNext` answers a network error: a real fetch rejects on it.
    if (response.type === 'error') throw new TypeError('Failed to fetch');
    return response;
  };
  const { queryClient, wrapper } = createProviderWrapper(control, { fetch }, provider);
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
