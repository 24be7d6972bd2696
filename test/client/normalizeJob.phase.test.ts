import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalizeJob } from '../../src/client/normalizeJob';
import type { JobPhase } from '../../src/client/types';
import { jobArb, NUM_RUNS, wildArb } from './normalizeJobFixtures';

// ---- Independent oracle for the phase rule, reading the raw input directly. ----
const KNOWN_STATUS = new Map([
  ['pending', 'pending'],
  ['in-progress', 'in-progress'],
  ['in_progress', 'in-progress'],
  ['success', 'success'],
  ['failed', 'failed'],
  ['skipped', 'skipped'],
]);
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const statusOf = (v: unknown) =>
  typeof v === 'string' ? (KNOWN_STATUS.get(v.toLowerCase()) ?? 'unknown') : 'unknown';
const looksMfa = (r: unknown) =>
  isObj(r) && (r.type === 'mfa' || (r.method != null && r.input != null));

function oraclePhase(input: unknown): JobPhase {
  if (!isObj(input)) return 'pending';
  const steps = Array.isArray(input.steps) ? input.steps.filter(isObj) : [];
  const statuses = steps.map((s) => statusOf(s.status));
  const top = statusOf(input.status);
  if (top === 'failed' || statuses.includes('failed')) return 'failed';
  const asksMfa = steps.some(
    (s, i) =>
      statuses[i] === 'in-progress' &&
      (looksMfa(s.result) || (Array.isArray(s.result) && s.result.some(looksMfa))),
  );
  if (asksMfa) return 'mfa-required';
  if (top === 'success') return 'success';
  if (statuses.length > 0 && statuses.every((s) => s === 'success' || s === 'skipped')) {
    return 'success';
  }
  if (top !== 'in-progress' && statuses.every((s) => s === 'pending')) return 'pending';
  return 'in-progress';
}

describe('normalizeJob', () => {
  describe('properties', () => {
    it('should derive the phase by the documented rule', () => {
      fc.assert(
        fc.property(jobArb, (raw) => {
          expect(normalizeJob(raw).phase).toBe(oraclePhase(raw));
        }),
        { numRuns: NUM_RUNS },
      );
    });

    it('should set mfa only when MFA is required and failure only when failed', () => {
      fc.assert(
        fc.property(fc.oneof(jobArb, wildArb), (raw) => {
          const job = normalizeJob(raw);
          expect('mfa' in job).toBe(job.phase === 'mfa-required');
          expect('failure' in job).toBe(job.phase === 'failed');
          if (job.mfa) expect(job.mfa.jobId).toBe(job.id);
        }),
        { numRuns: NUM_RUNS },
      );
    });
  });
});
