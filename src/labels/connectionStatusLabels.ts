/**
 * Texts of `ConnectionStatus`. Phase names come from `labels.phase` and step names from
 * `labels.steps`; `{placeholders}` are filled in by the component.
 */
export const connectionStatusLabels = {
  /** Shown while the job is first loaded. */
  loading: 'Checking your connection…',
  /** Shown when the job could not be loaded (network, server error). */
  loadError: 'We couldn’t check this connection right now.',
  /** Shown when Basiq does not know the job (404) or it is gone (410). */
  notFound: 'We couldn’t find this connection. Please connect your bank again.',
  /** The button that loads the job again after a load error. */
  retry: 'Try again',
  /** Shown when the job still runs after `maxPollMs` and the kit stopped checking. */
  stalled: 'This is taking longer than usual. Your bank may still be sending data.',
  /** The button that checks a stalled job again. */
  checkAgain: 'Check again',
  /** Shown when no job id was given (nothing was connected). */
  empty: 'No bank connection to show.',
  /** The accessible name of the step list. */
  stepsLabel: 'Connection steps',
  /** What each step's status reads as (shown, and read by screen readers). */
  stepStatus: {
    pending: 'Waiting',
    'in-progress': 'In progress',
    success: 'Done',
    failed: 'Failed',
    skipped: 'Skipped',
    unknown: 'Status unknown',
  },
  /** The progress text beside the bar. */
  progress: '{done} of {total} steps done',
  /** Names one job when several are shown. */
  connection: 'Connection {n} of {total}',
  /** Above the jobs when several are shown. */
  summary: '{done} of {total} connections finished',
  /** Shown before the failure code. */
  failureCode: 'Error code:',
  /** Shown before Basiq's own words about the failure. */
  failureDetail: 'Details:',
  /** What went wrong and what to do next, by kind of failure (see `failureFamily`). */
  failure: {
    /** invalid-credentials, authorization-failed */
    credentials: {
      message: 'Your bank didn’t accept the sign-in details.',
      action: 'Check your details and connect your bank again.',
    },
    /** account-not-accessible-requires-user-action, user-action-required */
    userAction: {
      message: 'Your bank needs you to do something first.',
      action: 'Log in to your internet banking, clear any message there, then try again.',
    },
    /** service-unavailable, system-unavailable, maintenance, connector-error, institution-not-available */
    unavailable: {
      message: 'Your bank is having trouble right now.',
      action: 'Your data will arrive once your bank is back, or try again in 10 minutes.',
    },
    /** job-timed-out */
    timedOut: {
      message: 'The connection took too long.',
      action: 'Please connect your bank again, and answer any verification promptly.',
    },
    /** institution-disabled, institution-not-found, institution-not-supported */
    institution: {
      message: 'This bank can’t be connected right now.',
      action: 'Try again later, or choose another bank.',
    },
    /** Every other code. */
    generic: {
      message: 'Something went wrong connecting your bank.',
      action: 'Please try again later, or contact support with the code below.',
    },
  },
};
