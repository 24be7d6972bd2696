import { describe, expect, it } from 'vitest';
import { normalizeJob, type BasiqFlowEvent, type Job } from '../../src';
import { createEventHub } from '../../src/client/createEventHub';
import { createFlowEventTracker } from '../../src/queries/createFlowEventTracker';
import { describeEvent } from '../support/flowEvents';

const CHALLENGE = { type: 'mfa', method: 'token', input: ['The code we sent'], expiryMs: 120000 };
const wrongCredentials = { code: 'invalid-credentials', title: 'No', detail: 'No.' };

type StepSpec = [title: string, status: string, result?: unknown];

/** A connection job in Basiq's shape, read by normalizeJob; `updated` tells two looks apart. */
function job(steps: StepSpec[], updated = '2026-01-01T00:00:00Z', id = 'job-1'): Job {
  return normalizeJob({
    type: 'job',
    id,
    jobType: 'connection',
    updated,
    steps: steps.map(([title, status, result = null]) => ({ title, status, result })),
  });
}

const P = 'pending';
const RUN = 'in-progress';
const OK = 'success';
/** The mock's MFA flow, one look per phase. */
const look = {
  verifying: job([
    ['verify-credentials', RUN],
    ['mfa-challenge', P],
    ['retrieve-accounts', P],
  ]),
  asked: job(
    [
      ['verify-credentials', OK],
      ['mfa-challenge', RUN, CHALLENGE],
      ['retrieve-accounts', P],
    ],
    '2026-01-01T00:00:04Z',
  ),
  checking: job(
    [
      ['verify-credentials', OK],
      ['mfa-challenge', RUN],
      ['retrieve-accounts', P],
    ],
    '2026-01-01T00:00:10Z',
  ),
  askedAgain: job(
    [
      ['verify-credentials', OK],
      ['mfa-challenge', RUN, CHALLENGE],
      ['retrieve-accounts', P],
    ],
    '2026-01-01T00:00:11Z',
  ),
  retrieving: job(
    [
      ['verify-credentials', OK],
      ['mfa-challenge', OK, CHALLENGE],
      ['retrieve-accounts', RUN],
    ],
    '2026-01-01T00:00:12Z',
  ),
  done: job(
    [
      ['verify-credentials', OK],
      ['mfa-challenge', OK, CHALLENGE],
      ['retrieve-accounts', OK],
    ],
    '2026-01-01T00:00:20Z',
  ),
  refusedForGood: job(
    [
      ['verify-credentials', OK],
      ['mfa-challenge', 'failed', wrongCredentials],
      ['retrieve-accounts', P],
    ],
    '2026-01-01T00:00:30Z',
  ),
};

function setup() {
  const events: BasiqFlowEvent[] = [];
  const hub = createEventHub(() => 1000);
  hub.subscribe((event) => events.push(event));
  const tracker = createFlowEventTracker(hub);
  const lines = () => events.splice(0).map(describeEvent);
  return { tracker, lines, events };
}

describe('createFlowEventTracker', () => {
  it('should report every step that started at the first look, in step order', () => {
    const { tracker, lines } = setup();
    tracker.sawJob(look.asked);
    expect(lines()).toEqual([
      'job-step verify-credentials success',
      'job-step mfa-challenge in-progress',
      'mfa-required token 1',
    ]);
  });

  it('should report nothing for the same job again, as the same object or an equal one', () => {
    const { tracker, lines } = setup();
    tracker.sawJob(look.asked);
    lines();
    tracker.sawJob(look.asked);
    tracker.sawJob(structuredClone(look.asked));
    expect(lines()).toEqual([]);
  });

  it('should report a jump over several steps in step order, with accounts-ready and the end last', () => {
    const { tracker, lines } = setup();
    tracker.sawJob(look.verifying);
    lines();
    tracker.sawJob(look.done);
    expect(lines()).toEqual([
      'job-step verify-credentials success',
      'job-step mfa-challenge success',
      'job-step retrieve-accounts success',
      'accounts-ready',
      'job-succeeded',
    ]);
  });

  it('should take an answer followed by the step succeeding as accepted, right after that step', () => {
    const { tracker, lines } = setup();
    tracker.sawJob(look.asked);
    tracker.answerSent('job-1', 1);
    tracker.sawJob(look.checking);
    tracker.answerSettled('job-1', 1, 'sent');
    tracker.sawJob(look.retrieving);
    expect(lines().slice(3)).toEqual([
      'mfa-submitted',
      'job-step mfa-challenge success',
      'mfa-accepted',
      'job-step retrieve-accounts in-progress',
    ]);
  });

  it('should take a challenge in a job that changed since the answer as refused, then a new challenge', () => {
    const { tracker, lines } = setup();
    tracker.sawJob(look.asked);
    tracker.answerSent('job-1', 1);
    tracker.sawJob(look.checking);
    tracker.sawJob(look.askedAgain);
    expect(lines().slice(3)).toEqual(['mfa-submitted', 'mfa-refused null', 'mfa-required token 1']);
    // Missing the check in between (a slower poll) changes nothing.
    const other = setup();
    other.tracker.sawJob(look.asked);
    other.tracker.answerSent('job-1', 1);
    other.tracker.sawJob(look.askedAgain);
    expect(other.lines().slice(3)).toEqual([
      'mfa-submitted',
      'mfa-refused null',
      'mfa-required token 1',
    ]);
  });

  it('should not take the unchanged challenge, seen again while the answer is on its way, as refused', () => {
    const { tracker, lines } = setup();
    tracker.sawJob(look.asked);
    tracker.answerSent('job-1', 1);
    tracker.sawJob(structuredClone(look.asked));
    expect(lines().slice(3)).toEqual(['mfa-submitted']);
  });

  it('should take a failed challenge step as refused with the failure code, before job-failed', () => {
    const { tracker, lines } = setup();
    tracker.sawJob(look.asked);
    tracker.answerSent('job-1', 1);
    tracker.sawJob(look.refusedForGood);
    expect(lines().slice(3)).toEqual([
      'mfa-submitted',
      'job-step mfa-challenge failed',
      'mfa-refused invalid-credentials',
      'job-failed mfa-challenge invalid-credentials credentials',
    ]);
  });

  it('should report one mfa-submitted for submits joined to, or repeating, an answer not yet checked', () => {
    const { tracker, lines } = setup();
    tracker.sawJob(look.asked);
    tracker.answerSent('job-1', 1);
    tracker.answerSent('job-1', 2);
    tracker.answerSettled('job-1', 1, 'sent');
    tracker.answerSent('job-1', 3);
    expect(lines().slice(3)).toEqual(['mfa-submitted']);
  });

  it('should report a second mfa-submitted after an answer was lost, or may have been', () => {
    const { tracker, lines } = setup();
    tracker.sawJob(look.asked);
    tracker.answerSent('job-1', 1);
    tracker.answerSettled('job-1', 1, 'lost');
    tracker.answerSent('job-1', 2);
    tracker.answerSettled('job-1', 2, 'maybe');
    tracker.answerSent('job-1', 3);
    // The resend is refused by Basiq (it is checking the one that arrived): that one still counts.
    tracker.answerSettled('job-1', 3, 'lost');
    tracker.sawJob(look.retrieving);
    expect(lines().slice(3)).toEqual([
      'mfa-submitted',
      'mfa-submitted',
      'mfa-submitted',
      'job-step mfa-challenge success',
      'mfa-accepted',
      'job-step retrieve-accounts in-progress',
    ]);
  });

  it('should report no verdict when the challenge went without an answer from this page', () => {
    const { tracker, lines } = setup();
    tracker.sawJob(look.asked);
    tracker.sawJob(look.retrieving);
    expect(lines().slice(3)).toEqual([
      'job-step mfa-challenge success',
      'job-step retrieve-accounts in-progress',
    ]);
  });

  it('should end a job once, naming the last step and unknown-error when Basiq names neither', () => {
    const { tracker, lines } = setup();
    const report = normalizeJob({
      id: 'job-1',
      jobType: 'report',
      status: 'failed',
      steps: [{ title: 'create-report', status: 'in-progress', result: null }],
    });
    tracker.sawJob(report);
    tracker.sawJob({ ...report, updated: 'later' });
    expect(lines()).toEqual([
      'job-step create-report in-progress',
      'job-failed create-report unknown-error generic',
    ]);
  });

  it('should keep each job apart and stamp every event with its job id', () => {
    const { tracker, events } = setup();
    tracker.sawJob(look.verifying);
    tracker.sawJob(job([['verify-credentials', 'failed', wrongCredentials]], 'x', 'job-2'));
    expect(events.map((event) => ('jobId' in event ? event.jobId : ''))).toEqual([
      'job-1',
      'job-2',
      'job-2',
    ]);
    expect(events.every((event) => event.at === 1000)).toBe(true);
  });
});
