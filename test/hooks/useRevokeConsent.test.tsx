import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { BasiqApiError, useConsents, useRevokeConsent } from '../../src';
import { advance, createTestbed, USER } from '../support/basiqTestbed';
import { setupMswServer } from '../support/server';

const server = setupMswServer();

type Options = NonNullable<Parameters<typeof useRevokeConsent>[1]>;

function Consents({ options }: { options?: Options }) {
  const { data } = useConsents(USER);
  const revoke = useRevokeConsent(USER, options);
  return (
    <>
      <ul>
        {data?.map((consent) => (
          <li key={consent.id}>
            <span>{consent.status}</span>
            <button onClick={() => revoke.mutate(consent.id)}>revoke</button>
          </li>
        ))}
      </ul>
      <p role="alert">{revoke.error?.message}</p>
    </>
  );
}

/** A user with one active consent, the list rendered, and every response delayed 500 ms. */
async function setup(options?: Options) {
  vi.useFakeTimers();
  const bed = createTestbed(server);
  bed.control.createJob({ userId: USER });
  render(<Consents options={options} />, { wrapper: bed.wrapper });
  await act(() => vi.advanceTimersByTimeAsync(50));
  expect(items()).toEqual(['active']);
  bed.control.setLatency(500);
  const deletes = () =>
    bed.control.requests().filter((r) => r.method === 'DELETE' && r.path.includes('/consents/'));
  return { bed, deletes };
}

const items = () =>
  screen.queryAllByRole('listitem').map((li) => li.querySelector('span')!.textContent);

describe('useRevokeConsent', () => {
  it('should remove the consent at once, then show it revoked after the refetch', async () => {
    const onSuccess = vi.fn();
    const onSettled = vi.fn();
    const { bed, deletes } = await setup({ onSuccess, onSettled });

    fireEvent.click(screen.getByRole('button', { name: 'revoke' }));
    await advance(100);
    // The DELETE is on its way (no status yet) and the list is already empty.
    expect(deletes()).toMatchObject([{ status: 0 }]);
    expect(items()).toEqual([]);

    await advance(500);
    expect(deletes()).toMatchObject([{ status: 204 }]);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSettled).toHaveBeenCalledTimes(1);
    expect(onSettled.mock.calls[0]!.slice(0, 3)).toEqual([undefined, null, expect.any(String)]);

    // Basiq keeps revoked consents: the refetch brings it back as revoked.
    await advance(600);
    expect(items()).toEqual(['revoked']);
    const lists = bed.control
      .requests()
      .filter((r) => r.method === 'GET' && r.path === `/users/${USER}/consents`);
    expect(lists).toHaveLength(2);
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('should put the consent back and report the error when Basiq refuses', async () => {
    const onError = vi.fn();
    const onSettled = vi.fn();
    const { bed, deletes } = await setup({ onError, onSettled });
    bed.control.failNext(1, 500, { path: `/users/${USER}/consents/` });

    fireEvent.click(screen.getByRole('button', { name: 'revoke' }));
    await advance(100);
    expect(items()).toEqual([]);

    // The DELETE fails: the consent is back at once and the user's onError has run.
    await advance(500);
    expect(items()).toEqual(['active']);
    expect(onError).toHaveBeenCalledTimes(1);
    const [error, consentId] = onError.mock.calls[0]!;
    expect(error).toBeInstanceOf(BasiqApiError);
    expect(error).toMatchObject({ status: 500, method: 'DELETE' });
    expect((error as Error).message).toMatch(
      new RegExp(`^DELETE /users/${USER}/consents/[\\w-]+: 500`),
    );
    expect(consentId).toEqual(expect.any(String));
    expect(onSettled).toHaveBeenCalledTimes(1);
    expect(onSettled.mock.calls[0]!.slice(0, 3)).toEqual([undefined, error, consentId]);

    // The mutation settles (and shows its error) once the user's data is refetched.
    await advance(600);
    expect(screen.getByRole('alert').textContent).toBe((error as Error).message);

    // Never retried; after the refetch the consent is still active.
    await advance(2000);
    expect(deletes()).toMatchObject([{ status: 500 }]);
    expect(items()).toEqual(['active']);
  });
});
