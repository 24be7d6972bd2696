// What the fault-injection suite shares: a mock Basiq on fake timers, a provider wired to it
// (tokens counted), the components rendered in jsdom, and readers for what the user sees and
// what went over the wire. Not a test file: the rows live in ./*.test.tsx, one per family.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { SetupServer } from 'msw/node';
import type { ReactElement } from 'react';
import { expect, onTestFinished, vi } from 'vitest';
import {
  ConsentList,
  createBasiqClient,
  defaultLabels,
  type BasiqClientOptions,
  type BasiqProviderProps,
} from '../../src';
import { createBasiqMock } from '../../src/testing';
import type { BasiqMockControl, BasiqMockOptions, MockRequest } from '../../src/testing';
import { createProviderWrapper, USER } from '../support/providerWrapper';

export { USER };
export const labels = defaultLabels;
export const cs = defaultLabels.connectionStatus;
export const mfaText = defaultLabels.mfaForm;
export const consentText = defaultLabels.consentList;

/** Step lengths that leave time to act: MFA after 1 s, data after a few more. */
export const STEPS = {
  'verify-credentials': 1000,
  'mfa-verify': 1000,
  'retrieve-accounts': 2000,
  'retrieve-transactions': 2000,
};

// Captured before any test fakes timers.
const realSetImmediate = globalThis.setImmediate;

/**
 * Moves the fake clock (polling, retries, the mock's jobs and latency) by `ms`, in steps of
 * `step` ms, each its own `act` so React renders between them as a browser would; after each
 * step, what is already answered arrives (MSW hands responses over on real tasks) without
 * moving the clock.
 */
export async function advance(ms: number, step = 100) {
  let left = ms;
  do {
    const now = Math.min(step, left);
    left -= now;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(now);
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => realSetImmediate(resolve));
        await vi.advanceTimersByTimeAsync(0);
      }
    });
  } while (left > 0);
}

export interface FaultbedOptions {
  mock?: BasiqMockOptions;
  /** Client options (retry, timeoutMs); by default retries are off as in the other testbeds. */
  client?: BasiqProviderProps['clientOptions'];
  /** Provider props over the defaults (`tokenUrl` with `getToken: undefined`, `maxPollMs`, …). */
  provider?: Partial<BasiqProviderProps>;
  /** Start the fake clock here (a whole second, so HTTP dates are exact). */
  at?: number;
}

/**
 * Fake timers, a fresh mock Basiq on `server` (its clock follows the fake one), a QueryClient
 * with retries off, and a provider for USER whose tokens the mock mints (`tokenCalls()`
 * counts them).
 */
export function createFaultbed(server: SetupServer, options: FaultbedOptions = {}) {
  vi.useFakeTimers();
  if (options.at !== undefined) vi.setSystemTime(options.at);
  const { handlers, control } = createBasiqMock(options.mock);
  server.use(...handlers);
  const getToken = vi.fn(async () => control.clientToken(USER));
  const { queryClient, wrapper } = createProviderWrapper(
    control,
    { retry: { attempts: 1 }, ...options.client },
    { getToken, ...options.provider },
  );
  // Everything the page showed, each time it changed: a message that came and went still counts.
  const seen: string[] = [];
  const observer = new MutationObserver(() => {
    const text = document.body.textContent ?? '';
    if (text !== seen.at(-1)) seen.push(text);
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  onTestFinished(() => observer.disconnect());
  return {
    control,
    queryClient,
    wrapper,
    /** Whether the page ever showed `text` since the testbed was made. */
    everShown: (text: string) => seen.some((snapshot) => snapshot.includes(text)),
    render: (ui: ReactElement) => render(ui, { wrapper }),
    /** Calls of getToken (tokens fetched), by the provider and by `client()`. */
    tokenCalls: () => getToken.mock.calls.length,
    /** A client of its own (3 tries per GET unless told), its tokens minted by the mock. */
    client: (clientOptions: Partial<BasiqClientOptions> = {}) =>
      createBasiqClient({ getToken, retry: { attempts: 3 }, ...clientOptions }),
    ...wire(control),
  };
}

/** Readers of what went over the wire to the mock. */
export function wire(control: BasiqMockControl) {
  const matching = (method: string, path: string | RegExp) => (r: MockRequest) =>
    r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path));
  return {
    /** The statuses the mock answered `method path` (0: dropped, or not answered yet). */
    statuses: (method: string, path: string | RegExp) =>
      control
        .requests()
        .filter(matching(method, path))
        .map((r) => r.status),
    /** When each `method path` arrived, in ms since `t0`. */
    times: (method: string, path: string | RegExp, t0: number) =>
      control
        .requests()
        .filter(matching(method, path))
        .map((r) => r.time - t0),
    /** GET /jobs/{jobId} requests so far. */
    polls: (jobId: string) => control.requests().filter(matching('GET', `/jobs/${jobId}`)).length,
  };
}

/** A job on the mock for USER (MFA by SMS code unless told otherwise). */
export const startJob = (
  control: BasiqMockControl,
  scenario: Parameters<BasiqMockControl['createJob']>[0]['scenario'] = 'mfa-token',
  stepMs: Parameters<BasiqMockControl['createJob']>[0]['stepMs'] = STEPS,
) => control.createJob({ userId: USER, scenario, stepMs }).jobId;

// ConnectionStatus, as the user sees it.
export const status = {
  root: () => document.querySelector<HTMLElement>('.basiq-ConnectionStatus')!,
  phase: () => status.root().dataset.phase,
  text: () => status.root().textContent ?? '',
  /** The live region's message (what a screen reader hears). */
  announced: () => status.root().querySelector('[role="status"]')?.textContent ?? '',
  steps: () =>
    [...status.root().querySelectorAll('.basiq-ConnectionStatus-step')].map((li) => li.textContent),
  button: (name: string) => screen.queryByRole('button', { name }),
};

// MfaForm, as the user sees it.
export const mfa = {
  form: () => document.querySelector<HTMLFormElement>('.basiq-MfaForm'),
  state: () => mfa.form()?.dataset.state,
  field: () => within(mfa.form()!).getAllByRole<HTMLInputElement>('textbox')[0]!,
  text: () => mfa.form()?.textContent ?? '',
  /** Types `answer` into the first field and presses Submit. */
  answer(answer = '123456') {
    fireEvent.change(mfa.field(), { target: { value: answer } });
    mfa.send();
  },
  /** Presses Submit on what the fields hold. */
  send: () => fireEvent.click(within(mfa.form()!).getByRole('button', { name: mfaText.submit })),
};

// ConsentList, as the user sees it.
export const consents = {
  /**
   * Gives USER one active consent and shows `<ConsentList>` (or `ui`), then makes every answer
   * take `latencyMs` as over a real network, so the list renders the revoke before Basiq answers.
   */
  async show(
    bed: { control: BasiqMockControl; render: (ui: ReactElement) => unknown },
    { ui = <ConsentList userId={USER} />, latencyMs = 200 } = {},
  ) {
    bed.control.createJob({ userId: USER });
    bed.render(ui);
    await advance(100);
    expect(consents.statuses()).toEqual(['active']);
    bed.control.setLatency(latencyMs);
  },
  /** The statuses of the consents listed. */
  statuses: () => consents.items().map((item) => item.dataset.status),
  root: () => document.querySelector<HTMLElement>('.basiq-ConsentList')!,
  items: () => [...document.querySelectorAll<HTMLElement>('.basiq-ConsentList-item')],
  announced: () => consents.root().querySelector('[role="status"]')?.textContent ?? '',
  /** The assertive region's message: a refused revoke needs the user to act. */
  alerted: () => consents.root().querySelector('[role="alert"]')?.textContent ?? '',
  /** `revokeFailed` or `revoked` as the user reads it for the mock's consent. */
  said: (label: 'revokeFailed' | 'revoked' | 'revoking') =>
    consentText[label].replace('{title}', 'Share your financial data'),
  /** Clicks Revoke on the first consent, then "Yes, revoke". */
  revokeFirst() {
    const item = consents.items()[0]!;
    fireEvent.click(within(item).getByRole('button', { name: /^Revoke consent/ }));
    fireEvent.click(within(item).getByRole('button', { name: consentText.confirm }));
  },
};

/** Fails unless `promise` rejects; resolves to what it rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  const outcome = await promise.then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  expect(outcome.ok, 'expected the promise to reject').toBe(false);
  return outcome.ok ? undefined : outcome.error;
}

/** Settles a promise under fake timers: advances the clock until it settles (or `ms` pass). */
export async function settle<T>(promise: Promise<T>, ms = 60_000, step = 100) {
  let done = false;
  const watched = promise.finally(() => (done = true));
  watched.catch(() => undefined);
  for (let t = 0; t < ms && !done; t += step) await advance(step);
  return watched;
}
