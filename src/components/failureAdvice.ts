import type { connectionStatusLabels } from '../labels/connectionStatusLabels.js';

/** A kind of job failure, each with its own message and next action (Basiq's advice). */
export type FailureFamily = keyof (typeof connectionStatusLabels)['failure'];

// Basiq's failure codes by family; every other code is `generic`.
const CODES: ReadonlyArray<readonly [FailureFamily, readonly string[]]> = [
  ['credentials', ['invalid-credentials', 'authorization-failed']],
  ['userAction', ['account-not-accessible-requires-user-action', 'user-action-required']],
  [
    'unavailable',
    [
      'service-unavailable',
      'system-unavailable',
      'maintenance',
      'connector-error',
      'institution-not-available',
    ],
  ],
  ['timedOut', ['job-timed-out']],
  ['institution', ['institution-disabled', 'institution-not-found', 'institution-not-supported']],
];

/**
 * The kind of failure a Basiq failure code is: credentials to re-enter, an action to take in
 * internet banking, a bank having trouble (data arrives later), a timeout, a bank that cannot
 * be connected, or `generic` for every other code.
 */
export function failureFamily(code: string): FailureFamily {
  const key = code.trim().toLowerCase();
  return CODES.find(([, codes]) => codes.includes(key))?.[0] ?? 'generic';
}
