import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BasiqApiError,
  BasiqNetworkError,
  BasiqTokenError,
  BasiqTokenScopeError,
  normalizeJob,
  nextPollDelay,
  POLL_TIMING,
  type Job,
  type PollHistory,
} from '../../src';

const NOW = 1_700_000_000_000;

/** A connection job with the given step statuses (titles of the mfa-token scenario). */
function job(
  statuses: Array<'pending' | 'in-progress' | 'success' | 'failed'>,
  options: { challenge?: boolean } = {},
): Job {
  const titles = [
    'verify-credentials',
    'mfa-challenge',
    'retrieve-accounts',
    'retrieve-transactions',
  ];
  return normalizeJob({
    type: 'job',
    id: 'j1',
    jobType: 'connection',
    steps: statuses.map((status, i) => ({
      title: titles[i],
      status,
      result:
        titles[i] === 'mfa-challenge' && options.challenge
          ? { type: 'mfa', method: 'token', input: ['Code?'], expiryMs: 120_000 }
          : status === 'failed'
            ? { code: 'invalid-credentials', title: 'Cannot login' }
            : null,
    })),
    links: {},
  });
}

const history = (fields: Partial<PollHistory> = {}): PollHistory => ({
  now: NOW,
  slowPolls: 0,
  failures: 0,
  ...fields,
});

const apiError = (status: number, retryAfterMs?: number) =>
  new BasiqApiError(`GET /jobs/j1: ${status}`, {
    status,
    errors: [],
    method: 'GET',
    path: '/jobs/j1',
    retryAfterMs,
  });

const verifying = job(['in-progress', 'pending', 'pending', 'pending']);
const mfaRequired = job(['success', 'in-progress', 'pending', 'pending'], { challenge: true });
const retrieving = job(['success', 'success', 'in-progress', 'pending']);

describe('nextPollDelay', () => {
  it('should poll fast while there is no job yet', () => {
    expect(nextPollDelay(undefined, history())).toBe(POLL_TIMING.fast);
  });

  it('should stop once the job succeeded or failed', () => {
    const succeeded = job(['success', 'success', 'success', 'success']);
    const failed = job(['failed', 'pending', 'pending', 'pending']);
    expect([succeeded.phase, failed.phase]).toEqual(['success', 'failed']);
    expect(nextPollDelay(succeeded, history())).toBe(false);
    expect(nextPollDelay(failed, history({ slowPolls: 7 }))).toBe(false);
  });

  it('should stop while an MFA challenge waits for the user', () => {
    expect(mfaRequired.phase).toBe('mfa-required');
    expect(nextPollDelay(mfaRequired, history())).toBe(false);
  });

  it('should poll fast within mfaSettle after an answer, and stop after it', () => {
    const answered = (ago: number) => history({ mfaAnsweredAt: NOW - ago });
    expect(nextPollDelay(mfaRequired, answered(0))).toBe(POLL_TIMING.fast);
    expect(nextPollDelay(mfaRequired, answered(POLL_TIMING.mfaSettle - 1))).toBe(POLL_TIMING.fast);
    expect(nextPollDelay(mfaRequired, answered(POLL_TIMING.mfaSettle))).toBe(false);
    expect(nextPollDelay(mfaRequired, answered(60_000))).toBe(false);
  });

  it('should poll fast while pending, verifying credentials or checking an MFA answer', () => {
    const pending = job(['pending', 'pending', 'pending', 'pending']);
    const checking = job(['success', 'in-progress', 'pending', 'pending']);
    expect([pending.phase, verifying.phase, checking.phase]).toEqual([
      'pending',
      'in-progress',
      'in-progress',
    ]);
    for (const j of [pending, verifying, checking]) {
      expect(nextPollDelay(j, history())).toBe(POLL_TIMING.fast);
      expect(nextPollDelay(j, history({ slowPolls: 5 }))).toBe(POLL_TIMING.fast);
    }
  });

  it('should poll at slowFirst on the first slow poll of a retrieval step, then slow', () => {
    const transactions = job(['success', 'success', 'success', 'in-progress']);
    for (const j of [retrieving, transactions]) {
      expect(nextPollDelay(j, history({ slowPolls: 1 }))).toBe(POLL_TIMING.slowFirst);
      expect(nextPollDelay(j, history({ slowPolls: 2 }))).toBe(POLL_TIMING.slow);
      expect(nextPollDelay(j, history({ slowPolls: 40 }))).toBe(POLL_TIMING.slow);
    }
    expect([POLL_TIMING.slowFirst, POLL_TIMING.slow]).toEqual([2500, 5000]);
  });

  it('should wait longer once a running job has looked the same for a minute, up to 30 s', () => {
    const same = (forMs: number, fields: Partial<PollHistory> = {}) =>
      history({ unchangedSince: NOW - forMs, ...fields });
    expect(nextPollDelay(verifying, same(59_999))).toBe(POLL_TIMING.fast);
    expect(nextPollDelay(verifying, same(60_000))).toBe(6000);
    expect(nextPollDelay(verifying, same(120_000))).toBe(12_000);
    expect(nextPollDelay(verifying, same(300_000))).toBe(POLL_TIMING.slowMax);
    expect(nextPollDelay(verifying, same(3_600_000))).toBe(30_000);
    expect(nextPollDelay(retrieving, same(30_000, { slowPolls: 6 }))).toBe(POLL_TIMING.slow);
    expect(nextPollDelay(retrieving, same(90_000, { slowPolls: 18 }))).toBe(9000);
    // Waiting for the user's MFA answer is not a stuck job.
    expect(nextPollDelay(mfaRequired, same(600_000))).toBe(false);
  });

  it('should back off after failures from 2 s, doubling, up to 30 s', () => {
    const error = new BasiqNetworkError('GET /jobs/j1: network', { reason: 'network' });
    const delays = [1, 2, 3, 4, 5, 6, 50].map((failures) =>
      nextPollDelay(verifying, history({ failures, error })),
    );
    expect(delays).toEqual([2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(nextPollDelay(undefined, history({ failures: 2, error: apiError(503) }))).toBe(4000);
  });

  it("should wait for Basiq's Retry-After when it is longer than the backoff", () => {
    expect(nextPollDelay(verifying, history({ failures: 1, error: apiError(429, 90_000) }))).toBe(
      90_000,
    );
    expect(nextPollDelay(verifying, history({ failures: 3, error: apiError(503, 1000) }))).toBe(
      8000,
    );
  });

  it("should wait for the token endpoint's Retry-After (a 503 or 429 from your server)", () => {
    const waitUp = new BasiqTokenError('busy', { status: 503, retryAfterMs: 45_000 });
    expect(nextPollDelay(verifying, history({ failures: 1, error: waitUp }))).toBe(45_000);
  });

  it('should stop on errors polling cannot fix', () => {
    const permanent = [
      new BasiqTokenScopeError('refused', { reason: 'wrong-scope' }),
      ...[400, 401, 403, 404, 410].map((status) => apiError(status)),
      // The user is signed out of the app.
      ...[401, 403].map((status) => new BasiqTokenError('signed out', { status })),
    ];
    for (const error of permanent) {
      expect(nextPollDelay(verifying, history({ failures: 1, error }))).toBe(false);
      expect(nextPollDelay(undefined, history({ failures: 4, error }))).toBe(false);
    }
    for (const status of [408, 429, 500, 502, 503, 504]) {
      expect(nextPollDelay(verifying, history({ failures: 1, error: apiError(status) }))).toBe(
        2000,
      );
    }
    // A token endpoint that is down or unreachable may come back.
    for (const error of [
      new BasiqTokenError('down', { status: 503 }),
      new BasiqTokenError('unreachable'),
    ]) {
      expect(nextPollDelay(verifying, history({ failures: 1, error }))).toBe(2000);
    }
  });

  it('should not poll a finished job again after a failed refetch', () => {
    const succeeded = job(['success', 'success', 'success', 'success']);
    expect(nextPollDelay(succeeded, history({ failures: 1, error: apiError(503) }))).toBe(false);
  });

  describe('(property)', () => {
    const title = fc.constantFrom(
      'verify-credentials',
      'mfa-challenge',
      'retrieve-accounts',
      'retrieve-transactions',
      'create-report',
      'something-new',
    );
    const status = fc.constantFrom('pending', 'in-progress', 'success', 'failed', 'skipped', 'odd');
    const result = fc.oneof(
      fc.constant(null),
      fc.record({ type: fc.constant('mfa'), method: fc.string(), input: fc.array(fc.string()) }),
      fc.record({ code: fc.string(), title: fc.string() }),
      fc.record({ type: fc.constant('link'), url: fc.string() }),
      fc.anything(),
    );
    const rawJob = fc.oneof(
      fc.record(
        {
          id: fc.string(),
          status: fc.constantFrom('success', 'failed', 'in-progress', undefined),
          steps: fc.array(fc.record({ title, status, result }), { maxLength: 6 }),
        },
        { requiredKeys: ['steps'] },
      ),
      fc.anything(),
    );
    const error = fc.oneof(
      fc.constant(undefined),
      fc.constant(new Error('boom')),
      fc.constant(new BasiqTokenScopeError('refused', { reason: 'expired' })),
      fc.constant(new BasiqNetworkError('timeout', { reason: 'timeout' })),
      fc
        .tuple(fc.integer({ min: 400, max: 599 }), fc.option(fc.nat(600_000), { nil: undefined }))
        .map(([s, retryAfterMs]) => apiError(s, retryAfterMs)),
    );
    const histories = fc.record(
      {
        now: fc.integer({ min: 0, max: 2 * NOW }),
        slowPolls: fc.nat(1000),
        failures: fc.nat(100),
        mfaAnsweredAt: fc.integer({ min: 0, max: 2 * NOW }),
        error,
      },
      { requiredKeys: ['now', 'slowPolls', 'failures'] },
    );

    it('should always give false or a delay in [1 s, 30 s], or the Retry-After asked for', () => {
      fc.assert(
        fc.property(fc.option(rawJob, { nil: undefined }), histories, (raw, h) => {
          const delay = nextPollDelay(raw === undefined ? undefined : normalizeJob(raw), h);
          if (delay === false) return;
          const retryAfter = h.failures > 0 ? (h.error as BasiqApiError)?.retryAfterMs : undefined;
          expect(delay).toBeGreaterThanOrEqual(POLL_TIMING.fast);
          if (delay > POLL_TIMING.errorMax) expect(delay).toBe(retryAfter);
        }),
        { numRuns: 500 },
      );
    });

    it('should always give false for a finished job', () => {
      fc.assert(
        fc.property(rawJob, histories, (raw, h) => {
          const j = normalizeJob(raw);
          fc.pre(j.isTerminal);
          expect(nextPollDelay(j, h)).toBe(false);
        }),
        { numRuns: 500 },
      );
    });
  });
});
