import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import {
  BasiqApiError,
  BasiqProvider,
  BasiqTokenScopeError,
  useEvents,
  type TokenResult,
} from '../../src';
import { createTestbed, USER } from '../support/basiqTestbed';
import { setupMswServer } from '../support/server';

const server = setupMswServer();

const FILTER = "event.type.eq('consent.revoked')";

/**
 * A provider with a QueryClient of its own (react-query's default retries, not the
 * testbed's retry-off client), so a retry by the hook would show.
 */
function setup(getToken?: (bed: ReturnType<typeof createTestbed>) => Promise<TokenResult>) {
  vi.useFakeTimers();
  const bed = createTestbed(server);
  const token = getToken ?? (async () => bed.control.clientToken(USER));
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <BasiqProvider userId={USER} getToken={() => token(bed)}>
      {children}
    </BasiqProvider>
  );
  return { bed, wrapper };
}

describe('useEvents', () => {
  it('should surface the 403 of a client token, saying to call from the server or a proxy', async () => {
    const { bed, wrapper } = setup();
    const { result } = renderHook(() => useEvents({ userId: USER, filter: FILTER }), { wrapper });
    await act(() => vi.advanceTimersByTimeAsync(60_000));

    expect(result.current.isError).toBe(true);
    expect(result.current.error).toBeInstanceOf(BasiqApiError);
    expect(result.current.error).toMatchObject({ status: 403, path: '/events' });
    expect(result.current.error?.message).toMatch(/from your server/);
    expect(result.current.error?.message).toMatch(/proxy/);
    // userId and filter reach the wire; the 403 is not retried.
    const requests = bed.control.requests();
    expect(requests).toMatchObject([{ method: 'GET', path: '/events', status: 403 }]);
    expect(new URLSearchParams(requests[0]!.search).get('filter')).toBe(
      `user.id.eq('${USER}'),${FILTER}`,
    );
  });

  it('should send a filter alone when no userId is given', async () => {
    const { bed, wrapper } = setup();
    renderHook(() => useEvents({ filter: FILTER }), { wrapper });
    await act(() => vi.advanceTimersByTimeAsync(100));
    const [request] = bed.control.requests();
    expect(new URLSearchParams(request!.search).get('filter')).toBe(FILTER);
  });

  it('should keep one query per userId and filter', async () => {
    const { bed, wrapper } = setup();
    renderHook(
      () => [
        useEvents({ userId: USER }),
        useEvents({ userId: USER }),
        useEvents({ filter: FILTER }),
      ],
      { wrapper },
    );
    await act(() => vi.advanceTimersByTimeAsync(100));
    const filters = bed.control.requests().map((r) => new URLSearchParams(r.search).get('filter'));
    expect(filters.sort()).toEqual([FILTER, `user.id.eq('${USER}')`].sort());
  });

  it('should refuse a SERVER_ACCESS token and send nothing', async () => {
    const { bed, wrapper } = setup(async (b) => b.control.serverToken());
    const { result } = renderHook(() => useEvents({ userId: USER }), { wrapper });
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(result.current.error).toBeInstanceOf(BasiqTokenScopeError);
    expect(result.current.error).toMatchObject({ reason: 'wrong-scope' });
    expect(bed.control.requests()).toEqual([]);
  });
});
