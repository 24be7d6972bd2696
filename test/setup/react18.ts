// Only in vitest.react18.config.ts: fails every file when the alias to React 18 did not apply,
// so the React 18 run can never pass on the lockfile's React 19 unnoticed.
import { version as reactVersion } from 'react';
import { version as reactDomVersion } from 'react-dom';

for (const [name, version] of [
  ['react', reactVersion],
  ['react-dom', reactDomVersion],
]) {
  if (!version?.startsWith('18.3.')) {
    throw new Error(`The React 18 run loaded ${name} ${version}, not 18.3.`);
  }
}

// The dependencies must render with the same React: with a second copy, their hooks throw here
// (no dispatcher), and React 19 would make ids like `_r_0_` instead of React 18's `:r0:`. Files
// that pick the node environment (server rendering) have no document to render into.
if (typeof document !== 'undefined') {
  const { renderHook } = await import('@testing-library/react');
  const { QueryClient, QueryClientProvider, useQueryClient } =
    await import('@tanstack/react-query');
  const { createElement, useId } = await import('react');
  const client = new QueryClient();
  const { result, unmount } = renderHook(() => ({ id: useId(), client: useQueryClient() }), {
    wrapper: ({ children }) => createElement(QueryClientProvider, { client }, children),
  });
  unmount();
  if (!/^:r[0-9a-z]+:$/.test(result.current.id) || result.current.client !== client) {
    throw new Error('Testing Library or React Query rendered with another React than 18.3.');
  }
}
