import { describe, expect, it } from 'vitest';
import { normalizeJob } from '../../src/client/normalizeJob';
import type { Job } from '../../src/client/types';
import {
  announcementOf,
  answersToSend,
  countdownMs,
  HIDDEN_FORM,
  isAnswering,
  isBusy,
  isFieldInvalid,
  isTicking,
  messageOf,
  mfaFormReducer,
  movedOn,
  ONE_MINUTE,
  type MfaFormEvent,
  type MfaFormModel,
} from '../../src/components/mfaFormModel';
import { POLL_TIMING } from '../../src/queries/nextPollDelay';

const SHOWN_AT = 1_700_000_000_000;
const EXPIRY_MS = 120_000;
const CODE_PROMPT = 'Enter the code we sent';

type StepStatus = 'pending' | 'in-progress' | 'success' | 'failed';

/**
 * A connection job (verify-credentials, mfa-challenge, retrieve-accounts) with the given step
 * statuses; a running mfa-challenge step asks with `prompts` and `expiryMs`.
 */
function connectionJob(
  statuses: [StepStatus, StepStatus, StepStatus],
  {
    prompts = [CODE_PROMPT],
    expiryMs = EXPIRY_MS,
    errorCode = 'invalid-credentials',
  }: { prompts?: string[]; expiryMs?: number | null; errorCode?: string } = {},
): Job {
  const titles = ['verify-credentials', 'mfa-challenge', 'retrieve-accounts'];
  return normalizeJob({
    type: 'job',
    id: 'job-1',
    jobType: 'connection',
    steps: statuses.map((status, index) => ({
      title: titles[index],
      status,
      result:
        status === 'failed'
          ? { code: errorCode, title: 'Failed' }
          : index === 1 && status !== 'pending'
            ? {
                type: 'mfa',
                method: 'token',
                input: prompts,
                ...(expiryMs === null ? {} : { expiryMs }),
              }
            : null,
    })),
  });
}

const asking = (options?: Parameters<typeof connectionJob>[1]) =>
  connectionJob(['success', 'in-progress', 'pending'], options);
const movedOnJob = () => connectionJob(['success', 'success', 'in-progress']);
const timedOutJob = () =>
  connectionJob(['success', 'failed', 'pending'], { errorCode: 'job-timed-out' });
const failedJob = () => connectionJob(['success', 'failed', 'pending']);
const connectingJob = () => connectionJob(['in-progress', 'pending', 'pending']);

const seen = (job: Job, at = SHOWN_AT, focus = { autoFocus: false, focusInside: false }) =>
  ({ type: 'job', job, at, ...focus }) satisfies MfaFormEvent;
const tickAt = (at: number, focusInside = false) =>
  ({ type: 'tick', at, focusInside }) satisfies MfaFormEvent;
const edit = (value: string, index = 0) => ({ type: 'edit', index, value }) satisfies MfaFormEvent;
const submit = (at = SHOWN_AT + 5000) => ({ type: 'submit', at }) satisfies MfaFormEvent;
const sendFailed = (answers = ['123456'], focus = { autoFocus: false, focusInside: false }) =>
  ({ type: 'sendFailed', answers, ...focus }) satisfies MfaFormEvent;

const run = (model: MfaFormModel, ...events: MfaFormEvent[]) =>
  events.reduce(mfaFormReducer, model);

// The form in each of its states, reached through events as the component sends them.
const idle = () => run(HIDDEN_FORM, seen(asking()));
const submitting = () => run(idle(), edit(' 123456 '), submit());
const checking = () => run(submitting(), { type: 'sent' });
const refused = () => run(checking(), seen(asking(), SHOWN_AT + 8000));
const sendFailedForm = () => run(submitting(), sendFailed());
const expired = () => run(idle(), tickAt(SHOWN_AT + EXPIRY_MS));
const accepted = () => run(checking(), seen(movedOnJob()));

type FormName =
  | 'hidden'
  | 'idle'
  | 'submitting'
  | 'checking'
  | 'wrong'
  | 'wrong (send failed)'
  | 'expired'
  | 'accepted';

const FORMS: Record<FormName, () => MfaFormModel> = {
  hidden: () => HIDDEN_FORM,
  idle,
  submitting,
  checking,
  wrong: refused,
  'wrong (send failed)': sendFailedForm,
  expired,
  accepted,
};

// Every event the component sends, with a typed answer where the form takes one.
const EVENTS = {
  asks: () => seen(asking(), SHOWN_AT + 9000),
  movedOn: () => seen(movedOnJob()),
  timedOut: () => seen(timedOutJob()),
  failed: () => seen(failedJob()),
  connecting: () => seen(connectingJob()),
  tick: () => tickAt(SHOWN_AT + 1000),
  edit: () => edit('42'),
  submit: () => submit(),
  sent: () => ({ type: 'sent' }) as const,
  sendFailed: () => sendFailed(),
} satisfies Record<string, () => MfaFormEvent>;

type EventName = keyof typeof EVENTS;

// The state after each event, by the form before it; an event not listed leaves the very
// same model (nothing changed, so React does not render again).
const MOVES: Record<FormName, Partial<Record<EventName, MfaFormModel['state']>>> = {
  hidden: {
    asks: 'idle',
    movedOn: 'hidden',
    timedOut: 'hidden',
    failed: 'hidden',
    connecting: 'hidden',
  },
  idle: {
    asks: 'idle',
    movedOn: 'hidden',
    timedOut: 'expired',
    failed: 'hidden',
    connecting: 'hidden',
    tick: 'idle',
    edit: 'idle',
    // The field is empty: marked, nothing sent.
    submit: 'idle',
  },
  submitting: {
    asks: 'wrong',
    movedOn: 'accepted',
    timedOut: 'expired',
    failed: 'hidden',
    connecting: 'submitting',
    sent: 'checking',
    sendFailed: 'wrong',
  },
  checking: {
    asks: 'wrong',
    movedOn: 'accepted',
    timedOut: 'expired',
    failed: 'hidden',
    connecting: 'checking',
    tick: 'checking',
  },
  wrong: {
    asks: 'wrong',
    movedOn: 'hidden',
    timedOut: 'expired',
    failed: 'hidden',
    connecting: 'hidden',
    tick: 'wrong',
    edit: 'wrong',
    submit: 'wrong',
  },
  'wrong (send failed)': {
    asks: 'wrong',
    movedOn: 'hidden',
    timedOut: 'expired',
    failed: 'hidden',
    connecting: 'hidden',
    tick: 'wrong',
    edit: 'wrong',
    // The answer is back in the field.
    submit: 'submitting',
  },
  expired: {
    asks: 'idle',
    movedOn: 'expired',
    timedOut: 'expired',
    failed: 'expired',
    connecting: 'expired',
  },
  accepted: {
    asks: 'idle',
    movedOn: 'accepted',
    timedOut: 'accepted',
    failed: 'accepted',
    connecting: 'accepted',
  },
};

const CASES = (Object.keys(FORMS) as FormName[]).flatMap((form) =>
  (Object.keys(EVENTS) as EventName[]).map((event) => ({ form, event, next: MOVES[form][event] })),
);

describe('mfaFormReducer', () => {
  describe('every event in every state', () => {
    it('should reach every state', () => {
      expect(new Set(Object.values(FORMS).map((form) => form().state))).toEqual(
        new Set(['hidden', 'idle', 'submitting', 'checking', 'wrong', 'expired', 'accepted']),
      );
    });

    it.each(CASES.filter(({ next }) => next))(
      'should move $form to $next on $event',
      ({ form, event, next }) => {
        const before = FORMS[form]();
        const after = mfaFormReducer(before, EVENTS[event]());
        expect(after).not.toBe(before);
        expect(after.state).toBe(next);
      },
    );

    it.each(CASES.filter(({ next }) => !next))(
      'should keep $form as it is on $event',
      ({ form, event }) => {
        const before = FORMS[form]();
        expect(mfaFormReducer(before, EVENTS[event]())).toBe(before);
      },
    );

    it.each((Object.keys(FORMS) as FormName[]).filter((form) => form !== 'hidden'))(
      'should ignore, in %s, the job it has already seen',
      (form) => {
        const before = FORMS[form]();
        // Structural sharing gives an unchanged job back as the same object.
        expect(before.job).toBeDefined();
        expect(mfaFormReducer(before, seen(before.job!, SHOWN_AT + 30_000))).toBe(before);
      },
    );
  });

  describe('when the job asks', () => {
    it('should show the challenge with one empty field per prompt', () => {
      const questions = ['First pet?', 'City of birth?'];
      const form = run(HIDDEN_FORM, seen(asking({ prompts: questions }), SHOWN_AT));
      expect(form).toMatchObject({
        state: 'idle',
        shownAt: SHOWN_AT,
        now: SHOWN_AT,
        values: ['', ''],
        focus: undefined,
      });
      expect(form.challenge?.prompts).toEqual(questions);
    });

    it('should show one field for a challenge without prompts', () => {
      expect(run(HIDDEN_FORM, seen(asking({ prompts: [] }))).values).toEqual(['']);
    });

    it.each([
      [{ autoFocus: true, focusInside: false }, [0]],
      [{ autoFocus: false, focusInside: true }, [0]],
      [{ autoFocus: false, focusInside: false }, undefined],
    ])('should move focus to the first field with %o', (focus, expected) => {
      expect(run(HIDDEN_FORM, seen(asking(), SHOWN_AT, focus)).focus).toEqual(expected);
    });

    it('should remember the job it saw, and ignore it when it comes again', () => {
      const job = asking();
      const form = run(HIDDEN_FORM, seen(job));
      expect(form.job).toBe(job);
      expect(mfaFormReducer(form, seen(job, SHOWN_AT + 50_000))).toBe(form);
    });

    it('should say an answer that is asked again was wrong, with fresh empty fields', () => {
      const form = refused();
      expect(form).toMatchObject({ state: 'wrong', error: 'wrong', values: [''] });
      expect(form.shownAt).toBe(SHOWN_AT + 8000);
      expect(messageOf(form)).toBe('wrong');
    });

    it('should keep saying the answer could not be sent when the job asks again', () => {
      const form = run(sendFailedForm(), seen(asking(), SHOWN_AT + 9000));
      expect(form).toMatchObject({ state: 'wrong', error: 'sendFailed', values: [''] });
    });

    it('should drop the marks and notices of the previous challenge', () => {
      const before = run(idle(), submit(), tickAt(SHOWN_AT + EXPIRY_MS - ONE_MINUTE));
      expect(before).toMatchObject({ tried: true, notice: 'oneMinuteLeft' });
      const form = run(before, seen(asking(), SHOWN_AT + 70_000));
      expect(form.tried).toBeUndefined();
      expect(form.notice).toBeUndefined();
    });
  });

  describe('when the job stops asking', () => {
    it('should accept the answer once the job moved past its MFA step', () => {
      const form = run(
        checking(),
        seen(movedOnJob(), SHOWN_AT, { autoFocus: true, focusInside: true }),
      );
      expect(form).toMatchObject({ state: 'accepted', focus: ['message'] });
      expect(messageOf(form)).toBe('accepted');
    });

    it('should accept an answer whose job succeeded outright', () => {
      const done = connectionJob(['success', 'success', 'success']);
      expect(run(submitting(), seen(done)).state).toBe('accepted');
    });

    it('should move focus to the message only when focus was in the form', () => {
      expect(
        run(checking(), seen(movedOnJob(), SHOWN_AT, { autoFocus: true, focusInside: false }))
          .focus,
      ).toBeUndefined();
      expect(
        run(idle(), seen(timedOutJob(), SHOWN_AT, { autoFocus: true, focusInside: true })).focus,
      ).toEqual(['message']);
      expect(
        run(idle(), seen(timedOutJob(), SHOWN_AT, { autoFocus: true, focusInside: false })).focus,
      ).toBeUndefined();
    });

    it('should hide when the challenge was answered elsewhere', () => {
      const form = run(idle(), seen(movedOnJob()));
      expect(form.state).toBe('hidden');
      expect(form.challenge).toBeUndefined();
    });

    it('should hide when the job failed for another reason: the failure is the job’s to show', () => {
      expect(run(checking(), seen(failedJob())).state).toBe('hidden');
    });

    it('should keep checking while the job runs without asking', () => {
      const job = connectingJob();
      const form = run(checking(), seen(job));
      expect(form).toMatchObject({ state: 'checking', job });
    });

    it('should expire, clearing the fields, when Basiq timed the job out', () => {
      const form = run(idle(), edit('12'), seen(timedOutJob()));
      expect(form).toMatchObject({ state: 'expired', values: [''] });
    });

    it('should keep showing expired and accepted whatever the job does next', () => {
      for (const form of [expired(), accepted()]) {
        const next = run(form, seen(failedJob()), seen(connectingJob()), seen(movedOnJob()));
        expect(next.state).toBe(form.state);
      }
    });
  });

  describe('tick', () => {
    it('should count down from when the challenge was shown', () => {
      const form = run(idle(), tickAt(SHOWN_AT + 1000));
      expect(form.now).toBe(SHOWN_AT + 1000);
      expect(countdownMs(form)).toBe(EXPIRY_MS - 1000);
    });

    it('should announce one minute left, then 15 seconds left, once each', () => {
      const oneMinute = run(idle(), tickAt(SHOWN_AT + EXPIRY_MS - ONE_MINUTE - 1000));
      expect(oneMinute.notice).toBeUndefined();
      const atOneMinute = run(oneMinute, tickAt(SHOWN_AT + EXPIRY_MS - ONE_MINUTE));
      expect(atOneMinute.notice).toBe('oneMinuteLeft');
      expect(announcementOf(atOneMinute)).toBe('oneMinuteLeft');
      const later = run(atOneMinute, tickAt(SHOWN_AT + EXPIRY_MS - 16_000));
      expect(later.notice).toBe('oneMinuteLeft');
      const final = run(later, tickAt(SHOWN_AT + EXPIRY_MS - 15_000));
      expect(final.notice).toBe('secondsLeft');
    });

    it('should not announce a point the challenge never had', () => {
      const short = run(HIDDEN_FORM, seen(asking({ expiryMs: 30_000 })));
      expect(run(short, tickAt(SHOWN_AT + 1000)).notice).toBeUndefined();
      expect(run(short, tickAt(SHOWN_AT + 15_000)).notice).toBe('secondsLeft');
      const tiny = run(HIDDEN_FORM, seen(asking({ expiryMs: 10_000 })));
      expect(run(tiny, tickAt(SHOWN_AT + 5000)).notice).toBeUndefined();
    });

    it('should expire at zero, clearing the fields, focus to the message if it was inside', () => {
      const typed = run(idle(), edit('12'));
      const form = run(typed, tickAt(SHOWN_AT + EXPIRY_MS, true));
      expect(form).toMatchObject({ state: 'expired', values: [''], focus: ['message'] });
      expect(run(typed, tickAt(SHOWN_AT + EXPIRY_MS)).focus).toBeUndefined();
      expect(run(typed, tickAt(SHOWN_AT + EXPIRY_MS - 1)).state).toBe('idle');
    });

    it('should never expire a challenge without an expiry', () => {
      const form = run(HIDDEN_FORM, seen(asking({ expiryMs: null })), tickAt(SHOWN_AT + 3_600_000));
      expect(form.state).toBe('idle');
      expect(countdownMs(form)).toBeUndefined();
    });

    it('should refuse an answer Basiq still shows as asked once it had time to check', () => {
      const settled = SHOWN_AT + 5000 + POLL_TIMING.mfaSettle;
      expect(run(checking(), tickAt(settled - 1)).state).toBe('checking');
      const form = run(checking(), tickAt(settled, true));
      expect(form).toMatchObject({ state: 'wrong', error: 'wrong', focus: [0] });
      expect(run(checking(), tickAt(settled)).focus).toBeUndefined();
    });

    it('should keep checking an answer past the settle time once the job stopped asking', () => {
      const running = run(checking(), seen(connectingJob()));
      expect(run(running, tickAt(SHOWN_AT + 60_000)).state).toBe('checking');
    });
  });

  describe('edit', () => {
    it('should change only the field typed in', () => {
      const questions = run(HIDDEN_FORM, seen(asking({ prompts: ['A?', 'B?', 'C?'] })));
      expect(run(questions, edit('Rex', 0), edit('Blue', 2)).values).toEqual(['Rex', '', 'Blue']);
    });

    it('should take edits while the answer is wrong, keeping the message', () => {
      const form = run(refused(), edit('1'));
      expect(form).toMatchObject({ state: 'wrong', error: 'wrong', values: ['1'] });
    });
  });

  describe('submit', () => {
    it('should mark the empty fields and focus the first, sending nothing', () => {
      const questions = run(HIDDEN_FORM, seen(asking({ prompts: ['A?', 'B?', 'C?'] })));
      const form = run(questions, edit('Rex'), edit('  ', 1), submit());
      expect(form).toMatchObject({ state: 'idle', tried: true, focus: [1] });
      expect([0, 1, 2].map((index) => isFieldInvalid(form, index))).toEqual([false, true, true]);
      expect(run(form, edit('Sydney', 1)).values[1]).toBe('Sydney');
      expect(isFieldInvalid(run(form, edit('Sydney', 1)), 1)).toBe(false);
    });

    it('should send the answer, clearing the fields and what the last try left', () => {
      const form = submitting();
      expect(form).toMatchObject({
        state: 'submitting',
        sentAt: SHOWN_AT + 5000,
        values: [''],
        tried: false,
        notice: undefined,
      });
      expect(messageOf(form)).toBe('sending');
    });

    it('should send again after a wrong answer', () => {
      const form = run(refused(), edit('654321'), submit(SHOWN_AT + 20_000));
      expect(form).toMatchObject({ state: 'submitting', sentAt: SHOWN_AT + 20_000 });
    });
  });

  describe('sent', () => {
    it('should wait for the bank to check the answer', () => {
      const form = checking();
      expect(form.state).toBe('checking');
      expect(messageOf(form)).toBe('checking');
      expect(announcementOf(form)).toBe('checking');
    });
  });

  describe('sendFailed', () => {
    it('should put the answer back in the fields to send again', () => {
      const form = run(
        submitting(),
        sendFailed(['123456'], { autoFocus: true, focusInside: false }),
      );
      expect(form).toMatchObject({
        state: 'wrong',
        error: 'sendFailed',
        values: ['123456'],
        focus: [0],
      });
      expect(messageOf(form)).toBe('sendFailed');
      expect(answersToSend(form)).toEqual(['123456']);
    });

    it.each([
      [{ autoFocus: true, focusInside: false }, [0]],
      [{ autoFocus: false, focusInside: true }, [0]],
      [{ autoFocus: false, focusInside: false }, undefined],
    ])('should move focus to the field with %o', (focus, expected) => {
      expect(run(submitting(), sendFailed(['1'], focus)).focus).toEqual(expected);
    });
  });
});

describe('mfaFormModel selectors', () => {
  it.each([
    ['hidden', false, false, false],
    ['idle', true, false, true],
    ['submitting', false, true, false],
    ['checking', false, true, true],
    ['wrong', true, false, true],
    ['expired', false, false, false],
    ['accepted', false, false, false],
  ] as const)(
    'should say %s is answering: %s, busy: %s, ticking: %s',
    (state, answering, busy, ticking) => {
      expect(isAnswering(state)).toBe(answering);
      expect(isBusy(state)).toBe(busy);
      expect(isTicking(state)).toBe(ticking);
    },
  );

  it.each(Object.entries(FORMS))('should give the message of %s', (name, form) => {
    const expected: Record<FormName, string | undefined> = {
      hidden: undefined,
      idle: undefined,
      submitting: 'sending',
      checking: 'checking',
      wrong: 'wrong',
      'wrong (send failed)': 'sendFailed',
      expired: 'expired',
      accepted: 'accepted',
    };
    expect(messageOf(form())).toBe(expected[name as FormName]);
    expect(announcementOf(form())).toBe(expected[name as FormName]);
  });

  it('should announce the notice in place of a wrong answer’s message while answering', () => {
    const form = run(refused(), tickAt(SHOWN_AT + 8000 + EXPIRY_MS - ONE_MINUTE));
    expect(messageOf(form)).toBe('wrong');
    expect(announcementOf(form)).toBe('oneMinuteLeft');
  });

  it('should send trimmed answers only while answering with every field filled', () => {
    expect(answersToSend(idle())).toBeUndefined();
    expect(answersToSend(run(idle(), edit(' 123456 ')))).toEqual(['123456']);
    expect(answersToSend(run(idle(), edit('   ')))).toBeUndefined();
    for (const form of [submitting(), checking(), expired(), accepted(), HIDDEN_FORM]) {
      expect(answersToSend({ ...form, values: ['1'] })).toBeUndefined();
    }
  });

  it('should mark no field before a try to send, nor outside answering', () => {
    expect(isFieldInvalid(idle(), 0)).toBe(false);
    const tried = run(idle(), submit());
    expect(isFieldInvalid(tried, 0)).toBe(true);
    expect(isFieldInvalid({ ...tried, state: 'expired' }, 0)).toBe(false);
  });

  it('should show a countdown only while answering a challenge with an expiry', () => {
    expect(countdownMs(idle())).toBe(EXPIRY_MS);
    expect(countdownMs(refused())).toBe(EXPIRY_MS);
    for (const form of [HIDDEN_FORM, submitting(), checking(), expired(), accepted()]) {
      expect(countdownMs(form)).toBeUndefined();
    }
  });

  it('should see a job as moved on past its MFA step, or succeeded, but not failed', () => {
    expect(movedOn(movedOnJob())).toBe(true);
    expect(movedOn(connectionJob(['success', 'success', 'success']))).toBe(true);
    expect(movedOn(asking())).toBe(false);
    expect(movedOn(connectingJob())).toBe(false);
    expect(movedOn(failedJob())).toBe(false);
  });
});
