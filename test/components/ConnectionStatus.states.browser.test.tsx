// ConnectionStatus against job payloads the mock's scenarios do not produce (other failure
// codes, unknown steps, hostile strings, load errors): a fetch of our own answers GET /jobs/{id}.
import { screen, waitFor, within } from '@testing-library/react';
import { Profiler, type ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { PartialLabels } from '../../src';
import { ConnectionStatus } from '../../src/components/ConnectionStatus';
import { createBrowserTestbed, expectNoAxeViolations } from '../support/browserTestbed';

type Route = (jobId: string, call: number) => Response | Promise<Response>;

function bedWith(route: Route, labels?: PartialLabels) {
  const calls = new Map<string, number>();
  const fetch = async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const id = decodeURIComponent(url.pathname.replace(/^\/jobs\//, ''));
    calls.set(id, (calls.get(id) ?? 0) + 1);
    return route(id, calls.get(id)!);
  };
  const bed = createBrowserTestbed({
    provider: { clientOptions: { fetch, retry: { attempts: 1 } }, ...(labels && { labels }) },
  });
  // Inside <main>, as on a real page (axe wants content in landmarks).
  return { ...bed, calls, show: (ui: ReactElement) => bed.render(<main>{ui}</main>) };
}

const errorBody = (status: number, code: string) =>
  Response.json(
    { type: 'list', correlationId: 'c0ffee', data: [{ type: 'error', code, title: code }] },
    { status },
  );

const rawJob = (id: string, steps: Array<[string, string, unknown?]>) => ({
  type: 'job',
  id,
  jobType: 'connection',
  created: '2025-01-01T00:00:00Z',
  updated: '2025-01-01T00:00:05Z',
  steps: steps.map(([title, status, result = null]) => ({ title, status, result })),
  links: { self: `/jobs/${id}` },
});

const failedJob = (id: string, code: string, title?: string, detail?: string) =>
  rawJob(id, [
    ['verify-credentials', 'failed', { code, title, detail }],
    ['retrieve-accounts', 'pending'],
  ]);

const serve =
  (jobs: Record<string, unknown>): Route =>
  (id) =>
    id in jobs ? Response.json(jobs[id]) : errorBody(404, 'resource-not-found');

const root = () => document.querySelector<HTMLElement>('.basiq-ConnectionStatus')!;
const live = (node: Element = root()) =>
  node.querySelector(':scope > [role="status"]')!.textContent;
/** The assertive region: failures that need the user to act. */
const urgent = (node: Element = root()) =>
  node.querySelector(':scope > [role="alert"]')!.textContent;
const settled = (phase: string) => waitFor(() => expect(root().dataset.phase).toBe(phase));

// Nothing inside the component may stick out of it, nor the component out of its box.
function expectWithin(box: HTMLElement) {
  const edge = box.getBoundingClientRect().right + 0.5;
  expect(root().getBoundingClientRect().right).toBeLessThanOrEqual(edge);
  expect(root().scrollWidth).toBeLessThanOrEqual(root().clientWidth);
  for (const node of root().querySelectorAll('*')) {
    if (!node.closest('.basiq-visuallyHidden')) {
      expect(node.getBoundingClientRect().right).toBeLessThanOrEqual(edge);
    }
  }
}

describe('ConnectionStatus states', () => {
  it('should show an accessible loading state until the job arrives', async () => {
    const bed = bedWith(() => new Promise<Response>(() => {}));
    bed.show(<ConnectionStatus jobId="j-slow" />);
    expect(root().dataset.phase).toBe('loading');
    expect(root().getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText('Checking your connection…')).toBeDefined();
    expect(live()).toBe('');
    await expectNoAxeViolations();
  });

  it('should show a running job, unknown step titles and statuses read as words', async () => {
    const bed = bedWith(
      serve({
        'j-run': rawJob('j-run', [
          ['verify-credentials', 'success'],
          ['retrieve-crypto-wallets', 'in-progress'],
          ['sync_loyalty_points', 'QUEUED'],
        ]),
      }),
    );
    bed.show(<ConnectionStatus jobId="j-run" />);
    await settled('in-progress');
    const names = [...root().querySelectorAll('.basiq-ConnectionStatus-step')].map(
      (li) => li.textContent,
    );
    expect(names).toEqual([
      'Signing in to your bank: Done',
      'Retrieve crypto wallets: In progress',
      'Sync loyalty points: Status unknown',
    ]);
    expect(root().querySelector('[aria-current="step"]')!.textContent).toContain(
      'Retrieve crypto wallets',
    );
    const bar = screen.getByRole<HTMLProgressElement>('progressbar', { name: '1 of 3 steps done' });
    expect([bar.value, bar.max]).toEqual([1, 3]);
    expect(live()).toBe('Retrieve crypto wallets… 1 of 3 steps done');
    await expectNoAxeViolations();
  });

  it('should not re-render for polls that change nothing', async () => {
    const job = rawJob('j-still', [
      ['verify-credentials', 'in-progress'],
      ['retrieve-accounts', 'pending'],
    ]);
    const bed = bedWith(serve({ 'j-still': job }));
    let commits = 0;
    bed.show(
      <Profiler id="status" onRender={() => commits++}>
        <ConnectionStatus jobId="j-still" />
      </Profiler>,
    );
    await settled('in-progress');
    const before = commits;
    // Polled every second while the bank checks the credentials.
    await waitFor(() => expect(bed.calls.get('j-still')).toBeGreaterThanOrEqual(3), {
      timeout: 3000,
    });
    expect(commits).toBe(before);
  });

  it.each([
    ['authorization-failed', 'credentials', 'Your bank didn’t accept the sign-in details.'],
    ['user-action-required', 'userAction', 'Log in to your internet banking'],
    ['system-unavailable', 'unavailable', 'try again in 10 minutes'],
    ['maintenance', 'unavailable', 'Your bank is having trouble right now.'],
    ['connector-error', 'unavailable', 'Your data will arrive once your bank is back'],
    ['institution-not-available', 'unavailable', 'Your bank is having trouble right now.'],
    ['job-timed-out', 'timedOut', 'The connection took too long.'],
    ['institution-disabled', 'institution', 'This bank can’t be connected right now.'],
    ['institution-not-found', 'institution', 'choose another bank'],
    ['institution-not-supported', 'institution', 'choose another bank'],
    ['invalid-csv-row', 'generic', 'Something went wrong connecting your bank.'],
    ['a-code-from-2031', 'generic', 'contact support with the code below'],
  ])('should advise on %s as a %s failure, with the code shown', async (code, family, text) => {
    const bed = bedWith(serve({ 'j-f': failedJob('j-f', code, 'Title from Basiq') }));
    bed.show(<ConnectionStatus jobId="j-f" />);
    await settled('failed');
    const panel = root().querySelector<HTMLElement>('.basiq-ConnectionStatus-failure')!;
    expect(panel.dataset.family).toBe(family);
    expect(panel.textContent).toContain(text);
    expect(panel.querySelector('.basiq-ConnectionStatus-failureCode code')!.textContent).toBe(code);
    expect(panel.querySelector('.basiq-ConnectionStatus-failureDetail')!.textContent).toBe(
      'Details: Title from Basiq',
    );
  });

  it('should render hostile API strings as text, inside its box', async () => {
    const hostile = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>\u202Eevil`;
    const word = 'W'.repeat(10_000);
    const bed = bedWith(
      serve({
        'j-h': rawJob('j-h', [
          [`<b>${'T'.repeat(10_000)}</b>`, 'success'],
          [
            'verify-credentials',
            'failed',
            { code: hostile, title: 'x', detail: `${hostile} ${word}` },
          ],
        ]),
      }),
    );
    const renderAction = (failure: { code: string }) => <p>Action for {failure.code}</p>;
    bed.show(
      <div data-testid="box" style={{ width: 320 }}>
        <ConnectionStatus jobId="j-h" renderFailureAction={renderAction} />
      </div>,
    );
    await settled('failed');
    expect(root().querySelector('img, script, b')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(root().textContent).toContain(`Details: ${hostile} ${word}`);
    expect(root().querySelector('code')!.textContent).toBe(hostile);
    expect(root().textContent).toContain(`Action for ${hostile}`);
    expect(root().querySelector('[data-family]')!.getAttribute('data-family')).toBe('generic');
    expectWithin(screen.getByTestId('box'));
    await expectNoAxeViolations();
  });

  it('should render hostile labels as text, inside its box', async () => {
    const word = 'M'.repeat(10_000);
    const bed = bedWith(serve({ 'j-l': failedJob('j-l', 'invalid-credentials') }), {
      phase: { failed: '<b>It did not connect</b>' },
      steps: { 'verify-credentials': '<script>window.__pwned=2</script>' },
      connectionStatus: { failure: { credentials: { message: `<em>${word}</em>` } } },
    });
    bed.show(
      <div data-testid="box" style={{ width: 320 }}>
        <ConnectionStatus jobId="j-l" />
      </div>,
    );
    await settled('failed');
    expect(root().querySelector('script, em, b')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(root().textContent).toContain('<script>window.__pwned=2</script>: Failed');
    expect(urgent()).toBe(`<b>It did not connect</b>. <em>${word}</em>`);
    expectWithin(screen.getByTestId('box'));
  });

  it('should say when Basiq does not know the job, without a retry that cannot help', async () => {
    const bed = bedWith(serve({}));
    bed.show(<ConnectionStatus jobId="j-missing" />);
    await settled('error');
    const text = 'We couldn’t find this connection. Please connect your bank again.';
    expect(root().textContent).toContain(text);
    expect(live()).toBe(text);
    expect(within(root()).queryByRole('button')).toBeNull();
    await expectNoAxeViolations();
  });

  it('should load again from the keyboard after a failed load, then focus the status', async () => {
    const job = rawJob('j-retry', [['verify-credentials', 'success']]);
    const bed = bedWith((_, call) =>
      call === 1 ? errorBody(500, 'internal-server-error') : Response.json(job),
    );
    bed.show(<ConnectionStatus jobId="j-retry" />);
    await settled('error');
    expect(live()).toBe('We couldn’t check this connection right now.');
    await expectNoAxeViolations();
    await userEvent.tab();
    const retry = screen.getByRole('button', { name: 'Try again' });
    expect(document.activeElement).toBe(retry);
    await userEvent.keyboard('{Enter}');
    // Well before the poller's own retry (2 s after the failure).
    await waitFor(() => expect(root().dataset.phase).toBe('success'), { timeout: 1000 });
    expect(document.activeElement!.textContent).toBe('Connected');
    expect(bed.calls.get('j-retry')).toBe(2);
  });

  it('should show each of several jobs, a missing one included', async () => {
    const bed = bedWith(serve({ 'j-ok': rawJob('j-ok', [['verify-credentials', 'success']]) }));
    bed.show(<ConnectionStatus jobIds={['j-ok', 'j-gone']} />);
    await settled('error');
    await waitFor(() => expect(screen.getAllByRole('group')[0]!.dataset.phase).toBe('success'));
    const [ok, gone] = screen.getAllByRole('group');
    expect([ok!.dataset.phase, gone!.dataset.phase]).toEqual(['success', 'error']);
    // One announcer for both sections, each message naming its connection.
    expect(gone!.querySelector('[role="status"], [role="alert"]')).toBeNull();
    await waitFor(
      () => expect(live()).toMatch(/^Connection 2 of 2: We couldn’t find this connection/),
      { timeout: 3000 },
    );
    expect(root().textContent).toContain('1 of 2 connections finished');
    await expectNoAxeViolations();
  });

  it('should say so when there is no job to show', () => {
    const bed = bedWith(serve({}));
    bed.show(<ConnectionStatus jobIds={[]} jobId="" />);
    expect(root().dataset.phase).toBe('empty');
    expect(root().textContent).toBe('No bank connection to show.');
    expect(bed.calls.size).toBe(0);
  });
});
