/**
 * A kind of job failure, each with its own message and next action (Basiq's advice):
 * `credentials` (re-enter the sign-in details), `userAction` (act in internet banking first),
 * `unavailable` (the bank has trouble; data arrives later), `timedOut`, `institution` (this bank
 * cannot be connected), or `generic` for every other code. The components' failure texts are
 * keyed by it; the `job-failed` event carries it as `advice`.
 */
export type FailureFamily =
  'credentials' | 'userAction' | 'unavailable' | 'timedOut' | 'institution' | 'generic';

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
 *
 * @param code - A job failure's code, e.g. `invalid-credentials` (case and spaces do not matter).
 */
export function failureFamily(code: string): FailureFamily {
  const key = code.trim().toLowerCase();
  return CODES.find(([, codes]) => codes.includes(key))?.[0] ?? 'generic';
}
