// ConnectionStatus's model: which view a job's section shows, what it announces, and which host
// callback or focus move a new answer from Basiq calls for. Pure, so the components stay thin
// views over it.
import { BasiqApiError, BasiqPollTimeoutError } from '../client/errors.js';
import type { Job, JobPhase, JobStep } from '../client/types.js';
import { connectionStatusLabels } from '../labels/connectionStatusLabels.js';
import { formatLabel } from '../labels/defaultLabels.js';
import { phaseLabels, stepLabels } from '../labels/jobLabels.js';
import { failureFamily } from '../client/failureFamily.js';
import { readableTitle } from './format.js';

/** The label sections ConnectionStatus reads: only their texts ship with it. */
export const connectionStatusSections = {
  phase: phaseLabels,
  steps: stepLabels,
  connectionStatus: connectionStatusLabels,
};
/** ConnectionStatus's texts, merged over the defaults. */
export type ConnectionStatusTexts = typeof connectionStatusSections;

/**
 * What one job's section shows, as its `data-phase` (`not-found` reads `error` there): the job's
 * phase, or `loading` (no answer yet), `error` (could not load: "Try again"), `not-found` (Basiq
 * does not know the job: nothing to retry), `timed-out` (still running after `maxPollMs`:
 * "Check again").
 */
export type ConnectionStatusView = JobPhase | 'loading' | 'error' | 'not-found' | 'timed-out';

/** The view for what the job's query holds: the last job seen, and its error. */
export function connectionStatusView(
  job: Job | undefined,
  error: Error | null,
): ConnectionStatusView {
  if (job) return error instanceof BasiqPollTimeoutError ? 'timed-out' : job.phase;
  if (error instanceof BasiqApiError && (error.status === 404 || error.status === 410)) {
    return 'not-found';
  }
  return error ? 'error' : 'loading';
}

/** The root's `data-phase` for a view. */
export const dataPhase = (view: ConnectionStatusView) => (view === 'not-found' ? 'error' : view);

/** The label of the button that loads the job again, in the views that have one. */
export const RETRY_LABEL: Partial<Record<ConnectionStatusView, 'checkAgain' | 'retry'>> = {
  'timed-out': 'checkAgain',
  error: 'retry',
};

const isDone = (step: JobStep) => step.status === 'success' || step.status === 'skipped';

/** How many steps are done (succeeded or skipped). */
export const doneCount = (steps: readonly JobStep[]) => steps.filter(isDone).length;

/** The step that matters now: the first not done (succeeded or skipped). */
export const currentStep = (steps: readonly JobStep[]) => steps.find((step) => !isDone(step));

/** A step's name for people: `labels.steps[title]`, or the title made readable. */
export const stepName = (title: string, labels: ConnectionStatusTexts): string =>
  Object.hasOwn(labels.steps, title) ? labels.steps[title]! : readableTitle(title);

/** "2 of 3 steps done". */
export const progressText = (steps: readonly JobStep[], labels: ConnectionStatusTexts): string =>
  formatLabel(labels.connectionStatus.progress, {
    done: doneCount(steps),
    total: steps.length,
  });

/**
 * What the section's live region says in a view: it changes (and is announced) only when this
 * does, so a poll that changes nothing says nothing.
 */
export function announcement(
  view: ConnectionStatusView,
  job: Job | undefined,
  labels: ConnectionStatusTexts,
): string {
  const texts = labels.connectionStatus;
  if (view === 'timed-out') return texts.stalled;
  if (!job) return view === 'loading' ? '' : view === 'error' ? texts.loadError : texts.notFound;
  const phase = labels.phase[job.phase];
  if (job.failure) return `${phase}. ${texts.failure[failureFamily(job.failure.code)].message}`;
  const step = job.phase === 'in-progress' && currentStep(job.steps);
  return step ? `${stepName(step.title, labels)}… ${progressText(job.steps, labels)}` : phase;
}

/** The ids to show: `jobId` first, then `jobIds`, without duplicates or empty ids. */
export const jobIdsToShow = (jobId?: string, jobIds: readonly string[] = []) =>
  [...new Set([jobId, ...jobIds])].filter((id): id is string => !!id);

/** The root's `data-phase` when several jobs are shown, from their combined phase. */
export const combinedPhase = (total: number, phase: JobPhase | undefined, error: Error | null) =>
  !total ? 'empty' : (phase ?? (error ? 'error' : 'loading'));

/** A host callback a job calls as it enters a phase. */
export type ConnectionStatusCall = 'onSuccess' | 'onFailure' | 'onMfa';

const CALLS: Partial<Record<JobPhase, ConnectionStatusCall>> = {
  success: 'onSuccess',
  failed: 'onFailure',
  'mfa-required': 'onMfa',
};

/**
 * What a job's section remembers between answers. It changes nothing on screen, so the
 * component keeps it in a ref: remembering costs no render.
 */
export interface ConnectionStatusState {
  /** The job's phase at the last answer with a job. */
  phase?: JobPhase;
  /** "Try again" or "Check again" was pressed and the job has not loaded since. */
  retrying: boolean;
}

/** A section that has seen no answer yet. */
export const INITIAL_CONNECTION_STATUS: ConnectionStatusState = { retrying: false };

/**
 * What happens to a job's section: the user presses "Try again" or "Check again" (`retry`), or
 * the query's answer changes, or the component runs its effect again on the same one (`answer`).
 */
export type ConnectionStatusEvent =
  { type: 'retry' } | { type: 'answer'; job: Job | undefined; error: Error | null };

/** Moves a job's section on: it follows the job's phase, and a retry lasts until the job loads. */
export function connectionStatusReducer(
  state: ConnectionStatusState,
  event: ConnectionStatusEvent,
): ConnectionStatusState {
  switch (event.type) {
    case 'retry':
      return { ...state, retrying: true };
    case 'answer':
      return event.job
        ? { phase: event.job.phase, retrying: state.retrying && !!event.error }
        : state;
  }
}

/**
 * The host callback to call after moving from `previous` to `next`: each fires once per entry
 * into its phase (once for success or failure, each time Basiq asks for MFA anew), so a poll
 * that changes nothing, or StrictMode's second effect run, calls nothing.
 */
export const callFor = (previous: ConnectionStatusState, next: ConnectionStatusState) =>
  next.phase && next.phase !== previous.phase ? CALLS[next.phase] : undefined;

/** Focus moves to the job's status once a retry loaded it: the button pressed is gone. */
export const movesFocus = (previous: ConnectionStatusState, next: ConnectionStatusState) =>
  previous.retrying && !next.retrying;
