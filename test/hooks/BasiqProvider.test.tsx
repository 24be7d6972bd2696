// @vitest-environment-options {"url": "https://app.test/"}
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { StrictMode, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import {
  BasiqProvider,
  BasiqTokenScopeError,
  basiqKeys,
  createBasiqClient,
  useBasiqClient,
  useConsents,
  useJob,
  useUserJobs,
  type BasiqClient,
  type BasiqProviderProps,
} from '../../src';
import { createTestbed, USER } from '../support/basiqTestbed';
import { clientToken } from '../support/jwt';
import { setupMswServer } from '../support/server';

const TOKEN_URL = 'https://app.test/api/basiq/token';

const server = setupMswServer();

/** Answers TOKEN_URL with a CLIENT_ACCESS token for `userId` from the mock; returns its call count. */
function tokenEndpoint(control: ReturnType<typeof createTestbed>['control'], userId = USER) {
  let calls = 0;
  server.use(
    http.post(TOKEN_URL, () => {
      calls += 1;
      return HttpResponse.json({ access_token: control.clientToken(userId), expires_in: 3600 });
    }),
  );
  return () => calls;
}

/** Every client the components below saw, in render order. */
function clientProbe() {
  const seen: BasiqClient[] = [];
  function Probe() {
    seen.push(useBasiqClient());
    return null;
  }
  return { seen, Probe };
}

describe('useBasiqClient', () => {
  it('should throw a clear error outside <BasiqProvider>', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useBasiqClient())).toThrow(
      new Error('useBasiqClient must be used within <BasiqProvider>'),
    );
  });
});

describe('BasiqProvider', () => {
  it('should keep one client across re-renders and under StrictMode, fetching one token', async () => {
    const bed = createTestbed(server);
    const { jobId } = bed.control.createJob({ userId: USER });
    const { seen, Probe } = clientProbe();
    let tokens = 0;
    const getToken = async () => (tokens++, bed.control.clientToken(USER));
    function Phase() {
      return <p>{useJob(jobId).phase ?? 'loading'}</p>;
    }
    const tree = () => (
      <StrictMode>
        <QueryClientProvider client={bed.queryClient}>
          <BasiqProvider getToken={getToken} userId={USER}>
            <Probe />
            <Phase />
          </BasiqProvider>
        </QueryClientProvider>
      </StrictMode>
    );
    const { rerender } = render(tree());
    await screen.findByText('in-progress');
    rerender(tree());
    rerender(tree());
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(new Set(seen).size).toBe(1);
    expect(tokens).toBe(1);
  });

  it.each<[string, Partial<BasiqProviderProps>]>([
    ['userId', { userId: 'u2' }],
    ['tokenUrl', { tokenUrl: 'https://app.test/other/token' }],
    ['baseUrl', { baseUrl: 'https://proxy.app.test/basiq' }],
  ])('should make a new client when %s changes', (_name, change) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { seen, Probe } = clientProbe();
    const base = { tokenUrl: TOKEN_URL, userId: USER };
    const { rerender } = render(
      <BasiqProvider {...base}>
        <Probe />
      </BasiqProvider>,
    );
    rerender(
      <BasiqProvider {...base} {...change}>
        <Probe />
      </BasiqProvider>,
    );
    expect(seen).toHaveLength(2);
    expect(seen[1]).not.toBe(seen[0]);
    // One user replaced by another under a mounted provider is the one change warned about.
    if (_name === 'userId') {
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('userId changed from one user to another'),
      );
    }
  });

  it('should keep the client for a new inline getToken and call the newest one', async () => {
    const { seen, Probe } = clientProbe();
    const calls: string[] = [];
    const tree = (name: string, seconds: number) => (
      <BasiqProvider
        userId={USER}
        getToken={async () => (calls.push(name), clientToken(USER, seconds))}
      >
        <Probe />
      </BasiqProvider>
    );
    const { rerender } = render(tree('first', 600));
    rerender(tree('second', 7200));
    expect(seen[1]).toBe(seen[0]);
    const info = await seen[1]!.tokenInfo();
    expect(calls).toEqual(['second']);
    // The token held is the one the second function made (it lives 2 h, not 10 min).
    expect(info.expiresAt! - Date.now()).toBeGreaterThan(3600_000);
  });

  it('should use a given client as is', () => {
    const client = createBasiqClient({ tokenUrl: TOKEN_URL });
    const { result } = renderHook(() => useBasiqClient(), {
      wrapper: ({ children }) => (
        <BasiqProvider client={client} tokenUrl="https://app.test/ignored">
          {children}
        </BasiqProvider>
      ),
    });
    expect(result.current).toBe(client);
  });
});

describe('BasiqProvider (QueryClient)', () => {
  const consentsIn = (queryClient: QueryClient) =>
    queryClient.getQueryData(basiqKeys.consents(USER));

  function setup(tree: (children: ReactNode) => ReactNode) {
    const bed = createTestbed(server);
    bed.control.createJob({ userId: USER });
    const getToken = async () => bed.control.clientToken(USER);
    return renderHook(() => ({ consents: useConsents(USER), queryClient: useQueryClient() }), {
      wrapper: ({ children }) =>
        tree(<BasiqProvider getToken={getToken}>{children}</BasiqProvider>),
    });
  }

  it('should use the QueryClientProvider above it', async () => {
    const outer = new QueryClient();
    const { result } = setup((provider) => (
      <QueryClientProvider client={outer}>{provider}</QueryClientProvider>
    ));
    await waitFor(() => expect(result.current.consents.isSuccess).toBe(true));
    expect(result.current.queryClient).toBe(outer);
    expect(consentsIn(outer)).toHaveLength(1);
  });

  it('should create a QueryClient of its own when there is none above', async () => {
    const { result } = setup((provider) => provider);
    await waitFor(() => expect(result.current.consents.isSuccess).toBe(true));
    expect(result.current.queryClient).toBeInstanceOf(QueryClient);
    expect(consentsIn(result.current.queryClient)).toHaveLength(1);
  });

  it('should prefer its queryClient prop to the one above', async () => {
    const outer = new QueryClient();
    const given = new QueryClient();
    const bed = createTestbed(server);
    bed.control.createJob({ userId: USER });
    const { result } = renderHook(
      () => ({ consents: useConsents(USER), queryClient: useQueryClient() }),
      {
        wrapper: ({ children }) => (
          <QueryClientProvider client={outer}>
            <BasiqProvider queryClient={given} getToken={async () => bed.control.clientToken(USER)}>
              {children}
            </BasiqProvider>
          </QueryClientProvider>
        ),
      },
    );
    await waitFor(() => expect(result.current.consents.isSuccess).toBe(true));
    expect(result.current.queryClient).toBe(given);
    expect(consentsIn(given)).toHaveLength(1);
    expect(consentsIn(outer)).toBeUndefined();
  });
});

describe('BasiqProvider (tokens)', () => {
  it('should fetch one token for 50 components watching 50 jobs at once', async () => {
    const bed = createTestbed(server, { provider: { tokenUrl: TOKEN_URL, getToken: undefined } });
    const tokenCalls = tokenEndpoint(bed.control);
    const jobIds = Array.from({ length: 50 }, () => bed.control.createJob({ userId: USER }).jobId);
    function Watch({ jobId }: { jobId: string }) {
      return <li>{useJob(jobId).phase ?? 'loading'}</li>;
    }
    render(
      <ul>
        {jobIds.map((id) => (
          <Watch key={id} jobId={id} />
        ))}
      </ul>,
      { wrapper: bed.wrapper },
    );
    await waitFor(() => expect(screen.queryAllByText('in-progress')).toHaveLength(50));
    expect(bed.jobPolls()).toBeGreaterThanOrEqual(50);
    expect(tokenCalls()).toBe(1);
  });

  it('should refuse a token of another user and send nothing', async () => {
    const bed = createTestbed(server, {
      provider: { getToken: async () => bed.control.clientToken('u2') },
    });
    const { jobId } = bed.control.createJob({ userId: 'u2' });
    const { result } = renderHook(() => ({ job: useJob(jobId), consents: useConsents(USER) }), {
      wrapper: bed.wrapper,
    });
    await waitFor(() => expect(result.current.job.error).not.toBeNull());
    await waitFor(() => expect(result.current.consents.error).not.toBeNull());
    for (const error of [result.current.job.error, result.current.consents.error]) {
      expect(error).toBeInstanceOf(BasiqTokenScopeError);
      expect((error as BasiqTokenScopeError).reason).toBe('user-mismatch');
    }
    expect(bed.control.requests()).toEqual([]);
  });
});

describe('BasiqProvider (job success)', () => {
  it("should refetch the user's jobs and consents once when a watched job succeeds", async () => {
    vi.useFakeTimers();
    const bed = createTestbed(server);
    const { jobId } = bed.control.createJob({ userId: USER, stepMs: 300 });
    const count = (path: string) =>
      bed.control.requests().filter((r) => r.method === 'GET' && r.path === path).length;
    const lists = () => [count(`/users/${USER}/jobs`), count(`/users/${USER}/consents`)];
    let refetchJob = () => Promise.resolve<unknown>(undefined);
    function Watch() {
      const job = useJob(jobId);
      refetchJob = job.refetch;
      return <li>{job.phase ?? 'loading'}</li>;
    }
    function Lists() {
      const jobs = useUserJobs(USER);
      const consents = useConsents(USER);
      return <p>{`${jobs.data?.length ?? '-'} jobs, ${consents.data?.length ?? '-'} consents`}</p>;
    }
    render(
      <ul>
        <Watch />
        <Watch />
        <Watch />
        <Lists />
      </ul>,
      { wrapper: bed.wrapper },
    );
    // The job ends at 900 ms; the watchers' shared poll sees it at 1 s.
    await act(() => vi.advanceTimersByTimeAsync(950));
    expect(screen.getAllByText('in-progress')).toHaveLength(3);
    expect(screen.getByText('1 jobs, 1 consents')).toBeTruthy();
    expect(lists()).toEqual([1, 1]);
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(screen.getAllByText('success')).toHaveLength(3);
    expect(bed.jobPolls(jobId)).toBe(2);
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(lists()).toEqual([2, 2]);
    // Reading the finished job again does not refresh the lists again.
    await act(() => refetchJob());
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(bed.jobPolls(jobId)).toBe(3);
    expect(lists()).toEqual([2, 2]);
  });
});
