import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalizeJob } from '../../src/client/normalizeJob';
import type { Job, JobPhase } from '../../src/client/types';
import { jobArb, NUM_RUNS, wildArb } from './normalizeJobFixtures';

const PHASES: readonly JobPhase[] = ['pending', 'in-progress', 'mfa-required', 'success', 'failed'];
const STEP_STATUSES = ['pending', 'in-progress', 'success', 'failed', 'skipped', 'unknown'];

/** Throws (with a reason) unless `job` has the shape `Job` promises. */
function assertWellFormed(job: Job): void {
  expect(typeof job.id).toBe('string');
  expect(typeof job.jobType).toBe('string');
  expect(PHASES).toContain(job.phase);
  expect(job.isTerminal).toBe(job.phase === 'success' || job.phase === 'failed');
  expect(Array.isArray(job.steps)).toBe(true);
  for (const step of job.steps) {
    expect(typeof step.title).toBe('string');
    expect(STEP_STATUSES).toContain(step.status);
    if (step.result?.type === 'mfa') {
      expect(step.result.challenge.prompts.every((p) => typeof p === 'string')).toBe(true);
      const ms = step.result.challenge.expiresInMs;
      if (ms !== undefined) expect(Number.isFinite(ms) && ms >= 0).toBe(true);
    }
  }
  expect(Object.values(job.links).every((v) => typeof v === 'string')).toBe(true);
  expect(Object.values(job).every((v) => v !== undefined)).toBe(true);
  expect(job.mfa !== undefined).toBe(job.phase === 'mfa-required');
  expect(job.failure !== undefined).toBe(job.phase === 'failed');
  expect(() => JSON.stringify(job)).not.toThrow();
}

describe('normalizeJob', () => {
  describe('properties', () => {
    it('should return a well-formed job for any value', () => {
      fc.assert(
        fc.property(fc.oneof(fc.anything(), wildArb), (raw) => {
          assertWellFormed(normalizeJob(raw));
        }),
        { numRuns: NUM_RUNS },
      );
    });

    it('should return a well-formed job for any job-like object', () => {
      fc.assert(
        fc.property(jobArb, (raw) => {
          assertWellFormed(normalizeJob(raw));
        }),
        { numRuns: NUM_RUNS },
      );
    });
  });
});
