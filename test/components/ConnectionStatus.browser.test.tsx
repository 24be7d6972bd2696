import { screen, within } from '@testing-library/react';
import { StrictMode, type ReactElement } from 'react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { useSubmitMfa, type MfaChallenge } from '../../src';
import { ConnectionStatus } from '../../src/components/ConnectionStatus';
import type { BasiqMockOptions, MockScenario, StepDurations } from '../../src/testing';
import { createBrowserTestbed, expectNoAxeViolations, USER } from '../support/browserTestbed';

// Fake timers first: advancing them moves both the polling and the mock's jobs.
function start(scenario: MockScenario, stepMs: StepDurations = 100, mock: BasiqMockOptions = {}) {
  vi.useFakeTimers();
  const bed = createBrowserTestbed({ mock });
  const { jobId } = bed.control.createJob({ userId: USER, scenario, stepMs });
  // Inside <main>, as on a real page (axe wants content in landmarks).
  const render = (ui: ReactElement) => {
    const result = bed.render(<main>{ui}</main>);
    return { ...result, rerender: (next: ReactElement) => result.rerender(<main>{next}</main>) };
  };
  return { ...bed, jobId, render };
}

// Responses come through real browser tasks, which fake timers do not move: advance in small
// steps and let the browser's task queue run between them.
const realSetTimeout = globalThis.setTimeout;
async function advance(ms: number, step = 100) {
  for (let done = 0; done < ms; done += step) {
    await vi.advanceTimersByTimeAsync(Math.min(step, ms - done));
    await new Promise((resolve) => realSetTimeout(resolve, 0));
  }
}

const root = () => document.querySelector<HTMLElement>('.basiq-ConnectionStatus')!;
const live = (node: Element = root()) =>
  node.querySelector(':scope > [role="status"]')!.textContent;
/** The assertive region: failures that need the user to act. */
const urgent = (node: Element = root()) =>
  node.querySelector(':scope > [role="alert"]')!.textContent;
const steps = () =>
  [...root().querySelectorAll('.basiq-ConnectionStatus-step')].map((li) => li.textContent);
const progress = () => screen.getByRole<HTMLProgressElement>('progressbar');

/** Every text the component's two regions show, in order (one announcer for all its jobs). */
function listen() {
  const heard: string[] = [];
  const shown = new Map<Element, string>();
  const observer = new MutationObserver(() => {
    for (const region of document.querySelectorAll(
      '.basiq-ConnectionStatus > [role="status"], .basiq-ConnectionStatus > [role="alert"]',
    )) {
      const text = region.textContent ?? '';
      if (text && shown.get(region) !== text) heard.push(text);
      shown.set(region, text);
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  onTestFinished(() => observer.disconnect());
  return heard;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ConnectionStatus', () => {
  it('should follow a successful job to the end, every step done and the bar full', async () => {
    const bed = start('success');
    bed.render(<ConnectionStatus jobId={bed.jobId} className="mine" />);
    expect(root().dataset.phase).toBe('loading');
    expect(root().className).toBe('basiq-ConnectionStatus mine');
    expect(root().textContent).toContain('Checking your connection…');
    await advance(5000);
    expect(root().dataset.phase).toBe('success');
    expect(root().querySelector('.basiq-ConnectionStatus-phase')!.textContent).toBe('Connected');
    expect(steps()).toEqual([
      'Signing in to your bank: Done',
      'Getting your accounts: Done',
      'Getting your transactions: Done',
    ]);
    expect([progress().value, progress().max]).toEqual([3, 3]);
    expect(screen.getByRole('progressbar', { name: '3 of 3 steps done' })).toBe(progress());
    expect(live()).toBe('Connected');
    vi.useRealTimers();
    await expectNoAxeViolations();
  });

  it.each([
    [
      'invalid-credentials',
      'invalid-credentials',
      'credentials',
      'Your bank didn’t accept the sign-in details.',
      'Check your details and connect your bank again.',
    ],
    [
      'user-action-required',
      'account-not-accessible-requires-user-action',
      'userAction',
      'Your bank needs you to do something first.',
      'Log in to your internet banking, clear any message there, then try again.',
    ],
    [
      'service-unavailable',
      'service-unavailable',
      'unavailable',
      'Your bank is having trouble right now.',
      'Your data will arrive once your bank is back, or try again in 10 minutes.',
    ],
  ] as const)(
    'should explain the %s scenario with its own message, action and code',
    async (scenario, code, family, message, action) => {
      const bed = start(scenario);
      bed.render(<ConnectionStatus jobId={bed.jobId} />);
      await advance(3000);
      expect(root().dataset.phase).toBe('failed');
      const panel = root().querySelector<HTMLElement>('.basiq-ConnectionStatus-failure')!;
      expect(panel.dataset.family).toBe(family);
      expect(panel.querySelector('.basiq-ConnectionStatus-failureMessage')!.textContent).toBe(
        message,
      );
      expect(panel.querySelector('.basiq-ConnectionStatus-failureAction')!.textContent).toBe(
        action,
      );
      expect(panel.querySelector('.basiq-ConnectionStatus-failureCode code')!.textContent).toBe(
        code,
      );
      expect(steps()).toEqual([
        'Signing in to your bank: Failed',
        'Getting your accounts: Waiting',
        'Getting your transactions: Waiting',
      ]);
      expect([progress().value, progress().max]).toEqual([0, 3]);
      expect(urgent()).toBe(`Connection failed. ${message}`);
      vi.useRealTimers();
      await expectNoAxeViolations();
    },
  );

  it('should embed the MfaForm while the bank asks for a code, then advise on a timeout', async () => {
    const bed = start('mfa-token', 100, { mfaExpiryMs: 5000 });
    bed.render(<ConnectionStatus jobId={bed.jobId} />);
    await advance(1500);
    expect(root().dataset.phase).toBe('mfa-required');
    expect(root().querySelector('.basiq-ConnectionStatus-mfa .basiq-MfaForm')).not.toBeNull();
    expect(steps()[1]).toBe('Verifying it’s you: In progress');
    expect(live()).toBe('Your bank needs you to verify it’s you');
    vi.useRealTimers();
    await expectNoAxeViolations();

    vi.useFakeTimers();
    await advance(6000);
    // No polling while the challenge waits for the user: a remount (or focus) sees the timeout.
    bed.queryClient.invalidateQueries();
    await advance(100);
    expect(root().dataset.phase).toBe('failed');
    expect(root().querySelector('.basiq-MfaForm')).toBeNull();
    expect(root().querySelector('[data-family="timedOut"]')!.textContent).toContain(
      'job-timed-out',
    );
  });

  it('should use renderMfa when given, and call each callback once per transition', async () => {
    const bed = start('mfa-wrong-then-right');
    const seen: MfaChallenge[] = [];
    const onMfa = vi.fn((challenge: MfaChallenge) => seen.push(challenge));
    const onSuccess = vi.fn();
    const onFailure = vi.fn();
    function Answer({ jobId }: { jobId: string }) {
      const submit = useSubmitMfa(jobId);
      return (
        <button type="button" onClick={() => submit.mutate(['123456'])}>
          Answer for {jobId}
        </button>
      );
    }
    const renderMfa = vi.fn((_: MfaChallenge, jobId: string) => <Answer jobId={jobId} />);
    const ui = () => (
      <StrictMode>
        <ConnectionStatus
          jobId={bed.jobId}
          renderMfa={renderMfa}
          onMfa={(c) => onMfa(c)}
          onSuccess={(job) => onSuccess(job)}
          onFailure={onFailure}
        />
      </StrictMode>
    );
    const { rerender } = bed.render(ui());
    await advance(1500);
    expect(root().querySelector('.basiq-MfaForm')).toBeNull();
    const answer = within(root()).getByRole('button', { name: `Answer for ${bed.jobId}` });
    expect(renderMfa).toHaveBeenCalledWith(
      expect.objectContaining({ jobId: bed.jobId, method: 'token' }),
      bed.jobId,
    );
    expect(onMfa).toHaveBeenCalledTimes(1);
    rerender(ui());
    answer.click(); // the first answer is refused: Basiq asks again
    await advance(3000);
    expect(root().dataset.phase).toBe('mfa-required');
    expect(onMfa).toHaveBeenCalledTimes(2);
    within(root()).getByRole('button').click();
    await advance(10_000);
    rerender(ui());
    await advance(10_000);
    expect(root().dataset.phase).toBe('success');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess.mock.calls[0]![0]).toMatchObject({ id: bed.jobId, phase: 'success' });
    expect(onFailure).not.toHaveBeenCalled();
    expect(seen[0]!.prompts).toHaveLength(1);
  });

  it('should call onFailure once, with the failed job', async () => {
    const bed = start('invalid-credentials');
    const onFailure = vi.fn();
    const onSuccess = vi.fn();
    const { rerender } = bed.render(
      <ConnectionStatus jobId={bed.jobId} onFailure={onFailure} onSuccess={onSuccess} />,
    );
    await advance(3000);
    rerender(<ConnectionStatus jobId={bed.jobId} onFailure={(j) => onFailure(j)} />);
    await advance(10_000);
    expect(onFailure).toHaveBeenCalledTimes(1);
    expect(onFailure.mock.calls[0]![0].failure).toMatchObject({ code: 'invalid-credentials' });
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('should announce each phase and step change once, in order, and show progress as it goes', async () => {
    const bed = start('success', {
      'verify-credentials': 500,
      'retrieve-accounts': 10_000,
      'retrieve-transactions': 10_000,
    });
    const said: string[] = [];
    bed.render(<ConnectionStatus jobId={bed.jobId} />);
    const region = root().querySelector(':scope > [role="status"]')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('');
    const observer = new MutationObserver(() => said.push(region.textContent ?? ''));
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    await advance(100);
    expect(root().dataset.phase).toBe('in-progress');
    expect([progress().value, progress().max]).toEqual([0, 3]);
    await advance(1500);
    expect([progress().value, progress().max]).toEqual([1, 3]);
    expect(root().querySelector('[aria-current="step"]')!.textContent).toBe(
      'Getting your accounts: In progress',
    );
    expect(screen.getByText('1 of 3 steps done')).toBeDefined();
    await advance(60_000, 500);
    expect(root().dataset.phase).toBe('success');
    await advance(30_000, 1000);
    observer.disconnect();
    expect(said).toEqual([
      'Signing in to your bank… 0 of 3 steps done',
      'Getting your accounts… 1 of 3 steps done',
      'Getting your transactions… 2 of 3 steps done',
      'Connected',
    ]);
  });

  it('should name the steps of statement and report jobs', async () => {
    const bed = start('statement');
    const { jobId: report } = bed.control.createJob({
      userId: USER,
      scenario: 'report',
      stepMs: 100,
    });
    const { unmount } = bed.render(<ConnectionStatus jobId={bed.jobId} />);
    await advance(3000);
    expect(steps()).toContain('Getting your statements: Done');
    unmount();
    bed.render(<ConnectionStatus jobId={report} />);
    await advance(3000);
    expect(steps()).toEqual(['Preparing your report: Done']);
    expect(root().dataset.phase).toBe('success');
  });

  it('should show several jobs, one section each, under their combined phase', async () => {
    const bed = start('success');
    const { jobId: bad } = bed.control.createJob({
      userId: USER,
      scenario: 'invalid-credentials',
      stepMs: 100,
    });
    const onSuccess = vi.fn();
    const onFailure = vi.fn();
    const heard = listen();
    bed.render(
      <ConnectionStatus
        jobIds={[bed.jobId, bad, bed.jobId]}
        onSuccess={onSuccess}
        onFailure={onFailure}
      />,
    );
    expect(root().dataset.phase).toBe('loading');
    await advance(5000);
    expect(root().dataset.phase).toBe('failed');
    expect(root().querySelector('.basiq-ConnectionStatus-summary')!.textContent).toBe(
      '2 of 2 connections finished',
    );
    const [first, second] = screen.getAllByRole('group');
    expect(screen.getAllByRole('group')).toHaveLength(2);
    expect(screen.getByRole('group', { name: 'Connection 1 of 2' })).toBe(first);
    expect(first!.dataset.phase).toBe('success');
    expect(second!.dataset.phase).toBe('failed');
    // One announcer for both: the sections have no region of their own, and every message
    // says which connection it is about.
    expect(first!.querySelector('[role="status"], [role="alert"]')).toBeNull();
    expect(second!.querySelector('[role="status"], [role="alert"]')).toBeNull();
    const failed =
      'Connection 2 of 2: Connection failed. Your bank didn’t accept the sign-in details.';
    // The queue reads one message at a time, each held 700 ms.
    await advance(5000);
    expect(heard).toContain('Connection 1 of 2: Connected');
    expect(heard).toContain(failed);
    expect(urgent()).toBe(failed);
    expect(heard.filter((text) => !/^Connection [12] of 2: /.test(text))).toEqual([]);
    expect(new Set(heard).size).toBe(heard.length);
    expect(onSuccess.mock.calls.map(([job]) => job.id)).toEqual([bed.jobId]);
    expect(onFailure.mock.calls.map(([job]) => job.id)).toEqual([bad]);
    vi.useRealTimers();
    await expectNoAxeViolations();
  });
});
