import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BasiqApiError, createBasiqClient, useConsents, type Consent } from '../../src';
import { createTestbed, USER } from '../support/basiqTestbed';
import { clientToken } from '../support/jwt';
import { setupMswServer } from '../support/server';

const server = setupMswServer();

describe('useConsents', () => {
  it("should list the user's consents", async () => {
    const bed = createTestbed(server);
    bed.control.createJob({ userId: USER });
    const { result } = renderHook(() => useConsents(USER), { wrapper: bed.wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toEqual([
      expect.objectContaining({ id: expect.any(String), status: 'active' }),
    ]);
    expect(bed.control.requests()).toMatchObject([
      { method: 'GET', path: `/users/${USER}/consents`, auth: 'CLIENT_ACCESS', status: 200 },
    ]);
  });

  it('should list revoked consents too, newest first', async () => {
    const bed = createTestbed(server, { mock: { clock: 'manual' } });
    bed.control.createJob({ userId: USER });
    const client = createBasiqClient({ getToken: async () => bed.control.clientToken(USER) });
    const [first] = await client.getConsents(USER);
    await client.revokeConsent(USER, first!.id);
    bed.control.advance(1000);
    bed.control.createJob({ userId: USER });

    const { result } = renderHook(() => useConsents(USER), { wrapper: bed.wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.map((c) => [c.id === first!.id, c.status])).toEqual([
      [false, 'active'],
      [true, 'revoked'],
    ]);
  });

  it('should apply select to the list', async () => {
    const bed = createTestbed(server);
    bed.control.createJob({ userId: USER });
    const { result } = renderHook(
      () => useConsents(USER, { select: (all: Consent[]) => all.map((c) => c.status) }),
      { wrapper: bed.wrapper },
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toEqual(['active']);
  });

  it('should send nothing without a userId', async () => {
    const bed = createTestbed(server);
    const { result } = renderHook(() => useConsents(undefined), { wrapper: bed.wrapper });
    await act(() => Promise.resolve());
    expect(result.current.isPending).toBe(true);
    expect(result.current.fetchStatus).toBe('idle');
    expect(bed.control.requests()).toEqual([]);
  });

  it('should surface an unknown user as a 404 BasiqApiError', async () => {
    const bed = createTestbed(server, {
      provider: { userId: 'ghost', getToken: async () => clientToken('ghost') },
    });
    const { result } = renderHook(() => useConsents('ghost'), { wrapper: bed.wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(BasiqApiError);
    expect(result.current.error).toMatchObject({ status: 404 });
    expect(result.current.error?.message).toMatch(/GET \/users\/ghost\/consents: 404/);
  });
});
