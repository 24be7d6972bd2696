import { render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ConnectionStatus } from '../../src';
import { createBrowserTestbed, USER } from '../support/browserTestbed';
import { expectWellFormed, MFA_SUCCESS, recordEvents } from '../support/flowEvents';

const STEPS = {
  'verify-credentials': 1000,
  'mfa-verify': 1000,
  'retrieve-accounts': 2000,
  'retrieve-transactions': 2000,
};

// Responses come through real browser tasks, which fake timers do not move: advance in small
// steps and let the browser's task queue run between them.
const realSetTimeout = globalThis.setTimeout;
async function advance(ms: number, step = 100) {
  for (let done = 0; done < ms; done += step) {
    await vi.advanceTimersByTimeAsync(Math.min(step, ms - done));
    await new Promise((resolve) => realSetTimeout(resolve, 0));
  }
}

const form = () => document.querySelector<HTMLElement>('.basiq-MfaForm');

/** Types `answer` into the challenge's field and presses Enter, as a user does. */
async function answer(text: string) {
  await vi.waitFor(() => expect(form()?.dataset.state).toMatch(/^(idle|wrong)$/));
  const field = screen.getAllByRole('textbox')[0]!;
  await userEvent.clear(field);
  await userEvent.type(field, `${text}{Enter}`);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('BasiqProvider onEvent (in Chromium)', () => {
  it('should tell a connection with a wrong then a right MFA answer in order, once, under StrictMode', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const recorded = recordEvents();
    const bed = createBrowserTestbed({ provider: { onEvent: recorded.onEvent } });
    const { jobId } = bed.control.createJob({
      userId: USER,
      scenario: 'mfa-wrong-then-right',
      stepMs: STEPS,
    });
    const Provider = bed.wrapper;
    // StrictMode at the root, where React runs every effect twice.
    render(
      <StrictMode>
        <Provider>
          <main>
            <ConnectionStatus jobId={jobId} />
            <ConnectionStatus jobId={jobId} />
          </main>
        </Provider>
      </StrictMode>,
    );
    await advance(2000);
    await answer('111111');
    await advance(3000);
    await answer('123456');
    await advance(15_000);

    expect(document.querySelector<HTMLElement>('.basiq-ConnectionStatus')!.dataset.phase).toBe(
      'success',
    );
    const accepted = MFA_SUCCESS.indexOf('mfa-submitted');
    expect(recorded.lines()).toEqual([
      ...MFA_SUCCESS.slice(0, accepted + 1),
      'mfa-refused null',
      'mfa-required token 1',
      ...MFA_SUCCESS.slice(accepted),
    ]);
    expectWellFormed(recorded.events, jobId);
    expect(JSON.stringify(recorded.events)).not.toMatch(/111111|123456|eyJ/);
  });
});
