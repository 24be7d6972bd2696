// Every component through its main states, watched for inline styles: no `style` attribute and
// no <style> (or stylesheet <link>) element, ever, even for a moment. Apps serve the kit under
// `style-src 'self'`, which refuses both; only `basiq-react/styles.css`, a file, may style it.
// Client-side React sets a `style` prop through the CSSOM, which the CSP lets through, but
// server-rendered HTML carries it as an attribute, which it refuses: so the rule is checked
// here, on the DOM (jsdom reflects CSSOM writes into the attribute), not only in a browser.
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BasiqProviderProps } from '../../src';
import { AuthLinkPanel } from '../../src/components/AuthLinkPanel';
import { ConnectButton } from '../../src/components/ConnectButton';
import { ConnectionStatus } from '../../src/components/ConnectionStatus';
import { ConsentList } from '../../src/components/ConsentList';
import { MfaForm } from '../../src/components/MfaForm';
import { authLinkLabels } from '../../src/labels/authLinkLabels';
import type { BasiqMockOptions } from '../../src/testing';
import { advance, createTestbed, USER } from '../support/basiqTestbed';
import { setupMswServer } from '../support/server';
import { stubAssign } from '../support/stubAssign';

const server = setupMswServer();

/** What was seen: one line per inline style, naming the element. */
const found: string[] = [];
let observer: MutationObserver;

const nameOf = (element: Element) =>
  [element.tagName.toLowerCase(), ...element.classList].join('.');

function inspect(element: Element) {
  for (const each of [element, ...element.querySelectorAll('*')]) {
    if (each.hasAttribute('style'))
      found.push(`style="${each.getAttribute('style')}" on ${nameOf(each)}`);
    if (each.matches('style, link[rel~="stylesheet"]')) found.push(`<${nameOf(each)}> added`);
  }
}

function record(records: MutationRecord[]) {
  for (const change of records) {
    if (change.type === 'attributes') {
      found.push(`a style attribute set on ${nameOf(change.target as Element)}`);
    }
    for (const node of change.addedNodes) if (node instanceof Element) inspect(node);
  }
}

beforeEach(() => {
  found.length = 0;
  // Sees a style that comes and goes between two checks, too.
  observer = new MutationObserver(record);
  observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['style'],
  });
});

afterEach(() => {
  observer.disconnect();
  sessionStorage.clear();
});

/** No inline style so far: neither seen on the way nor in the document now. */
function expectNoInlineStyles(state: string) {
  record(observer.takeRecords());
  inspect(document.documentElement);
  expect(found, state).toEqual([]);
}

/** Fake timers, a mock Basiq on MSW and `render` inside the provider. */
function start({
  mock,
  provider,
}: { mock?: BasiqMockOptions; provider?: Partial<BasiqProviderProps> } = {}) {
  vi.useFakeTimers();
  const bed = createTestbed(server, { mock, provider });
  return { ...bed, render: (ui: ReactElement) => render(ui, { wrapper: bed.wrapper }) };
}

const stateOf = (selector: string) => document.querySelector(selector)?.getAttribute('data-state');
const phaseOf = () => document.querySelector('.basiq-ConnectionStatus')?.getAttribute('data-phase');
const click = (name: string | RegExp) =>
  act(() => void fireEvent.click(screen.getByRole('button', { name })));

describe('ConnectButton', () => {
  it('should render no inline style while loading, ready, opening, or unable to open', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const bed = start({
      provider: { getToken: () => gate.then(() => bed.control.clientToken(USER)) },
    });
    const assign = stubAssign();
    bed.render(<ConnectButton action="connect" />);
    expect(stateOf('.basiq-ConnectButton')).toBe('loading');
    expectNoInlineStyles('loading');

    release();
    await advance(100);
    expect(stateOf('.basiq-ConnectButton')).toBe('ready');
    expectNoInlineStyles('ready');

    await click('Connect your bank');
    await advance(100);
    expect(assign).toHaveBeenCalledTimes(1);
    expect(stateOf('.basiq-ConnectButton')).toBe('opening');
    expectNoInlineStyles('opening');
  });

  it('should render no inline style when the consent UI is on a host it may not open', async () => {
    const bed = start({ provider: { consentBaseUrl: 'https://evil.example' } });
    bed.render(<ConnectButton onError={() => {}} />);
    await advance(100);
    expect(stateOf('.basiq-ConnectButton')).toBe('error');
    expectNoInlineStyles('error');
  });
});

describe('ConnectionStatus', () => {
  it('should render no inline style from loading through the MFA challenge to success', async () => {
    const bed = start();
    const { jobId } = bed.control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: 1000 });
    bed.render(<ConnectionStatus jobId={jobId} />);
    expect(phaseOf()).toBe('loading');
    expectNoInlineStyles('loading');

    await advance(500);
    expect(phaseOf()).toBe('in-progress');
    expectNoInlineStyles('in progress');

    await advance(1500);
    expect(phaseOf()).toBe('mfa-required');
    const code = document.querySelector<HTMLInputElement>('.basiq-MfaForm input')!;
    expectNoInlineStyles('the MFA challenge');

    act(() => void fireEvent.change(code, { target: { value: '123456' } }));
    await click('Submit');
    await advance(100);
    expectNoInlineStyles('the MFA answer being checked');

    await advance(5000);
    expect(phaseOf()).toBe('success');
    expectNoInlineStyles('success');
  });

  it('should render no inline style for a failed job, nor for several jobs', async () => {
    const bed = start();
    const failing = bed.control.createJob({
      userId: USER,
      scenario: 'invalid-credentials',
      stepMs: 500,
    });
    const other = bed.control.createJob({ userId: USER, stepMs: 500 });
    bed.render(<ConnectionStatus jobIds={[failing.jobId, other.jobId]} />);
    expectNoInlineStyles('several jobs loading');
    await advance(5000);
    expect(document.querySelector('.basiq-ConnectionStatus-failure')).not.toBeNull();
    expectNoInlineStyles('failed');
  });
});

describe('MfaForm', () => {
  it('should render no inline style for a wrong answer, the countdown and an expired challenge', async () => {
    const bed = start({ mock: { mfaExpiryMs: 20_000 } });
    const { jobId } = bed.control.createJob({
      userId: USER,
      scenario: 'mfa-wrong-then-right',
      stepMs: 1000,
    });
    bed.render(<MfaForm jobId={jobId} />);
    expectNoInlineStyles('waiting for a challenge');
    await advance(1500);
    const field = document.querySelector<HTMLInputElement>('.basiq-MfaForm input')!;
    expect(stateOf('.basiq-MfaForm')).toBe('idle');
    expectNoInlineStyles('the challenge');

    act(() => void fireEvent.change(field, { target: { value: '000000' } }));
    await click('Submit');
    expect(['submitting', 'checking']).toContain(stateOf('.basiq-MfaForm'));
    expectNoInlineStyles('sending and checking');
    await advance(3000);
    expect(stateOf('.basiq-MfaForm')).toBe('wrong');
    expectNoInlineStyles('a wrong answer');

    await advance(20_000);
    expect(stateOf('.basiq-MfaForm')).toBe('expired');
    expectNoInlineStyles('expired');
  });
});

describe('ConsentList', () => {
  it('should render no inline style while loading, listing, confirming, revoking and empty', async () => {
    const bed = start();
    bed.control.createJob({ userId: USER, stepMs: 100 });
    bed.render(<ConsentList userId={USER} />);
    expect(stateOf('.basiq-ConsentList')).toBe('loading');
    expectNoInlineStyles('loading');

    await advance(1000);
    expect(stateOf('.basiq-ConsentList')).toBe('ready');
    expectNoInlineStyles('ready');

    await click(/^Revoke consent/);
    expect(screen.getByRole('button', { name: 'Yes, revoke' })).toBeTruthy();
    expectNoInlineStyles('confirming');

    await click('Yes, revoke');
    expectNoInlineStyles('revoking');
    await advance(1000);
    expect(stateOf('.basiq-ConsentList')).toBe('empty');
    expectNoInlineStyles('empty');
  });

  it('should render no inline style when the consents cannot be loaded', async () => {
    const bed = start();
    bed.control.createUser({ id: USER });
    bed.control.failNext(1, 503, { path: `/users/${USER}/consents` });
    bed.render(<ConsentList userId={USER} />);
    await advance(1000);
    expect(stateOf('.basiq-ConsentList')).toBe('error');
    expectNoInlineStyles('error');
  });
});

describe('AuthLinkPanel', () => {
  it('should render no inline style while loading, without a link, with one, and confirming', async () => {
    const bed = start();
    bed.control.createUser({ id: USER, mobile: '+61400000000' });
    bed.render(<AuthLinkPanel userId={USER} />);
    expect(stateOf('.basiq-AuthLinkPanel')).toBe('loading');
    expectNoInlineStyles('loading');

    await advance(500);
    expect(stateOf('.basiq-AuthLinkPanel')).toBe('none');
    expectNoInlineStyles('none');

    await click(authLinkLabels.create);
    expectNoInlineStyles('creating');
    await advance(500);
    expect(stateOf('.basiq-AuthLinkPanel')).toBe('active');
    expectNoInlineStyles('active');

    await click(authLinkLabels.replace);
    expect(screen.getByText(authLinkLabels.replaceQuestion)).toBeTruthy();
    expectNoInlineStyles('confirming a replacement');
    await click(authLinkLabels.cancel);

    await click(authLinkLabels.delete);
    expect(screen.getByText(authLinkLabels.deleteQuestion)).toBeTruthy();
    expectNoInlineStyles('confirming a deletion');
  });

  it('should render no inline style when the link cannot be loaded or created', async () => {
    const bed = start();
    bed.control.createUser({ id: USER });
    bed.control.failNext(1, 500, { path: `/users/${USER}/auth_link` });
    bed.render(<AuthLinkPanel userId={USER} />);
    await advance(500);
    expect(stateOf('.basiq-AuthLinkPanel')).toBe('error');
    expectNoInlineStyles('error');

    await click(authLinkLabels.retry);
    await advance(500);
    // No mobile on file: Basiq refuses, and the panel asks for one.
    await click(authLinkLabels.create);
    await advance(500);
    expect(screen.getByRole('textbox', { name: authLinkLabels.mobile })).toBeTruthy();
    expectNoInlineStyles('refused');
  });
});
