import { screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ConnectButton } from '../../src/components/ConnectButton';
import { ConnectionStatus } from '../../src/components/ConnectionStatus';
import { ConsentList } from '../../src/components/ConsentList';
import { advanceBy, advanceUntil, describeElement, recordFocus } from '../support/a11yWatch';
import { createBrowserTestbed, USER } from '../support/browserTestbed';
import { captureNavigation, stopCapturingNavigation } from '../support/captureNavigation';

const STEP_MS = 1000;

/** The quick start's page: the status of what the user connected, then their consents. */
function QuickStart({ jobId }: { jobId: string }) {
  const [connected, setConnected] = useState(false);
  return (
    <main>
      {/* Something of the app's own before the flow, so Shift+Tab has somewhere to go. */}
      <button type="button">Menu</button>
      <ConnectButton action="connect" />
      <ConnectionStatus jobId={jobId} onSuccess={() => setConnected(true)} />
      {connected && <ConsentList userId={USER} />}
    </main>
  );
}

const active = () => document.activeElement;
const status = () => document.querySelector<HTMLElement>('.basiq-ConnectionStatus')!;
const form = () => document.querySelector<HTMLElement>('.basiq-MfaForm');
const field = () => document.querySelector<HTMLInputElement>('.basiq-MfaForm-input');
const list = () => document.querySelector<HTMLElement>('.basiq-ConsentList');
const revokeButton = () => list()?.querySelector<HTMLElement>('.basiq-ConsentList-revoke');
const confirmation = () => list()?.querySelector<HTMLElement>('[role="group"]');
const deletes = (bed: ReturnType<typeof createBrowserTestbed>) =>
  bed.control.requests().filter((request) => request.method === 'DELETE');

/** Focus is somewhere real: never `<body>`, and `is` says it is the element expected. */
function expectFocus(is: (element: Element) => boolean, what: string) {
  const element = active();
  expect(element, 'focus dropped to <body>').not.toBe(document.body);
  expect(is(element!), `focus on ${describeElement(element)}, expected ${what}`).toBe(true);
}

/** Presses `key` (Tab or Shift+Tab) until `is` holds, checking focus never drops on the way. */
async function tabUntil(is: (element: Element) => boolean, what: string, key = '{Tab}') {
  for (let presses = 0; presses < 8 && !is(active()!); presses++) {
    await userEvent.keyboard(key);
    expect(active(), 'focus dropped to <body>').not.toBe(document.body);
  }
  expectFocus(is, what);
}

afterEach(() => {
  stopCapturingNavigation();
  vi.useRealTimers();
});

describe('ConnectionStatus', () => {
  it('should keep keyboard focus on something real from connect to revoke, and never revoke on Enter twice', async () => {
    // Fake timers that also follow real time: the mock and the polling move on demand, while
    // userEvent keeps working.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const bed = createBrowserTestbed();
    const { jobId } = bed.control.createJob({
      userId: USER,
      scenario: 'mfa-token',
      stepMs: STEP_MS,
    });
    const focus = recordFocus();
    bed.render(<QuickStart jobId={jobId} />);
    // Nothing takes focus on the first render.
    expect(active()).toBe(document.body);

    await userEvent.keyboard('{Tab}');
    expectFocus((e) => e.textContent === 'Menu', 'the app’s own button');
    focus.arm();

    // Connect with Enter: the page heads for Basiq's consent UI, and focus stays on the button.
    const opened = captureNavigation();
    const connect = () => document.querySelector<HTMLElement>('.basiq-ConnectButton-button')!;
    await advanceUntil(
      () => document.querySelector('.basiq-ConnectButton')?.getAttribute('data-state') === 'ready',
    );
    await tabUntil((e) => e === connect(), 'Connect your bank');
    await userEvent.keyboard('{Enter}');
    await advanceUntil(() => opened.length === 1);
    expect(new URL(opened[0]!).pathname).toBe('/home');
    expectFocus((e) => e === connect(), 'still Connect your bank');

    // Back with the job: the bank asks for a code. The field is reached from the keyboard (or
    // was focused as the challenge appeared).
    await advanceUntil(() => status().dataset.phase === 'mfa-required' && !!field());
    const isField = (e: Element) => e === field();
    await tabUntil(isField, 'the code field');
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    expectFocus((e) => e === connect(), 'back on Connect your bank');
    await tabUntil(isField, 'the code field again');

    // A wrong code, sent with Enter: the bank asks again and the cleared field has focus.
    await userEvent.keyboard('000000{Enter}');
    expectFocus((e) => !!form()?.contains(e), 'the MFA form while it sends');
    await advanceUntil(() => form()?.dataset.state === 'checking');
    expectFocus((e) => !!form()?.contains(e), 'the MFA form while the bank checks');
    await advanceUntil(() => form()?.dataset.state === 'wrong');
    expectFocus(isField, 'the cleared field for another try');
    expect(field()!.value).toBe('');

    // The right code, sent with Space on the submit button.
    await userEvent.keyboard('123456');
    await tabUntil((e) => e.matches('.basiq-MfaForm-submit'), 'the submit button');
    await userEvent.keyboard(' ');
    await advanceUntil(() => form()?.dataset.state === 'checking');
    expectFocus((e) => !!form()?.contains(e), 'the MFA form while the bank checks');

    // Success: the form is gone, focus is on the status heading that replaced it.
    await advanceUntil(() => status().dataset.phase === 'success', 60_000);
    expect(form()).toBeNull();
    const isPhase = (e: Element) =>
      status().contains(e) &&
      e.matches('.basiq-ConnectionStatus-phase, h1, h2, h3, h4, h5, h6, [role="heading"]');
    expectFocus(isPhase, 'the status heading');

    // The new consent appears, without taking focus.
    await advanceUntil(() => list()?.dataset.state === 'ready');
    expect(list()!.querySelectorAll('.basiq-ConsentList-item')).toHaveLength(1);
    expectFocus(isPhase, 'still the status heading');

    // Revoke opens a confirmation whose question has focus: Enter twice does nothing.
    await tabUntil((e) => e === revokeButton(), 'Revoke');
    await userEvent.keyboard('{Enter}');
    const question = () =>
      document.getElementById(confirmation()?.getAttribute('aria-labelledby') ?? '');
    expect(confirmation()).not.toBeNull();
    expectFocus((e) => e === question(), 'the confirmation’s question');
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('{Enter}');
    await advanceBy(500);
    expect(deletes(bed)).toEqual([]);
    expect(list()!.querySelectorAll('.basiq-ConsentList-item[data-status="active"]')).toHaveLength(
      1,
    );
    expectFocus((e) => !!confirmation()?.contains(e), 'still in the confirmation');

    // Escape cancels, back on Revoke.
    await userEvent.keyboard('{Escape}');
    expect(confirmation()).toBeNull();
    expectFocus((e) => e === revokeButton(), 'Revoke again');

    // Revoke, Tab to "Yes, revoke", Enter: revoked, focus on the list's message.
    await userEvent.keyboard('{Enter}');
    expectFocus((e) => e === question(), 'the question again');
    const danger = () => within(confirmation()!).getByRole('button', { name: 'Yes, revoke' });
    await tabUntil((e) => e === danger(), 'Yes, revoke');
    await userEvent.keyboard('{Enter}');
    await advanceUntil(() => deletes(bed)[0]?.status === 204);
    expect(list()!.querySelectorAll('.basiq-ConsentList-item')).toHaveLength(0);
    expectFocus((e) => !!e.closest('.basiq-ConsentList-message'), 'the list’s message');
    await advanceUntil(() => list()!.dataset.state === 'empty');
    screen.getByText('You have no consents.');
    expectFocus((e) => !!e.closest('.basiq-ConsentList-message'), 'the list’s message');

    focus.stop();
    expect(focus.lost, 'focus dropped to <body>').toEqual([]);
    expect(focus.landed.filter((e) => e === document.body)).toEqual([]);
  });
});
