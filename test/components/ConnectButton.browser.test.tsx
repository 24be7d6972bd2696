import { screen, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createBasiqClient, type BasiqClient } from '../../src/client/createBasiqClient';
import type { ConsentAction } from '../../src/client/types';
import { ConnectButton } from '../../src/components/ConnectButton';
import { connectButtonLabels as labels } from '../../src/labels/connectButtonLabels';
import { createBrowserTestbed, expectNoAxeViolations, USER } from '../support/browserTestbed';
import { captureNavigation, stopCapturingNavigation } from '../support/captureNavigation';

afterEach(() => {
  stopCapturingNavigation();
  vi.useRealTimers();
});

// Pages put their content in landmarks (axe's `region` rule checks the page, not the button).
const inPage = (ui: ReactElement) => <main>{ui}</main>;
const button = () => screen.getByRole('button');
const root = () => button().closest('.basiq-ConnectButton')!;

describe('ConnectButton', () => {
  it('should stay unavailable, with a reason, until the consent link is ready', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const bed = createBrowserTestbed({
      provider: { getToken: () => gate.then(() => bed.control.clientToken(USER)) },
    });
    const navigations = captureNavigation();
    bed.render(inPage(<ConnectButton action="connect" />));

    expect(root().getAttribute('data-state')).toBe('loading');
    expect(button().getAttribute('aria-disabled')).toBe('true');
    expect(button().getAttribute('type')).toBe('button');
    expect(screen.getByRole('button', { description: labels.preparing })).toBe(button());
    await userEvent.click(button(), { force: true }); // Playwright waits for enabled buttons
    expect(navigations).toEqual([]);
    expect(root().getAttribute('data-state')).toBe('loading');
    await expectNoAxeViolations();

    release();
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    expect(button().hasAttribute('aria-disabled')).toBe(false);
    expect(button().hasAttribute('aria-describedby')).toBe(false);
    await expectNoAxeViolations();
  });

  it('should open the consent UI with a fresh token, the action, a state and the institution', async () => {
    const bed = createBrowserTestbed();
    const navigations = captureNavigation();
    bed.render(inPage(<ConnectButton action="connect" institutionId="AU00000" />));
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));

    await userEvent.click(button());
    await waitFor(() => expect(navigations).toHaveLength(1));
    const url = new URL(navigations[0]!);
    expect(url.origin + url.pathname).toBe('https://consent.basiq.io/home');
    expect(url.searchParams.get('action')).toBe('connect');
    expect(url.searchParams.get('institutionId')).toBe('AU00000');
    expect(url.searchParams.get('state')).toMatch(/\S{16,}/);
    const claims = JSON.parse(atob(url.searchParams.get('token')!.split('.')[1]!)) as {
      scope: string;
      userid: string;
    };
    expect(claims).toMatchObject({ scope: 'CLIENT_ACCESS', userid: USER });

    expect(root().getAttribute('data-state')).toBe('opening');
    expect(button().textContent).toBe(labels.opening);
    expect(button().getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe(labels.opening);
    await userEvent.click(button(), { force: true });
    expect(navigations).toHaveLength(1);
    await expectNoAxeViolations();
  });

  it('should open a consent host the app allowed', async () => {
    const bed = createBrowserTestbed({
      provider: {
        consentBaseUrl: 'https://consent.example.com/basiq',
        allowedHosts: ['consent.example.com'],
      },
    });
    const navigations = captureNavigation();
    bed.render(inPage(<ConnectButton />));
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    await userEvent.click(button());
    await waitFor(() => expect(navigations).toHaveLength(1));
    const url = new URL(navigations[0]!);
    expect(url.origin + url.pathname).toBe('https://consent.example.com/basiq/home');
    expect(url.searchParams.has('action')).toBe(false);
  });

  it('should never open a host that is not allowed, and say so once', async () => {
    vi.useFakeTimers();
    const bed = createBrowserTestbed({ provider: { consentBaseUrl: 'https://evil.example' } });
    const onError = vi.fn();
    const navigations = captureNavigation();
    bed.render(inPage(<ConnectButton onError={onError} />));
    await vi.advanceTimersByTimeAsync(25_000); // the launcher retries every 10 s
    vi.useRealTimers();

    expect(root().getAttribute('data-state')).toBe('error');
    expect(onError).toHaveBeenCalledTimes(1);
    expect((onError.mock.calls[0]![0] as Error).message).toMatch(/not on an allowed host/);
    expect(screen.getByRole('button', { description: labels.unavailable })).toBe(button());
    expect(screen.getByText(labels.unavailable, { selector: 'span' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe(labels.unavailable);
    await userEvent.click(button(), { force: true });
    expect(navigations).toEqual([]);
    await expectNoAxeViolations();
  });

  it.each([
    ['the URL built at click time is on another host', 'https://evil.example/home?token=t'],
    ['the token endpoint fails at click time', new Error('token endpoint down')],
  ])('should show the failure and call onError when %s', async (_case, outcome) => {
    // A real client whose first consent URL (the ready link) is genuine and whose next one,
    // built by open() on click, comes out as `outcome`.
    const real = createBasiqClient({ getToken: async () => bed.control.clientToken(USER) });
    const consentUrl = vi
      .fn<BasiqClient['consentUrl']>()
      .mockImplementationOnce(real.consentUrl)
      .mockImplementation(async () => {
        if (outcome instanceof Error) throw outcome;
        return outcome;
      });
    const bed = createBrowserTestbed({ provider: { client: { ...real, consentUrl } } });
    const onError = vi.fn();
    const navigations = captureNavigation();
    bed.render(inPage(<ConnectButton onError={onError} />));
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));

    await userEvent.click(button());
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('error'));
    expect(consentUrl).toHaveBeenCalledTimes(2);
    expect(navigations).toEqual([]);
    expect(onError).toHaveBeenCalledTimes(1);
    if (outcome instanceof Error) expect(onError).toHaveBeenCalledWith(outcome);
    else expect((onError.mock.calls[0]![0] as Error).message).toMatch(/evil\.example/);
    // Read after "Opening…" has had its turn: one message at a time.
    await expect.poll(() => screen.getByRole('status').textContent).toBe(labels.unavailable);
    expect(button().hasAttribute('aria-disabled')).toBe(false); // can try again
    await expectNoAxeViolations();
  });

  it.each<[ConsentAction | undefined, string]>([
    [undefined, labels.action.default],
    ['connect', labels.action.connect],
    ['manage', labels.action.manage],
    ['extend', labels.action.extend],
    ['update', labels.action.update],
    ['reauthorise', labels.action.reauthorise],
  ])('should label the %s action "%s" and send it', async (action, text) => {
    const bed = createBrowserTestbed();
    const navigations = captureNavigation();
    bed.render(inPage(<ConnectButton action={action} connectionId="c1" />));
    expect(button().textContent).toBe(text);
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    await userEvent.click(button());
    await waitFor(() => expect(navigations).toHaveLength(1));
    const params = new URL(navigations[0]!).searchParams;
    expect(params.get('action')).toBe(action ?? null);
    expect(params.get('connectionId')).toBe('c1');
  });

  it('should take labels from the provider and custom children', async () => {
    const bed = createBrowserTestbed({
      provider: { labels: { connectButton: { action: { manage: 'Gérer mes banques' } } } },
    });
    const { rerender } = bed.render(inPage(<ConnectButton action="manage" className="mine" />));
    expect(button().textContent).toBe('Gérer mes banques');
    expect(root().className).toBe('basiq-ConnectButton mine');
    rerender(
      inPage(
        <ConnectButton action="manage">
          <span aria-hidden="true">🏦</span> Link a bank
        </ConnectButton>,
      ),
    );
    expect(screen.getByRole('button', { name: 'Link a bank' })).toBe(button());
  });

  it.each(['{Enter}', ' '])('should open from the keyboard (Tab, then %j)', async (key) => {
    const bed = createBrowserTestbed();
    const navigations = captureNavigation();
    bed.render(inPage(<ConnectButton action="connect" />));
    await userEvent.tab();
    expect(document.activeElement).toBe(button()); // focusable even while loading
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    await userEvent.keyboard(key);
    await waitFor(() => expect(navigations).toHaveLength(1));
    expect(new URL(navigations[0]!).host).toBe('consent.basiq.io');
    expect(document.activeElement).toBe(button());
  });
});
