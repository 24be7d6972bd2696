import { describe, expect, it } from 'vitest';
import {
  BasiqApiError,
  BasiqNetworkError,
  BasiqPollTimeoutError,
  BasiqTokenError,
} from '../../src/client/errors';
import type { Job, JobPhase, JobStep, StepStatus } from '../../src/client/types';
import {
  announcement,
  callFor,
  combinedPhase,
  connectionStatusReducer,
  connectionStatusView,
  currentStep,
  dataPhase,
  doneCount,
  INITIAL_CONNECTION_STATUS,
  jobIdsToShow,
  movesFocus,
  progressText,
  RETRY_LABEL,
  stepName,
  type ConnectionStatusEvent,
  type ConnectionStatusState,
  type ConnectionStatusView,
} from '../../src/components/connectionStatusModel';
import { defaultLabels } from '../../src/labels/defaultLabels';

const PHASES: JobPhase[] = ['pending', 'in-progress', 'mfa-required', 'success', 'failed'];
const CHALLENGE = { jobId: 'j1', method: 'token', prompts: ['Code'] };

const step = (title: string, status: StepStatus): JobStep => ({ title, status, result: null });

/** A job in `phase`, with the fields normalizeJob sets for it. */
function jobIn(phase: JobPhase, steps: JobStep[] = [step('verify-credentials', 'success')]): Job {
  return {
    id: 'j1',
    jobType: 'connection',
    steps,
    phase,
    isTerminal: phase === 'success' || phase === 'failed',
    links: {},
    ...(phase === 'failed' && {
      failure: { step: 'verify-credentials', code: 'invalid-credentials' },
    }),
    ...(phase === 'mfa-required' && { mfa: CHALLENGE }),
  };
}

const apiError = (status: number) =>
  new BasiqApiError(`HTTP ${status}`, { status, errors: [], method: 'GET', path: '/jobs/j1' });
const timeout = new BasiqPollTimeoutError('still running', {
  jobId: 'j1',
  maxPollMs: 900_000,
  job: jobIn('in-progress'),
});

describe('connectionStatusView', () => {
  it.each<[string, Job | undefined, Error | null, ConnectionStatusView]>([
    ['no answer yet', undefined, null, 'loading'],
    ['a 404 from Basiq', undefined, apiError(404), 'not-found'],
    ['a 410 from Basiq', undefined, apiError(410), 'not-found'],
    ['a 500 from Basiq', undefined, apiError(500), 'error'],
    ['a 403 from Basiq', undefined, apiError(403), 'error'],
    ['no response', undefined, new BasiqNetworkError('offline', { reason: 'network' }), 'error'],
    // The token endpoint's 404 says nothing about the job.
    ['a token endpoint 404', undefined, new BasiqTokenError('no route', { status: 404 }), 'error'],
    ['an error shaped like a 404', undefined, Object.assign(Error('x'), { status: 404 }), 'error'],
    ['a poll timeout before any job', undefined, timeout, 'error'],
    ['a running job past maxPollMs', jobIn('in-progress'), timeout, 'timed-out'],
    ['a job whose refetch failed', jobIn('in-progress'), apiError(500), 'in-progress'],
    ['a job whose refetch found nothing', jobIn('success'), apiError(404), 'success'],
  ])('should show %s as %s', (_case, job, error, view) => {
    expect(connectionStatusView(job, error)).toBe(view);
  });

  it.each(PHASES)('should show a %s job as its phase', (phase) => {
    expect(connectionStatusView(jobIn(phase), null)).toBe(phase);
  });
});

describe('dataPhase', () => {
  it.each<[ConnectionStatusView, string]>([
    ['loading', 'loading'],
    ['error', 'error'],
    ['not-found', 'error'],
    ['timed-out', 'timed-out'],
    ...PHASES.map((phase): [JobPhase, string] => [phase, phase]),
  ])('should put %s in data-phase as %s', (view, phase) => {
    expect(dataPhase(view)).toBe(phase);
  });
});

describe('RETRY_LABEL', () => {
  it('should offer "Check again" after a timeout and "Try again" after a load error only', () => {
    const views: ConnectionStatusView[] = ['loading', 'error', 'not-found', 'timed-out', ...PHASES];
    expect(views.map((view) => RETRY_LABEL[view])).toEqual([
      undefined,
      'retry',
      undefined,
      'checkAgain',
      ...PHASES.map(() => undefined),
    ]);
  });
});

describe('announcement', () => {
  const labels = defaultLabels;
  const running = jobIn('in-progress', [
    step('verify-credentials', 'success'),
    step('retrieve-accounts', 'in-progress'),
    step('retrieve-transactions', 'pending'),
  ]);

  it.each<[ConnectionStatusView, Job | undefined, string]>([
    ['loading', undefined, ''],
    ['error', undefined, 'We couldn’t check this connection right now.'],
    ['not-found', undefined, 'We couldn’t find this connection. Please connect your bank again.'],
    [
      'timed-out',
      running,
      'This is taking longer than usual. Your bank may still be sending data.',
    ],
    ['in-progress', running, 'Getting your accounts… 1 of 3 steps done'],
    ['pending', jobIn('pending', [step('verify-credentials', 'pending')]), 'Waiting to start'],
    ['mfa-required', jobIn('mfa-required'), 'Your bank needs you to verify it’s you'],
    ['success', jobIn('success'), 'Connected'],
    ['failed', jobIn('failed'), 'Connection failed. Your bank didn’t accept the sign-in details.'],
  ])('should say, in the %s view, %j', (view, job, text) => {
    expect(announcement(view, job, labels)).toBe(text);
  });

  it('should give the failure family’s message for any code, generic for unknown ones', () => {
    const failed = { ...jobIn('failed'), failure: { step: 'x', code: 'a-code-from-2031' } };
    expect(announcement('failed', failed, labels)).toBe(
      'Connection failed. Something went wrong connecting your bank.',
    );
  });

  it('should name the phase of a running job without steps', () => {
    expect(announcement('in-progress', jobIn('in-progress', []), labels)).toBe(
      labels.phase['in-progress'],
    );
  });

  it('should take the provider’s labels, unknown step titles made readable', () => {
    const custom = {
      ...defaultLabels,
      connectionStatus: { ...defaultLabels.connectionStatus, progress: '{done}/{total}' },
    };
    const job = jobIn('in-progress', [step('sync_loyalty_points', 'in-progress')]);
    expect(announcement('in-progress', job, custom)).toBe('Sync loyalty points… 0/1');
  });
});

describe('steps', () => {
  const steps = [
    step('verify-credentials', 'success'),
    step('retrieve-accounts', 'skipped'),
    step('retrieve-crypto-wallets', 'failed'),
    step('retrieve-transactions', 'pending'),
  ];

  it('should count succeeded and skipped steps as done', () => {
    expect(doneCount(steps)).toBe(2);
    expect(progressText(steps, defaultLabels)).toBe('2 of 4 steps done');
  });

  it('should find the first step not done, and none when all are', () => {
    expect(currentStep(steps)?.title).toBe('retrieve-crypto-wallets');
    expect(currentStep(steps.slice(0, 2))).toBeUndefined();
  });

  it('should name a step from the labels, else from its title, never from the prototype', () => {
    expect(stepName('verify-credentials', defaultLabels)).toBe('Signing in to your bank');
    expect(stepName('retrieve-crypto-wallets', defaultLabels)).toBe('Retrieve crypto wallets');
    expect(stepName('constructor', defaultLabels)).toBe('Constructor');
  });
});

describe('jobIdsToShow', () => {
  it('should put jobId first and drop duplicates and empty ids', () => {
    expect(jobIdsToShow('b', ['a', 'b', '', 'c', 'a'])).toEqual(['b', 'a', 'c']);
    expect(jobIdsToShow(undefined, undefined)).toEqual([]);
    expect(jobIdsToShow('', [])).toEqual([]);
  });
});

describe('combinedPhase', () => {
  it.each<[number, JobPhase | undefined, Error | null, string]>([
    [0, undefined, null, 'empty'],
    [2, undefined, null, 'loading'],
    [2, undefined, apiError(404), 'error'],
    [2, 'failed', apiError(404), 'failed'],
    [2, 'in-progress', null, 'in-progress'],
  ])('should read %i jobs, phase %s and error %s as %s', (total, phase, error, expected) => {
    expect(combinedPhase(total, phase, error)).toBe(expected);
  });
});

describe('connectionStatusReducer', () => {
  const STATES: Array<[string, ConnectionStatusState]> = [
    ['the first answer', INITIAL_CONNECTION_STATUS],
    ['a retry before any job', { retrying: true }],
    ...PHASES.flatMap((phase): Array<[string, ConnectionStatusState]> => [
      [`a ${phase} job`, { phase, retrying: false }],
      [`a retry of a ${phase} job`, { phase, retrying: true }],
    ]),
  ];
  const EVENTS: Array<[string, ConnectionStatusEvent]> = [
    ['retry', { type: 'retry' }],
    ['no answer', { type: 'answer', job: undefined, error: null }],
    ['a load error', { type: 'answer', job: undefined, error: apiError(500) }],
    ...PHASES.flatMap((phase): Array<[string, ConnectionStatusEvent]> => [
      [`a ${phase} job`, { type: 'answer', job: jobIn(phase), error: null }],
      [`a ${phase} job with an error`, { type: 'answer', job: jobIn(phase), error: timeout }],
    ]),
  ];
  const CASES = STATES.flatMap(([stateName, state]) =>
    EVENTS.map(([eventName, event]) => [stateName, eventName, state, event] as const),
  );

  it.each(CASES)('should move on from %s after %s', (_state, _event, state, event) => {
    const before = structuredClone(state);
    const next = connectionStatusReducer(state, event);
    expect(state).toEqual(before);
    if (event.type === 'retry') {
      expect(next).toEqual({ ...state, retrying: true });
    } else if (!event.job) {
      // Nothing loaded: the section remembers what it had, a retry included.
      expect(next).toBe(state);
    } else {
      expect(next).toEqual({
        phase: event.job.phase,
        // A retry lasts until the job loads without an error.
        retrying: state.retrying && !!event.error,
      });
    }
  });
});

describe('callFor', () => {
  const at = (phase?: JobPhase): ConnectionStatusState => ({ phase, retrying: false });

  it.each<[JobPhase | undefined, JobPhase, string | undefined]>([
    [undefined, 'success', 'onSuccess'],
    [undefined, 'failed', 'onFailure'],
    [undefined, 'mfa-required', 'onMfa'],
    [undefined, 'pending', undefined],
    [undefined, 'in-progress', undefined],
    ['in-progress', 'success', 'onSuccess'],
    ['in-progress', 'failed', 'onFailure'],
    ['mfa-required', 'failed', 'onFailure'],
    // Basiq asks anew after a wrong answer: onMfa again.
    ['in-progress', 'mfa-required', 'onMfa'],
    ['pending', 'mfa-required', 'onMfa'],
    ['mfa-required', 'in-progress', undefined],
    ['success', 'success', undefined],
    ['failed', 'failed', undefined],
    ['mfa-required', 'mfa-required', undefined],
  ])('should call, from %s to %s, %s', (previous, next, call) => {
    expect(callFor(at(previous), at(next))).toBe(call);
  });

  it('should call nothing while no job has loaded', () => {
    expect(callFor(INITIAL_CONNECTION_STATUS, INITIAL_CONNECTION_STATUS)).toBeUndefined();
  });

  it('should call each callback once over a whole job, MFA once per challenge', () => {
    const phases: JobPhase[] = [
      'pending',
      'in-progress',
      'mfa-required',
      'mfa-required',
      'in-progress',
      'mfa-required',
      'in-progress',
      'success',
      'success',
    ];
    const calls: string[] = [];
    let state = INITIAL_CONNECTION_STATUS;
    for (const phase of phases) {
      const next = connectionStatusReducer(state, {
        type: 'answer',
        job: jobIn(phase),
        error: null,
      });
      const call = callFor(state, next);
      if (call) calls.push(call);
      state = next;
    }
    expect(calls).toEqual(['onMfa', 'onMfa', 'onSuccess']);
  });
});

describe('movesFocus', () => {
  it('should move focus once a retry loads the job, and not before', () => {
    let state = connectionStatusReducer(INITIAL_CONNECTION_STATUS, { type: 'retry' });
    const answers: ConnectionStatusEvent[] = [
      { type: 'answer', job: undefined, error: apiError(500) },
      { type: 'answer', job: jobIn('in-progress'), error: timeout },
      { type: 'answer', job: jobIn('success'), error: null },
      { type: 'answer', job: jobIn('success'), error: null },
    ];
    const moves = answers.map((event) => {
      const next = connectionStatusReducer(state, event);
      const moved = movesFocus(state, next);
      state = next;
      return moved;
    });
    expect(moves).toEqual([false, false, true, false]);
  });

  it('should not move focus without a retry', () => {
    const next = connectionStatusReducer(INITIAL_CONNECTION_STATUS, {
      type: 'answer',
      job: jobIn('success'),
      error: null,
    });
    expect(movesFocus(INITIAL_CONNECTION_STATUS, next)).toBe(false);
  });
});
