// Every component on a phone-sized page (320 px, 375 px) and at 200 % zoom of 320 px (160 px
// of layout): nothing sticks out sideways, and a step's status keeps its words whole (its
// title wraps instead). Sized through the viewport, as a phone or browser zoom does.
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { AuthLinkPanel, ConnectionStatus, ConsentList, MfaForm } from '../../src';
import { authLinkLabels } from '../../src/labels/authLinkLabels';
import { createBrowserTestbed, USER } from '../support/browserTestbed';

const step = (title: string, status: string, result: unknown = null) => ({
  title,
  status,
  result,
});
const job = (id: string, steps: ReturnType<typeof step>[]) => ({
  type: 'job',
  id,
  jobType: 'connection',
  created: '2025-01-01T00:00:00Z',
  updated: '2025-01-01T00:00:05Z',
  steps,
  links: { self: `/jobs/${id}` },
});

// Every step status, beside titles long enough to fill a phone's width.
const JOBS: Record<string, unknown> = {
  'j-running': job('j-running', [
    step('verify-credentials', 'success'),
    step('retrieve-accounts-and-balances-from-every-institution', 'in-progress'),
    step('retrieve-transactions-for-the-last-seven-years', 'pending'),
    step('retrieve-statements', 'skipped'),
    step('supercalifragilisticexpialidocious-verification', 'something-new'),
  ]),
  'j-failed': job('j-failed', [
    step('verify-credentials-with-the-institution-again', 'failed', {
      code: 'invalid-credentials',
      title: 'Invalid credentials',
      detail: 'The institution did not accept these credentials.',
    }),
    step('retrieve-accounts', 'pending'),
  ]),
};

/** ConnectionStatus over the two jobs above, served by a fetch of our own. */
async function showStatus() {
  const fetch = async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const id = decodeURIComponent(url.pathname.replace(/^\/jobs\//, ''));
    return Response.json(JOBS[id]);
  };
  const bed = createBrowserTestbed({ provider: { clientOptions: { fetch } } });
  bed.render(
    <main>
      <ConnectionStatus jobIds={Object.keys(JOBS)} />
    </main>,
  );
  await waitFor(() => expect(document.querySelectorAll('[data-status="failed"]')).toHaveLength(1));
  await waitFor(() => expect(stepStatuses()).toHaveLength(7));
}

/** ConsentList, an active AuthLinkPanel and MfaForm at its challenge, on one mock. */
async function showOthers() {
  const bed = createBrowserTestbed();
  bed.control.createUser({ id: USER, mobile: '+61400000000' });
  bed.control.createJob({ userId: USER });
  const { jobId } = bed.control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: 0 });
  bed.render(
    <main>
      <ConsentList userId={USER} />
      <AuthLinkPanel userId={USER} />
      <MfaForm jobId={jobId} />
    </main>,
  );
  await screen.findByRole('list', { name: 'Your consents' });
  await userEvent.click(await screen.findByRole('button', { name: authLinkLabels.create }));
  await waitFor(() =>
    expect(document.querySelector('.basiq-AuthLinkPanel')!.getAttribute('data-state')).toBe(
      'active',
    ),
  );
  await screen.findByRole('form');
}

const stepStatuses = () => [
  ...document.querySelectorAll<HTMLElement>('.basiq-ConnectionStatus-stepStatus'),
];

/** How many line boxes the text from `start` to `end` of `node` lies on. */
function linesOf(node: Text, start = 0, end = node.length): number {
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  const tops = [...range.getClientRects()].map((rect) => Math.round(rect.top));
  return new Set(tops).size;
}

/** The status's text node, and the start and end of each of its words. */
function wordsOf(status: HTMLElement) {
  const text = status.firstChild as Text;
  const words = [...text.data.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length]);
  return { text, words: words as [number, number][] };
}

/** Nothing on the page is wider than the viewport, nor sticks out of its component. */
function expectNoHorizontalOverflow(width: number) {
  expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(width);
  const roots = document.querySelectorAll<HTMLElement>(
    '.basiq-ConnectionStatus, .basiq-ConsentList, .basiq-AuthLinkPanel, .basiq-MfaForm',
  );
  for (const root of roots) {
    expect(root.scrollWidth, root.className).toBeLessThanOrEqual(root.clientWidth);
    const right = root.getBoundingClientRect().right + 0.5;
    expect(right).toBeLessThanOrEqual(width + 0.5);
    for (const element of root.querySelectorAll<HTMLElement>('*')) {
      if (element.closest('.basiq-visuallyHidden')) continue;
      const box = element.getBoundingClientRect();
      expect(box.right, element.className || element.tagName).toBeLessThanOrEqual(right);
      if (element.scrollWidth > element.clientWidth && element.clientWidth > 0) {
        // Only a text field may scroll its own value sideways.
        expect(element.tagName, element.className).toBe('INPUT');
      }
    }
  }
}

afterEach(async () => {
  await page.viewport(414, 896);
});

describe('narrow layouts', () => {
  it.each([320, 375])(
    'should keep each step status on one line and nothing overflowing at %i px',
    async (width) => {
      await page.viewport(width, 800);
      expect(window.innerWidth).toBe(width);
      await showStatus();
      await showOthers();

      for (const status of stepStatuses()) {
        expect(linesOf(status.firstChild as Text), status.textContent!).toBe(1);
      }
      // A long title wraps beside its status instead.
      const longTitle = screen.getByText('Retrieve accounts and balances from every institution');
      expect(longTitle.getClientRects().length).toBe(1);
      expect(linesOf(longTitle.firstChild as Text)).toBeGreaterThan(1);
      expectNoHorizontalOverflow(width);
    },
  );

  it('should never break a step status inside a word at 200 % zoom (160 px)', async () => {
    await page.viewport(160, 800);
    expect(window.innerWidth).toBe(160);
    await showStatus();

    for (const status of stepStatuses()) {
      const { text, words } = wordsOf(status);
      for (const [start, end] of words) {
        expect(linesOf(text, start, end), text.data.slice(start, end)).toBe(1);
      }
    }
    expectNoHorizontalOverflow(160);
  });
});
