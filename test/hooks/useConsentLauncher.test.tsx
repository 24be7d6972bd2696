import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { http, passthrough } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReactNode } from 'react';
import {
  BasiqError,
  BasiqProvider,
  BasiqTokenError,
  useConsentLauncher,
  type ConsentUrlOptions,
} from '../../src';
import { createBasiqMock, startMockBasiqServer, type MockBasiqServer } from '../../src/testing';
import { createTestbed, USER } from '../support/basiqTestbed';
import { clientToken } from '../support/jwt';
import { setupMswServer } from '../support/server';
import { stubAssign } from '../support/stubAssign';

const server = setupMswServer();
let basiqServer: MockBasiqServer;
beforeAll(async () => {
  basiqServer = await startMockBasiqServer();
});
afterEach(() => {
  sessionStorage.clear();
});
afterAll(async () => {
  await basiqServer.close();
});

const MINUTE = 60_000;

interface Claims {
  scope: string;
  userid: string;
  exp: number;
  jti: string;
}

function readConsentUrl(href: string) {
  const url = new URL(href);
  const token = url.searchParams.get('token') ?? '';
  const payload = token.split('.')[1] ?? '';
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Claims;
  return { url, token, payload, claims, state: url.searchParams.get('state') ?? '' };
}

/** Every value the page keeps: session and local storage (keys and values), and cookies. */
function storedText(): string {
  const parts = [document.cookie];
  for (const storage of [sessionStorage, localStorage]) {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)!;
      parts.push(key, storage.getItem(key) ?? '');
    }
  }
  return parts.join('\n');
}

function expectStateKeptNotToken(href: string) {
  const { token, payload, state } = readConsentUrl(href);
  expect(storedText()).toContain(state);
  expect(storedText()).not.toContain(token);
  expect(storedText()).not.toContain(payload);
}

function launch(bed: ReturnType<typeof createTestbed>, defaults?: ConsentUrlOptions) {
  const readiness: boolean[] = [];
  const hook = renderHook(
    () => {
      const launcher = useConsentLauncher(defaults);
      readiness.push(launcher.isReady);
      return launcher;
    },
    { wrapper: bed.wrapper },
  );
  return { ...hook, readiness };
}

/** Lets the token and URL promises settle under fake timers. */
const settle = () => act(() => vi.advanceTimersByTimeAsync(0));

describe('useConsentLauncher', () => {
  it('should get an href ready with a fresh client token, the action and a state kept in sessionStorage', async () => {
    const bed = createTestbed(server);
    const { result, readiness } = launch(bed, { action: 'connect' });
    expect(result.current.href).toBeUndefined();

    await waitFor(() => expect(result.current.isReady).toBe(true));
    expect(readiness[0]).toBe(false);
    expect(readiness.at(-1)).toBe(true);
    const { url, claims, state } = readConsentUrl(result.current.href!);
    expect(url.origin + url.pathname).toBe('https://consent.basiq.io/home');
    expect(url.searchParams.get('action')).toBe('connect');
    expect(claims).toMatchObject({ scope: 'CLIENT_ACCESS', userid: USER });
    expect(claims.exp * 1000 - Date.now()).toBeGreaterThanOrEqual(10 * MINUTE);
    expect(state).toMatch(/^[0-9a-f]{32}$/);
    expectStateKeptNotToken(result.current.href!);
    expect(result.current.error).toBeUndefined();
  });

  it("should never hand out the last user's URL once the user changed", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { handlers, control } = createBasiqMock({ users: ['u1', 'u2'] });
    server.use(...handlers);
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    let user = 'u1';
    let releaseU2 = () => {};
    const u2Token = new Promise<void>((resolve) => (releaseU2 = resolve));
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <BasiqProvider
          userId={user}
          getToken={async () => {
            const asked = user;
            if (asked === 'u2') await u2Token;
            return control.clientToken(asked);
          }}
        >
          {children}
        </BasiqProvider>
      </QueryClientProvider>
    );
    const { result, rerender } = renderHook(() => useConsentLauncher(), { wrapper });
    await waitFor(() => expect(result.current.isReady).toBe(true));
    expect(readConsentUrl(result.current.href!).claims.userid).toBe('u1');

    user = 'u2';
    rerender();
    // u2's token is not there yet: nothing to hand out, and certainly not u1's URL.
    expect(result.current.href).toBeUndefined();
    expect(result.current.isReady).toBe(false);
    releaseU2();
    await waitFor(() => expect(result.current.isReady).toBe(true));
    expect(readConsentUrl(result.current.href!).claims.userid).toBe('u2');
  });

  it('should navigate to the consent UI with a new state on every open', async () => {
    const assign = stubAssign();
    const bed = createTestbed(server);
    const { result } = launch(bed);
    await waitFor(() => expect(result.current.isReady).toBe(true));

    await act(() => result.current.open('connect'));
    await act(() => result.current.open('connect'));

    expect(assign).toHaveBeenCalledTimes(2);
    const [first, second] = assign.mock.calls.map(([url]) => readConsentUrl(String(url)));
    for (const opened of [first!, second!]) {
      expect(opened.url.origin + opened.url.pathname).toBe('https://consent.basiq.io/home');
      expect(opened.url.searchParams.get('action')).toBe('connect');
      expect(opened.claims.scope).toBe('CLIENT_ACCESS');
      expectStateKeptNotToken(opened.url.href);
    }
    const states = new Set([
      first!.state,
      second!.state,
      readConsentUrl(result.current.href!).state,
    ]);
    expect(states.size).toBe(3);
  });

  it('should pass institutionId and connectionId to the URL, and let open() override them', async () => {
    const assign = stubAssign();
    const bed = createTestbed(server);
    const { result } = launch(bed, {
      action: 'connect',
      institutionId: 'AU00000',
      connectionId: 'conn-1',
    });
    await waitFor(() => expect(result.current.isReady).toBe(true));
    const { url } = readConsentUrl(result.current.href!);
    expect(url.searchParams.get('institutionId')).toBe('AU00000');
    expect(url.searchParams.get('connectionId')).toBe('conn-1');

    await act(() => result.current.open('update', { connectionId: 'conn-2' }));
    const opened = readConsentUrl(String(assign.mock.calls[0]![0])).url.searchParams;
    expect(opened.get('action')).toBe('update');
    expect(opened.get('institutionId')).toBe('AU00000');
    expect(opened.get('connectionId')).toBe('conn-2');
  });

  it("should open the mock server's consent page on loopback http:, which accepts the URL", async () => {
    server.use(http.all(`${basiqServer.url}/*`, () => passthrough()));
    const assign = stubAssign();
    const bed = createTestbed(server, {
      provider: {
        consentBaseUrl: basiqServer.consentUrl,
        getToken: async () => basiqServer.control.clientToken(USER),
      },
    });
    const { result } = launch(bed, { action: 'connect' });

    await act(() => result.current.open());

    expect(assign).toHaveBeenCalledTimes(1);
    const opened = String(assign.mock.calls[0]![0]);
    expect(opened.startsWith(`${basiqServer.consentUrl}/home?`)).toBe(true);
    const page = await fetch(opened);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post" action="/consent/connect">');
  });

  it('should refuse to open a consent UI on a host that is not allowed, naming the host', async () => {
    const assign = stubAssign();
    const bed = createTestbed(server, {
      provider: { consentBaseUrl: 'https://evil.example/consent' },
    });
    const { result } = launch(bed, { action: 'connect' });

    const opening = result.current.open();
    await expect(opening).rejects.toBeInstanceOf(BasiqError);
    await expect(opening).rejects.toThrow(/evil\.example/);
    expect(assign).not.toHaveBeenCalled();
  });

  it('should open a consent UI on a host listed in allowedHosts', async () => {
    const assign = stubAssign();
    const bed = createTestbed(server, {
      provider: { consentBaseUrl: 'https://evil.example/consent', allowedHosts: ['evil.example'] },
    });
    const { result } = launch(bed, { action: 'connect' });

    await act(() => result.current.open());

    expect(assign).toHaveBeenCalledTimes(1);
    const { url } = readConsentUrl(String(assign.mock.calls[0]![0]));
    expect(url.origin + url.pathname).toBe('https://evil.example/consent/home');
  });

  it('should report a failing token endpoint as error, stay not ready and recover on the next rebuild', async () => {
    vi.useFakeTimers();
    const assign = stubAssign();
    let down = true;
    const getToken = async () => {
      if (down) throw new Error('token endpoint down');
      return clientToken(USER);
    };
    const { result } = launch(createTestbed(server, { provider: { getToken } }));
    await settle();

    expect(result.current.error).toBeInstanceOf(BasiqTokenError);
    expect(result.current.isReady).toBe(false);
    expect(result.current.href).toBeUndefined();
    await expect(result.current.open('connect')).rejects.toBeInstanceOf(BasiqTokenError);
    expect(assign).not.toHaveBeenCalled();

    down = false;
    await act(() => vi.advanceTimersByTimeAsync(5 * MINUTE));
    expect(result.current.error).toBeUndefined();
    expect(result.current.isReady).toBe(true);
  });

  it('should rebuild href every 5 minutes with a new state and a token good for 10 more minutes', async () => {
    vi.useFakeTimers();
    let tokensFetched = 0;
    const getToken = async () => {
      tokensFetched++;
      return clientToken(USER, 12 * 60);
    };
    const { result, unmount } = launch(createTestbed(server, { provider: { getToken } }));
    await settle();
    const first = readConsentUrl(result.current.href!);

    await act(() => vi.advanceTimersByTimeAsync(5 * MINUTE - 1000));
    expect(result.current.href).toBe(first.url.href);

    await act(() => vi.advanceTimersByTimeAsync(1000));
    const second = readConsentUrl(result.current.href!);
    expect(second.state).not.toBe(first.state);
    expect(second.token).not.toBe(first.token);
    expect(second.claims.exp * 1000 - Date.now()).toBeGreaterThanOrEqual(10 * MINUTE);
    expectStateKeptNotToken(second.url.href);
    expect(tokensFetched).toBe(2);

    unmount();
    await act(() => vi.advanceTimersByTimeAsync(20 * MINUTE));
    expect(tokensFetched).toBe(2);
  });
});
