import { expect } from 'vitest';
import type { BasiqFlowEvent } from '../../src';

/** One event as a line: its type and the fields that tell it apart (ids and `at` left out). */
export function describeEvent(event: BasiqFlowEvent): string {
  switch (event.type) {
    case 'job-step':
      return `job-step ${event.step} ${event.status}`;
    case 'mfa-required':
      return `mfa-required ${event.method} ${event.prompts}`;
    case 'mfa-refused':
      return `mfa-refused ${event.code}`;
    case 'job-failed':
      return `job-failed ${event.step} ${event.code} ${event.advice}`;
    case 'request-failed':
      return `request-failed ${event.error} ${event.status} ${event.code}`;
    case 'consent-launch':
      return `consent-launch ${event.action}`;
    case 'auth-link-created':
      return `auth-link-created ${event.expiresAt === null ? 'no expiry' : 'expiresAt'}`;
    default:
      return event.type;
  }
}

/** Records an event stream: pass `onEvent` to the provider (or to `useBasiqEvents`). */
export function recordEvents() {
  const events: BasiqFlowEvent[] = [];
  return {
    events,
    onEvent: (event: BasiqFlowEvent) => void events.push(event),
    /** Every event so far, as {@link describeEvent} lines. */
    lines: () => events.map(describeEvent),
    /** Forgets what was recorded (e.g. the steps before the part a test is about). */
    clear: () => void events.splice(0),
  };
}

/** What every job's stream must hold: its id on each job event, and times that never go back. */
export function expectWellFormed(events: readonly BasiqFlowEvent[], jobId: string) {
  for (const event of events) {
    if ('jobId' in event && !Array.isArray(event.jobId)) expect(event.jobId).toBe(jobId);
    expect(Number.isFinite(event.at)).toBe(true);
  }
  const times = events.map((event) => event.at);
  expect(times).toEqual([...times].sort((a, b) => a - b));
}

/** The events of a successful connection without MFA, as lines. */
export const SUCCESS = [
  'job-step verify-credentials in-progress',
  'job-step verify-credentials success',
  'job-step retrieve-accounts in-progress',
  'job-step retrieve-accounts success',
  'accounts-ready',
  'job-step retrieve-transactions in-progress',
  'job-step retrieve-transactions success',
  'job-succeeded',
];

/** The events of the successful MFA flow (SMS code, right first time), as lines. */
export const MFA_SUCCESS = [
  'job-step verify-credentials in-progress',
  'job-step verify-credentials success',
  'job-step mfa-challenge in-progress',
  'mfa-required token 1',
  'mfa-submitted',
  'job-step mfa-challenge success',
  'mfa-accepted',
  'job-step retrieve-accounts in-progress',
  'job-step retrieve-accounts success',
  'accounts-ready',
  'job-step retrieve-transactions in-progress',
  'job-step retrieve-transactions success',
  'job-succeeded',
];
