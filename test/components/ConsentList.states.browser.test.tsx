import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ConsentList } from '../../src/components/ConsentList';
import type { BasiqProviderProps } from '../../src';
import { createBrowserTestbed, expectNoAxeViolations, USER } from '../support/browserTestbed';

const LONG = 'W'.repeat(10_000);
const SCRIPT = '<script>window.__consentListPwned = true</script>';
const pwned = () => (window as { __consentListPwned?: boolean }).__consentListPwned;

type Bed = ReturnType<typeof createBrowserTestbed>;

/** The list inside <main> (axe's `region` rule wants page content in landmarks). */
function renderList({
  provider = {},
  width,
  setup = (bed) => void bed.control.createJob({ userId: USER }),
}: { provider?: Partial<BasiqProviderProps>; width?: number; setup?: (bed: Bed) => void } = {}) {
  const bed = createBrowserTestbed({ provider });
  setup(bed);
  bed.render(
    <main style={width ? { width } : undefined}>
      <ConsentList userId={USER} />
    </main>,
  );
  const root = document.querySelector<HTMLElement>('.basiq-ConsentList')!;
  const live = () => root.querySelector('[role="status"]')!.textContent;
  return { bed, root, live };
}

/** No element of the list is wider than the list, and the list fits its container. */
function expectNoOverflow(root: HTMLElement, width: number) {
  expect(root.getBoundingClientRect().width).toBeLessThanOrEqual(width);
  expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
  const right = root.getBoundingClientRect().right + 0.5;
  for (const element of root.querySelectorAll<HTMLElement>('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || element.closest('.basiq-visuallyHidden')) continue;
    expect(box.right, element.className || element.tagName).toBeLessThanOrEqual(right);
  }
}

describe('ConsentList states', () => {
  it('should show an accessible loading state while the consents load', async () => {
    const { root, live } = renderList({
      setup: (bed) => {
        bed.control.createJob({ userId: USER });
        bed.control.setLatency(10_000);
      },
    });
    expect(root.dataset.state).toBe('loading');
    expect(root.getAttribute('aria-busy')).toBe('true');
    screen.getByText('Loading your consents…');
    expect(live()).toBe('');
    await expectNoAxeViolations();
  });

  it('should show an accessible empty state for a user without consents', async () => {
    const { root } = renderList({ setup: (bed) => void bed.control.createUser({ id: USER }) });
    await screen.findByText('You have no consents.');
    expect(root.dataset.state).toBe('empty');
    expect(root.hasAttribute('aria-busy')).toBe(false);
    expect(root.querySelector('ul')).toBeNull();
    await expectNoAxeViolations();
  });

  it('should show an error with a retry that works from the keyboard', async () => {
    const { bed, root, live } = renderList({
      setup: (bed) => {
        bed.control.createJob({ userId: USER });
        bed.control.failNext(2, 503, { path: '/users/u1/consents' });
      },
    });
    const gets = () => bed.control.requests().filter((r) => r.path === '/users/u1/consents');

    await expect.poll(() => root.dataset.state).toBe('error');
    expect(live()).toBe('We could not load your consents.');
    screen.getByText('We could not load your consents.', { selector: 'p:not([role])' });
    await expectNoAxeViolations();

    // The first retry fails again: the message is announced anew.
    await userEvent.tab();
    const retry = screen.getByRole('button', { name: 'Try again' });
    expect(document.activeElement).toBe(retry);
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => gets().map((r) => r.status)).toEqual([503, 503]);
    await expect.poll(live).toBe('We could not load your consents.');
    expect(root.dataset.state).toBe('error');
    expect(document.activeElement).toBe(retry);

    await userEvent.keyboard('{Enter}');
    await expect.poll(() => root.dataset.state).toBe('ready');
    // After "Loading your consents…" has had its turn: one message at a time, each held 700 ms.
    await expect.poll(live, { timeout: 3000 }).toBe('Your consents are up to date.');
    expect(gets().map((r) => r.status)).toEqual([503, 503, 200]);
    // The button that had focus is gone: the notice saying what happened takes it.
    expect(document.activeElement).toBe(
      screen.getByText('Your consents are up to date.', { selector: '.basiq-ConsentList-notice' }),
    );
    screen.getByRole('heading', { name: 'Share your financial data' });
  });

  it('should render hostile labels as text inside a narrow container', async () => {
    const { root } = renderList({
      width: 320,
      provider: {
        labels: {
          consentList: {
            revoke: `${SCRIPT}${LONG}`,
            revokeName: `${SCRIPT} {title}`,
            created: LONG,
            status: { active: `\u202E${LONG}` },
            permissions: `${SCRIPT}${LONG} ({count})`,
            confirmQuestion: `${LONG} {title}?`,
            confirm: `${SCRIPT}${LONG}`,
          },
        },
      },
    });
    const revoke = await screen.findByRole('button', {
      name: `${SCRIPT} Share your financial data`,
    });
    expect(revoke.textContent).toBe(`${SCRIPT}${LONG}`);
    expect(root.querySelector('script')).toBeNull();
    expectNoOverflow(root, 320);

    await userEvent.click(revoke);
    // The question takes focus (never the destructive button), both as text.
    expect(document.activeElement?.textContent).toBe(`${LONG} Share your financial data?`);
    const buttons = [...root.querySelectorAll('button')].map((button) => button.textContent);
    expect(buttons).toContain(`${SCRIPT}${LONG}`);
    await userEvent.click(root.querySelector('summary')!);
    expectNoOverflow(root, 320);
    expect(pwned()).toBeUndefined();
  });

  it('should render hostile API strings as text inside a narrow container', async () => {
    const consent = {
      type: 'consent',
      id: 'c-1',
      created: '2025-01-02T03:04:05Z',
      updated: '2025-01-02T03:04:05Z',
      expiryDate: 'not a date',
      status: 'suspended',
      purpose: {
        primary: {
          title: `<img src=x onerror="window.__consentListPwned=true">${LONG}`,
          description: `\u202E${SCRIPT}`,
        },
      },
      data: {
        retainData: true,
        permissions: [
          {
            scope: 'account.basic',
            required: true,
            entity: 'account',
            information: {
              name: LONG,
              description: `<b>${LONG}</b>`,
              attributeList: [LONG, SCRIPT],
            },
            purpose: { title: 't', description: 'd' },
          },
        ],
      },
    };
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) =>
      new URL(new Request(input, init).url).pathname === '/users/u1/consents'
        ? Response.json({ type: 'list', data: [consent] })
        : new Response(null, { status: 404 });
    const { root } = renderList({
      width: 320,
      provider: { clientOptions: { fetch, retry: { attempts: 1 } } },
      setup: () => {},
    });
    await expect.poll(() => root.dataset.state).toBe('ready');
    const item = root.querySelector<HTMLElement>('.basiq-ConsentList-item')!;
    // An unknown status is shown readably, and has no Revoke button.
    expect(item.dataset.status).toBe('suspended');
    expect(item.querySelector('.basiq-ConsentList-status')!.textContent).toBe('Status: Suspended');
    expect(item.querySelector('button')).toBeNull();
    // A date Basiq sends garbled is shown as given.
    expect(item.querySelectorAll('time')[1]!.textContent).toBe('not a date');
    expect(item.querySelector('h3')!.textContent).toBe(consent.purpose.primary.title);
    await userEvent.click(item.querySelector('summary')!);
    expect(item.querySelector('img, script, b')).toBeNull();
    screen.getByText(SCRIPT);
    expectNoOverflow(root, 320);
    expect(pwned()).toBeUndefined();
  });
});
