import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BasiqApiError, useAuthLink, useCreateAuthLink, useDeleteAuthLink } from '../../src';
import { createTestbed, USER } from '../support/basiqTestbed';
import { clientToken } from '../support/jwt';
import { setupMswServer } from '../support/server';

const server = setupMswServer();

const MOBILE = '+61400000000';

/** The link, and the create/delete mutations, of USER; waits for the first read. */
async function setup(user: { mobile?: string } = { mobile: MOBILE }) {
  const bed = createTestbed(server);
  bed.control.createUser({ id: USER, ...user });
  const { result } = renderHook(
    () => ({
      link: useAuthLink(USER),
      create: useCreateAuthLink(USER),
      remove: useDeleteAuthLink(USER),
    }),
    { wrapper: bed.wrapper },
  );
  await waitFor(() => expect(result.current.link.isSuccess).toBe(true));
  const calls = (method: string) =>
    bed.control
      .requests()
      .filter((r) => r.method === method && r.path === `/users/${USER}/auth_link`)
      .map((r) => r.status);
  return { bed, result, calls };
}

describe('useAuthLink', () => {
  it('should read null, not an error, when the user has no link (410)', async () => {
    const { result, calls } = await setup();
    expect(result.current.link.data).toBeNull();
    expect(result.current.link.error).toBeNull();
    expect(calls('GET')).toEqual([410]);
  });

  it('should surface an unknown user as a 404 BasiqApiError', async () => {
    // A token for a user the mock does not know (control.clientToken would create it).
    const bed = createTestbed(server, {
      provider: { userId: 'ghost', getToken: async () => clientToken('ghost') },
    });
    const { result } = renderHook(() => useAuthLink('ghost'), { wrapper: bed.wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.data).toBeUndefined();
    expect(result.current.error).toBeInstanceOf(BasiqApiError);
    expect(result.current.error).toMatchObject({ status: 404 });
    expect(bed.control.requests()).toMatchObject([{ path: '/users/ghost/auth_link' }]);
  });
});

describe('useCreateAuthLink', () => {
  it("should show the new link at once, sent to the user's mobile, without another GET", async () => {
    const { result, calls } = await setup();
    await act(() => result.current.create.mutateAsync());
    expect(result.current.link.data).toMatchObject({
      userId: USER,
      mobile: MOBILE,
      url: expect.stringMatching(/^https:\/\/connect\.basiq\.io\//),
    });
    expect(result.current.link.data).toEqual(result.current.create.data);
    expect(calls('POST')).toEqual([201]);
    expect(calls('GET')).toEqual([410]);
  });

  it('should pass the mobile given to mutate', async () => {
    const { result, calls } = await setup({});
    await act(() => result.current.create.mutateAsync({ mobile: '+61411111111' }));
    expect(result.current.link.data?.mobile).toBe('+61411111111');
    expect(calls('POST')).toEqual([201]);
  });

  it('should report a user with no mobile as a 400 error and keep null', async () => {
    const { result } = await setup({});
    await act(() => result.current.create.mutateAsync().catch(() => {}));
    expect(result.current.create.error).toBeInstanceOf(BasiqApiError);
    expect(result.current.create.error).toMatchObject({ status: 400 });
    expect(result.current.link.data).toBeNull();
  });
});

describe('useDeleteAuthLink', () => {
  it('should bring the link back to null, and Basiq agrees', async () => {
    const { result, calls } = await setup();
    await act(() => result.current.create.mutateAsync());
    expect(result.current.link.data).not.toBeNull();

    await act(() => result.current.remove.mutateAsync());
    expect(result.current.link.data).toBeNull();
    expect(calls('DELETE')).toEqual([204]);
    expect(calls('GET')).toEqual([410]);

    await act(() => result.current.link.refetch());
    expect(result.current.link.data).toBeNull();
    expect(calls('GET')).toEqual([410, 410]);
  });
});
