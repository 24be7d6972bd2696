import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { MfaForm, type MfaFormProps } from '../../src/components/MfaForm';
import { useJob } from '../../src/hooks/useJob';
import type { MockScenario } from '../../src/testing';
import { createBrowserTestbed, expectNoAxeViolations, USER } from '../support/browserTestbed';

const TOKEN_PROMPT = 'We sent a code by SMS to your mobile number XXXX XXX 178.';
const QUESTIONS = [
  'What was the name of your first pet?',
  'In which city were you born?',
  'What is your favourite colour?',
];
const STEP_MS = 1000;
/**
 * Latency for the tests that act while the answer is in flight: long enough that every key press
 * lands before the answer does, even on a loaded machine where each press takes a while.
 */
const IN_FLIGHT_MS = 1500;

/** A job at its MFA challenge (each step takes STEP_MS), with the form showing it. */
async function atChallenge(scenario: MockScenario, props: Partial<MfaFormProps> = {}) {
  // Fake timers that also follow real time: the mock and the polling move with
  // advanceTimersByTimeAsync, while userEvent and axe (which wait on timers) keep working.
  vi.useFakeTimers({ shouldAdvanceTime: true });
  const bed = createBrowserTestbed();
  const { jobId } = bed.control.createJob({ userId: USER, scenario, stepMs: STEP_MS });
  const onAccepted = vi.fn();
  bed.render(<MfaForm jobId={jobId} onAccepted={onAccepted} {...props} />);
  await vi.advanceTimersByTimeAsync(STEP_MS + 500);
  const form = await screen.findByRole('form', { name: 'Verify it’s you' });
  const posts = () => bed.control.requests().filter((r) => r.method === 'POST');
  return { bed, jobId, onAccepted, form, posts };
}

/** The job's phase, to know the form has seen it. */
function Phase({ jobId }: { jobId: string }) {
  return <p role="note">{useJob(jobId).phase}</p>;
}

const stateOf = (form: HTMLElement) => form.getAttribute('data-state');

/** Once the answer is sent (requests run on real time), lets the mock check it, then waits for `state`. */
async function afterCheck(form: HTMLElement, state: string) {
  // The mock's clock also follows real time, so a slow answer may find the check already over.
  await vi.waitFor(() => expect(['checking', state]).toContain(stateOf(form)), {
    timeout: IN_FLIGHT_MS * 2,
  });
  await vi.advanceTimersByTimeAsync(STEP_MS + 1000);
  await vi.waitFor(() => expect(stateOf(form)).toBe(state));
}
const fields = () => screen.getAllByRole('textbox') as HTMLInputElement[];
const submitButton = () => screen.getByRole('button', { name: 'Submit' });
const announced = () => screen.getByRole('status').textContent;

afterEach(() => {
  vi.useRealTimers();
});

describe('MfaForm', () => {
  it('should be answered with the keyboard only: Tab to the field, type, Enter', async () => {
    const { form, jobId, onAccepted, posts, bed } = await atChallenge('mfa-token', {
      autoFocus: false,
    });
    expect(document.activeElement).toBe(document.body);
    await userEvent.tab();
    const field = screen.getByLabelText(TOKEN_PROMPT) as HTMLInputElement;
    expect(document.activeElement).toBe(field);
    await userEvent.keyboard('123456');
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(stateOf(form)).toBe('checking'));
    expect(posts()).toHaveLength(1);
    expect(form.textContent).toContain('Checking your answer…');
    await expect.poll(announced).toBe('Checking your answer…');
    // The answer left the field, and the mutation cache keeps no copy of it.
    expect(field.value).toBe('');
    const kept = () => bed.queryClient.getMutationCache().getAll();
    await vi.waitFor(() => expect(kept().map((m) => m.state.variables)).toEqual([]));
    expect(onAccepted).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(STEP_MS + 1000);
    await vi.waitFor(() => expect(stateOf(form)).toBe('accepted'));
    expect(form.textContent).toContain('Thanks, your answer was accepted.');
    await expect.poll(announced).toBe('Thanks, your answer was accepted.');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(onAccepted).toHaveBeenCalledTimes(1);
    expect(onAccepted).toHaveBeenCalledWith(jobId);
    // Focus was in the form: it moves to the message instead of being lost.
    expect(document.activeElement?.textContent).toBe('Thanks, your answer was accepted.');
    await vi.advanceTimersByTimeAsync(5000);
    await vi.waitFor(() => expect(onAccepted).toHaveBeenCalledTimes(1));
  });

  it('should show the token challenge as a one-time-code field, focused as the form appears', async () => {
    const { form } = await atChallenge('mfa-token');
    const field = screen.getByLabelText(TOKEN_PROMPT) as HTMLInputElement;
    expect(document.activeElement).toBe(field);
    expect(field.getAttribute('autocomplete')).toBe('one-time-code');
    expect(field.getAttribute('inputmode')).toBe('numeric');
    expect(field.required).toBe(true);
    expect(form.className).toBe('basiq-MfaForm');
    expect(stateOf(form)).toBe('idle');
    expect(form.getAttribute('data-method')).toBe('token');
    const description = 'A SMS code has been sent to your device, please enter valid number.';
    expect(screen.getByText(description)).toBeTruthy();
    expect(form.getAttribute('aria-describedby')).toBe(screen.getByText(description).id);
    await expectNoAxeViolations();
  });

  it('should render nothing until the job asks, then appear with focus on its field', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const bed = createBrowserTestbed();
    const { jobId } = bed.control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: 4000 });
    bed.render(
      <>
        <Phase jobId={jobId} />
        <div data-testid="slot">
          <MfaForm jobId={jobId} className="mine" />
        </div>
      </>,
    );
    await vi.waitFor(() => expect(screen.getByRole('note').textContent).toBe('in-progress'));
    expect(screen.getByTestId('slot').innerHTML).toBe('');
    await vi.advanceTimersByTimeAsync(4500);
    const form = await screen.findByRole('form');
    expect(form.className).toBe('basiq-MfaForm mine');
    expect(document.activeElement).toBe(screen.getByLabelText(TOKEN_PROMPT));
  });

  it('should render nothing for a job that never asks', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const bed = createBrowserTestbed();
    const { jobId } = bed.control.createJob({ userId: USER, scenario: 'success', stepMs: 500 });
    bed.render(
      <>
        <Phase jobId={jobId} />
        <div data-testid="slot">
          <MfaForm jobId={jobId} />
        </div>
      </>,
    );
    for (const phase of ['in-progress', 'success']) {
      await vi.waitFor(() => expect(screen.getByRole('note').textContent).toBe(phase));
      expect(screen.getByTestId('slot').innerHTML).toBe('');
      await vi.advanceTimersByTimeAsync(3000);
    }
  });

  it('should ask every security question in a labelled, required text field', async () => {
    const { form, posts, onAccepted } = await atChallenge('mfa-questions');
    expect(fields().map((f) => f.labels?.[0]?.textContent)).toEqual(QUESTIONS);
    for (const field of fields()) {
      expect(field.type).toBe('text');
      expect(field.required).toBe(true);
      expect(field.getAttribute('autocomplete')).toBe('off');
      expect(field.getAttribute('inputmode')).toBeNull();
    }
    await userEvent.type(fields()[0]!, 'Rex');
    await userEvent.click(submitButton());
    // The two empty fields are marked, described by their error, and the first gets focus.
    const [first, second, third] = fields();
    expect(first!.getAttribute('aria-invalid')).toBeNull();
    for (const field of [second!, third!]) {
      expect(field.getAttribute('aria-invalid')).toBe('true');
      const error = document.getElementById(field.getAttribute('aria-describedby')!);
      expect(error?.textContent).toBe('Please fill this in.');
    }
    expect(document.activeElement).toBe(second);
    expect(posts()).toHaveLength(0);
    expect(stateOf(form)).toBe('idle');
    await expectNoAxeViolations();

    await userEvent.type(second!, 'Sydney');
    expect(second!.getAttribute('aria-invalid')).toBeNull();
    await userEvent.type(third!, 'Blue{Enter}');
    // The mock takes '123456' only: the questions were answered wrongly, and asked again.
    await afterCheck(form, 'wrong');
    expect(posts()).toHaveLength(1);
    await userEvent.type(fields()[0]!, '123456');
    await userEvent.type(fields()[1]!, '123456');
    await userEvent.type(fields()[2]!, '123456{Enter}');
    await afterCheck(form, 'accepted');
    await vi.waitFor(() => expect(onAccepted).toHaveBeenCalledTimes(1));
  });

  it('should show a wrong answer, clear and focus the field, and take the retry', async () => {
    const { form, posts, onAccepted } = await atChallenge('mfa-wrong-then-right');
    await userEvent.type(fields()[0]!, '123456{Enter}');
    await afterCheck(form, 'wrong');
    const error = 'That answer wasn’t accepted. Please try again.';
    expect(form.textContent).toContain(error);
    await expect.poll(announced).toBe(error);
    const field = screen.getByLabelText(TOKEN_PROMPT) as HTMLInputElement;
    expect(field.value).toBe('');
    expect(document.activeElement).toBe(field);
    expect(document.getElementById(field.getAttribute('aria-describedby')!)?.textContent).toBe(
      error,
    );
    expect(onAccepted).not.toHaveBeenCalled();
    await expectNoAxeViolations();

    await userEvent.keyboard('123456{Enter}');
    await afterCheck(form, 'accepted');
    expect(posts()).toHaveLength(2);
    await vi.waitFor(() => expect(onAccepted).toHaveBeenCalledTimes(1));
  });

  it('should say when the answer could not be sent, and let the user send it again', async () => {
    const { form, bed, posts, onAccepted } = await atChallenge('mfa-token');
    bed.control.failNext(1, 500, { path: '/jobs' });
    await userEvent.type(fields()[0]!, '123456{Enter}');
    await vi.waitFor(() => expect(stateOf(form)).toBe('wrong'));
    const error = 'Your answer couldn’t be sent. Please try again.';
    expect(form.textContent).toContain(error);
    await expect.poll(announced).toBe(error);
    // The typed answer is back in the field, ready to send again.
    expect(fields()[0]!.value).toBe('123456');
    expect(document.activeElement).toBe(fields()[0]);
    expect(submitButton().getAttribute('aria-disabled')).toBeNull();

    await userEvent.keyboard('{Enter}');
    await afterCheck(form, 'accepted');
    expect(posts().map((p) => p.status)).toEqual([500, 202]);
    await vi.waitFor(() => expect(onAccepted).toHaveBeenCalledTimes(1));
  });

  it('should post the answer once however often Enter is pressed', async () => {
    const { form, bed, posts } = await atChallenge('mfa-token');
    bed.control.setLatency(IN_FLIGHT_MS);
    await userEvent.type(fields()[0]!, '123456');
    await userEvent.keyboard('{Enter}{Enter}');
    await userEvent.keyboard('{Enter}');
    expect(stateOf(form)).toBe('submitting');
    expect(screen.queryByRole('button', { name: 'Submit' })).toBeNull();
    const sending = screen.getByRole('button', { name: 'Sending your answer…' });
    expect(sending.getAttribute('aria-disabled')).toBe('true');
    expect(fields()[0]!.readOnly).toBe(true);
    expect(announced()).toBe('Sending your answer…');
    // The mock's latency runs on real time.
    await afterCheck(form, 'accepted');
    expect(posts()).toHaveLength(1);
  });

  it('should post the answer once on a double click', async () => {
    const { form, bed, posts } = await atChallenge('mfa-token');
    bed.control.setLatency(IN_FLIGHT_MS);
    await userEvent.type(fields()[0]!, '123456');
    await userEvent.dblClick(submitButton());
    await userEvent.click(screen.getByRole('button'), { force: true });
    await afterCheck(form, 'accepted');
    expect(posts()).toHaveLength(1);
  });
});
