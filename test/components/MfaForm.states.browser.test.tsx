import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { basiqKeys, normalizeJob, useJob, type PartialLabels } from '../../src';
import { MfaForm } from '../../src/components/MfaForm';
import type { BasiqMockOptions, CreateJobOptions } from '../../src/testing';
import { createBrowserTestbed, expectNoAxeViolations, USER } from '../support/browserTestbed';

const TOKEN_PROMPT = 'We sent a code by SMS to your mobile number XXXX XXX 178.';

/** The job's phase, to see what the form was told. */
function Phase({ jobId }: { jobId: string }) {
  return <p role="note">{useJob(jobId).phase}</p>;
}

/**
 * A token challenge shown by the form (the job asks after 1 s). `exactClock`: plain fake
 * timers, so the countdown is exact (no userEvent or axe until `vi.useRealTimers()`);
 * otherwise fake timers that also follow real time.
 */
async function atChallenge({
  mock = {},
  stepMs = 1000,
  labels,
  exactClock = false,
}: {
  mock?: BasiqMockOptions;
  stepMs?: CreateJobOptions['stepMs'];
  labels?: PartialLabels;
  exactClock?: boolean;
} = {}) {
  vi.useFakeTimers(exactClock ? {} : { shouldAdvanceTime: true });
  const bed = createBrowserTestbed({ mock, provider: labels ? { labels } : {} });
  const { jobId } = bed.control.createJob({ userId: USER, scenario: 'mfa-token', stepMs });
  bed.render(
    <main>
      <Phase jobId={jobId} />
      <MfaForm jobId={jobId} />
    </main>,
  );
  await vi.advanceTimersByTimeAsync(1500);
  // vi.waitFor waits on real timers, letting React run its effects.
  const form = await vi.waitFor(() => screen.getByRole('form'));
  return { bed, form };
}

const stateOf = (form: HTMLElement) => form.getAttribute('data-state');
const countdown = () => document.querySelector('.basiq-MfaForm-countdown')?.textContent;
const announced = () => screen.getByRole('status').textContent;
const field = () => screen.getByLabelText(TOKEN_PROMPT) as HTMLInputElement;

afterEach(() => {
  vi.useRealTimers();
});

describe('MfaForm', () => {
  it('should count down to the expiry every second, announcing only a few points', async () => {
    const { form } = await atChallenge({ mock: { mfaExpiryMs: 90_000 }, exactClock: true });
    expect(countdown()).toBe('Time left to answer: 1:30');
    expect(announced()).toBe('');
    await vi.advanceTimersByTimeAsync(1000);
    expect(countdown()).toBe('Time left to answer: 1:29');
    await vi.advanceTimersByTimeAsync(29_000);
    expect(countdown()).toBe('Time left to answer: 1:00');
    // The region follows in the render after the countdown's (vi.waitFor runs on real time).
    await vi.waitFor(() => expect(announced()).toBe('One minute left.'));
    // The announcement does not follow the seconds.
    const heard = new Set<string | null>();
    for (let i = 0; i < 44; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      heard.add(announced());
    }
    expect(countdown()).toBe('Time left to answer: 0:16');
    expect([...heard]).toEqual(['One minute left.']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(countdown()).toBe('Time left to answer: 0:15');
    await vi.waitFor(() => expect(announced()).toBe('15 seconds left.'));
    expect(stateOf(form)).toBe('idle');
    vi.useRealTimers();
    await expectNoAxeViolations();
  });

  it('should disable the fields and tell the user to start again once the challenge expired', async () => {
    const { form, bed } = await atChallenge({ mock: { mfaExpiryMs: 60_000 }, exactClock: true });
    expect(countdown()).toBe('Time left to answer: 1:00');
    expect(document.activeElement).toBe(field());
    await vi.advanceTimersByTimeAsync(59_000);
    expect(countdown()).toBe('Time left to answer: 0:01');
    expect(stateOf(form)).toBe('idle');
    await vi.advanceTimersByTimeAsync(1000);
    expect(stateOf(form)).toBe('expired');
    const message = 'Time ran out. Please start again.';
    expect(form.textContent).toContain(message);
    // Assertive, in the render after the form's.
    await vi.waitFor(() => expect(screen.getByRole('alert').textContent).toBe(message));
    expect(countdown()).toBeUndefined();
    expect(field().disabled).toBe(true);
    const submit = screen.getByRole('button', { name: 'Submit' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    // Focus was in a field that is now disabled: it moves to the message.
    expect(document.activeElement?.textContent).toBe(message);

    // Basiq fails the job for the timeout: the form keeps saying why, and posts nothing.
    await bed.queryClient.invalidateQueries();
    await vi.waitFor(() => expect(screen.getByRole('note').textContent).toBe('failed'));
    expect(stateOf(form)).toBe('expired');
    (form as HTMLFormElement).requestSubmit();
    await vi.advanceTimersByTimeAsync(1000);
    expect(bed.control.requests().filter((r) => r.method === 'POST')).toEqual([]);
    vi.useRealTimers();
    await expectNoAxeViolations();
  });

  it('should say the answer is being checked while the bank checks it', async () => {
    const { form, bed } = await atChallenge({
      stepMs: { 'verify-credentials': 1000, 'mfa-verify': 10_000 },
    });
    await userEvent.type(field(), '123456{Enter}');
    await vi.waitFor(() => expect(stateOf(form)).toBe('checking'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(stateOf(form)).toBe('checking');
    expect(form.textContent).toContain('Checking your answer…');
    expect(announced()).toBe('Checking your answer…');
    const button = screen.getByRole('button', { name: 'Checking your answer…' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(field().readOnly).toBe(true);
    expect(countdown()).toBeUndefined();
    // Focus stays where it was: nothing focused became disabled.
    expect(document.activeElement).toBe(field());
    await expectNoAxeViolations();

    await vi.advanceTimersByTimeAsync(8000);
    await vi.waitFor(() => expect(stateOf(form)).toBe('accepted'));
    expect(bed.control.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
    await expectNoAxeViolations();
  });

  it('should render hostile prompts and descriptions as text, within its width', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const bed = createBrowserTestbed();
    const win = window as unknown as { pwned?: boolean };
    const prompts = [
      '<script>window.pwned = true</script><img src="x" onerror="window.pwned = true">',
      `\u202Egnol${'W'.repeat(10_000)}\u202C`,
      'ما اسم حيوانك الأول؟ \u200F',
    ];
    const description = `<b>${'d'.repeat(10_000)}</b>`;
    const raw = {
      type: 'job',
      id: 'hostile-job',
      jobType: 'connection',
      updated: '2025-01-01T00:00:00Z',
      steps: [
        { title: 'verify-credentials', status: 'success', result: null },
        {
          title: 'mfa-challenge',
          status: 'in-progress',
          result: { type: 'mfa', method: 'security-questions', description, input: prompts },
        },
      ],
      links: {},
    };
    bed.queryClient.setQueryData(basiqKeys.job('hostile-job'), normalizeJob(raw));
    bed.render(
      <div style={{ width: 320 }}>
        <MfaForm jobId="hostile-job" />
      </div>,
    );
    const form = await screen.findByRole('form');
    const labels = [...form.querySelectorAll('label')].map((label) => label.textContent);
    expect(labels).toEqual(prompts);
    expect(form.querySelector('.basiq-MfaForm-description')?.textContent).toBe(description);
    expect(form.querySelectorAll('script, img, b')).toHaveLength(0);
    expect(win.pwned).toBeUndefined();
    expect(form.getBoundingClientRect().width).toBeLessThanOrEqual(320);
    expect(form.scrollWidth).toBeLessThanOrEqual(form.clientWidth);
    // No expiry given: no countdown, and the form waits for the answer.
    expect(countdown()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(300_000);
    expect(stateOf(form)).toBe('idle');
    await expectNoAxeViolations();
  });

  it('should show its texts from the provider labels, as text', async () => {
    const title = '<script>window.pwned = true</script>Vérification';
    const { form } = await atChallenge({
      labels: { mfaForm: { title, submit: 'Envoyer', countdown: 'Reste {time}' } },
    });
    expect(screen.getByRole('form', { name: title })).toBe(form);
    expect(form.querySelector('script')).toBeNull();
    expect(screen.getByRole('button', { name: 'Envoyer' })).toBeTruthy();
    expect(countdown()).toMatch(/^Reste [12]:\d\d$/);
  });
});
