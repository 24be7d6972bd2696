import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ConsentList, type ConsentListProps } from '../../src/components/ConsentList';
import { createBrowserTestbed, expectNoAxeViolations, USER } from '../support/browserTestbed';

const TITLE = 'Share your financial data';
const DAY = 86_400_000;

// Rendered inside <main> as on a real page (axe's `region` rule wants content in landmarks).
const page = (props: ConsentListProps) => (
  <main>
    <ConsentList {...props} />
  </main>
);

/** A user with one consent (made by a connection job), and the list rendered for them. */
async function renderList(props: Partial<ConsentListProps> = {}) {
  const bed = createBrowserTestbed();
  bed.control.createJob({ userId: USER });
  bed.render(page({ userId: USER, ...props }));
  await screen.findByRole('list', { name: 'Your consents' });
  return { bed, ...parts() };
}

function parts() {
  const root = document.querySelector<HTMLElement>('.basiq-ConsentList')!;
  return {
    root,
    live: () => root.querySelector('[role="status"]')!.textContent,
    /** The assertive region: a refused revoke needs the user to act. */
    urgent: () => root.querySelector('[role="alert"]')!.textContent,
    items: () => root.querySelectorAll<HTMLElement>('.basiq-ConsentList-item'),
  };
}

const revokeButton = () => screen.getByRole('button', { name: `Revoke consent “${TITLE}”` });

/** Moves fake time in steps, letting real tasks (fetch bodies, MSW) run between them. */
async function advance(ms: number) {
  for (let t = 0; t < ms; t += 50) {
    await vi.advanceTimersByTimeAsync(Math.min(50, ms - t));
    await new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  }
}

async function tabTo(target: Element) {
  for (let i = 0; i < 6 && document.activeElement !== target; i++) await userEvent.tab();
  expect(document.activeElement).toBe(target);
}

describe('ConsentList', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should show status, purpose and en-AU dates, with no axe violations', async () => {
    const { root, items } = await renderList();
    expect(root.dataset.state).toBe('ready');
    expect(root.className).toBe('basiq-ConsentList');
    const [item] = items();
    expect(items()).toHaveLength(1);
    expect(item!.dataset.status).toBe('active');
    const status = item!.querySelector<HTMLElement>('.basiq-ConsentList-status')!;
    expect(status.dataset.status).toBe('active');
    expect(status.textContent).toBe('Status: Active');
    expect(within(item!).getByRole('heading', { level: 3 }).textContent).toBe(TITLE);
    within(item!).getByText(
      'We need to connect to your bank to collect some information about your finances',
    );

    const [created, expiry] = item!.querySelectorAll('time');
    const format = (iso: string) =>
      new Intl.DateTimeFormat('en-AU', { dateStyle: 'medium' }).format(new Date(iso));
    expect(Math.abs(Date.parse(created!.dateTime) - Date.now())).toBeLessThan(60_000);
    expect(Date.parse(expiry!.dateTime) - Date.parse(created!.dateTime)).toBe(365 * DAY);
    expect(created!.textContent).toBe(format(created!.dateTime));
    expect(expiry!.textContent).toBe(format(expiry!.dateTime));
    expect(created!.textContent).toMatch(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}$/);
    expect([...item!.querySelectorAll('dt')].map((dt) => dt.textContent)).toEqual([
      'Given',
      'Expires',
    ]);
    await expectNoAxeViolations();
  });

  it('should format the dates for another locale and take a className', async () => {
    const { root, items } = await renderList({ locale: 'de-DE', className: 'mine' });
    expect(root.className).toBe('basiq-ConsentList mine');
    const [created, expiry] = items()[0]!.querySelectorAll('time');
    expect(created!.textContent).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(expiry!.textContent).toBe(
      new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium' }).format(new Date(expiry!.dateTime)),
    );
  });

  it('should disclose each permission with its description and attributes', async () => {
    await renderList();
    const name = screen.getByText('Transaction details');
    expect(name.checkVisibility()).toBe(false);
    await userEvent.click(screen.getByText('Data shared (3)'));
    expect(name.checkVisibility()).toBe(true);
    const names = [...document.querySelectorAll('.basiq-ConsentList-permissionName')];
    expect(names.map((n) => n.textContent)).toEqual([
      'Account name, type and balance',
      'Transaction details',
      'Name, occupation, contact details',
    ]);
    screen.getByText('This allows access to transaction data for your accounts.');
    const attributes = screen.getByRole('list', { name: 'What “Transaction details” includes' });
    expect(
      within(attributes)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Incoming and outgoing transactions',
      'Amounts',
      'Dates',
      'Descriptions of transactions',
    ]);
    await expectNoAxeViolations();
  });

  it('should revoke with the keyboard only: Enter, Escape back, Enter, Enter', async () => {
    const { bed, root, live, items } = await renderList();
    await tabTo(revokeButton());

    await userEvent.keyboard('{Enter}');
    const question = screen.getByRole('group', { name: new RegExp(`^Revoke “${TITLE}”\\?`) });
    // The question takes focus, never "Yes, revoke".
    expect(document.activeElement).toBe(within(question).getByText(/^Revoke “/));
    await expectNoAxeViolations();

    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /^Revoke/ })).toBeNull();
    expect(document.activeElement).toBe(revokeButton());
    expect(bed.control.requests().some((r) => r.method === 'DELETE')).toBe(false);

    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('{Enter}'); // on the question: nothing happens
    expect(items()).toHaveLength(1);
    await userEvent.tab();
    expect(document.activeElement?.textContent).toBe('Yes, revoke');
    await userEvent.keyboard('{Enter}');
    expect(items()).toHaveLength(0);
    expect(document.activeElement?.closest('.basiq-ConsentList-message')).not.toBeNull();
    expect(root.contains(document.activeElement)).toBe(true);
    await expect.poll(live).toBe(`Consent “${TITLE}” revoked.`);
    const deletes = bed.control.requests().filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => [r.path.split('/').slice(0, 4).join('/'), r.status])).toEqual([
      ['/users/u1/consents', 204],
    ]);
    // Basiq now lists it as revoked: hidden by default.
    await expect.poll(() => root.dataset.state).toBe('empty');
    screen.getByText('You have no consents.');
  });

  it('should remove the consent before Basiq answers the DELETE', async () => {
    vi.useFakeTimers();
    const bed = createBrowserTestbed();
    bed.control.createJob({ userId: USER });
    bed.render(page({ userId: USER }));
    await advance(500);
    const { root, live, items } = parts();
    expect(items()).toHaveLength(1);

    bed.control.setLatency(2000);
    revokeButton().click();
    await advance(50);
    screen.getByRole('button', { name: 'Yes, revoke' }).click();
    await advance(100);
    const del = () => bed.control.requests().find((r) => r.method === 'DELETE');
    expect(del()?.status).toBe(0);
    expect(items()).toHaveLength(0);
    expect(root.dataset.state).toBe('empty');
    expect(live()).toBe(`Revoking “${TITLE}”…`);

    expect(del()?.status).toBe(0);
    await advance(2000);
    expect(del()?.status).toBe(204);
    expect(live()).toBe(`Consent “${TITLE}” revoked.`);
    await advance(3000);
    expect(items()).toHaveLength(0);
    vi.useRealTimers();
  });

  it('should put the consent back with an error when Basiq refuses', async () => {
    const { bed, urgent, items } = await renderList();
    // Long enough that the optimistic removal is seen before the refusal lands, even under load.
    bed.control.setLatency(1500);
    bed.control.failNext(1, 500, { path: '/users/u1/consents/' });
    await userEvent.click(revokeButton());
    await userEvent.click(screen.getByRole('button', { name: 'Yes, revoke' }));
    expect(items()).toHaveLength(0);

    const message = `We could not revoke “${TITLE}”. Please try again.`;
    await expect.poll(urgent, { timeout: 4000 }).toBe(message);
    expect(items()).toHaveLength(1);
    expect(items()[0]!.dataset.status).toBe('active');
    const button = revokeButton();
    expect(document.activeElement).toBe(button);
    expect(document.getElementById(button.getAttribute('aria-describedby')!)?.textContent).toBe(
      message,
    );
    expect(bed.control.requests().find((r) => r.method === 'DELETE')?.status).toBe(500);
    await expectNoAxeViolations();

    // Trying again clears the message.
    await userEvent.click(button);
    expect(screen.queryByText(message, { selector: '.basiq-ConsentList-error' })).toBeNull();
  });

  it('should keep revoked consents, without Revoke, when showRevoked is set (Space confirms)', async () => {
    const { bed, root, items } = await renderList({ showRevoked: true });
    await tabTo(revokeButton());
    await userEvent.keyboard(' ');
    // The question takes focus, never "Yes, revoke": Space twice revokes nothing.
    expect(document.activeElement?.textContent).toMatch(/^Revoke “/);
    await userEvent.keyboard(' ');
    expect(items()[0]!.dataset.status).toBe('active');
    expect(bed.control.requests().some((r) => r.method === 'DELETE')).toBe(false);
    await userEvent.tab();
    expect(document.activeElement?.textContent).toBe('Yes, revoke');
    await userEvent.keyboard(' ');
    await expect.poll(() => items()[0]?.dataset.status).toBe('revoked');
    expect(root.dataset.state).toBe('ready');
    // The consent stays (revoked): the notice saying so holds focus, not <body>.
    expect(document.activeElement?.className).toBe('basiq-ConsentList-notice');
    expect(document.activeElement?.textContent).toBe(`Consent “${TITLE}” revoked.`);
    const item = items()[0]!;
    expect(item.querySelector('.basiq-ConsentList-status')!.textContent).toBe('Status: Revoked');
    expect([...item.querySelectorAll('dt')].map((dt) => dt.textContent)).toEqual([
      'Given',
      'Expires',
      'Revoked',
    ]);
    expect(within(item).queryByRole('button')).toBeNull();
    await expectNoAxeViolations();
  });
});
