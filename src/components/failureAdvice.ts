import type { connectionStatusLabels } from '../labels/connectionStatusLabels.js';

/** A kind of job failure, each with its own message and next action (Basiq's advice). */
export type FailureFamily = keyof (typeof connectionStatusLabels)['failure'];

const FAMILIES: Record<string, FailureFamily> = {
  'invalid-credentials': 'credentials',
  'authorization-failed': 'credentials',
  'account-not-accessible-requires-user-action': 'userAction',
  'user-action-required': 'userAction',
  'service-unavailable': 'unavailable',
  'system-unavailable': 'unavailable',
  maintenance: 'unavailable',
  'connector-error': 'unavailable',
  'institution-not-available': 'unavailable',
  'job-timed-out': 'timedOut',
  'institution-disabled': 'institution',
  'institution-not-found': 'institution',
  'institution-not-supported': 'institution',
};

/**
 * The kind of failure a Basiq failure code is: credentials to re-enter, an action to take in
 * internet banking, a bank having trouble (data arrives later), a timeout, a bank that cannot
 * be connected, or `generic` for every other code.
 */
export function failureFamily(code: string): FailureFamily {
  const key = code.trim().toLowerCase();
  return Object.hasOwn(FAMILIES, key) ? FAMILIES[key]! : 'generic';
}
