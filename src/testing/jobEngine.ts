// A mock job is its plan, its start time and the MFA answers it got; what Basiq would
// show at any moment is derived from those and the mock clock, so nothing needs a timer.
import {
  DEFAULT_STEP_MS,
  SCENARIO_PLANS,
  type MfaPlan,
  type MockScenario,
  type MockStepTitle,
  type TimedStep,
} from './scenarios.js';
import type { StepDurations } from './types.js';

/** Wrong MFA answers a challenge takes before the step fails. */
const MAX_MFA_ATTEMPTS = 3;

export interface MfaAnswer {
  at: number;
  correct: boolean;
}

export interface MockJob {
  id: string;
  userId: string;
  scenario: MockScenario;
  createdAt: number;
  durations: Record<TimedStep, number>;
  institutionId: string;
  connectionId: string;
  /** Set when the connection was removed (its consent revoked): the job loses its source. */
  detached?: boolean;
  answers: MfaAnswer[];
}

type Status = 'pending' | 'in-progress' | 'success' | 'failed';

interface StepView {
  title: MockStepTitle;
  status: Status;
  /** `null`, a link, an error, or the MFA challenge(s). */
  result: unknown;
}

export interface JobView {
  steps: StepView[];
  status: Status;
  /** Epoch ms of the last change at or before `now`. */
  updatedAt: number;
  /** The prompts of the challenge waiting for an answer right now. */
  waitingFor?: string[];
}

export function durationsOf(stepMs: StepDurations | undefined): MockJob['durations'] {
  if (typeof stepMs === 'number') {
    return Object.fromEntries(
      Object.keys(DEFAULT_STEP_MS).map((key) => [key, stepMs]),
    ) as MockJob['durations'];
  }
  return { ...DEFAULT_STEP_MS, ...stepMs };
}

function linkFor(job: MockJob, title: MockStepTitle): string {
  const user = `/users/${job.userId}`;
  const institution = `?filter=institution.id.eq('${job.institutionId}')`;
  switch (title) {
    case 'verify-credentials':
      return `${user}/connections/${job.connectionId}`;
    case 'retrieve-accounts':
      return `${user}/accounts${institution}`;
    case 'retrieve-transactions':
      return `${user}/transactions${institution}`;
    case 'retrieve-statements':
      return `${user}/statements`;
    default:
      return `/reports/${job.id}`;
  }
}

function challenge(plan: MfaPlan, job: MockJob, baseUrl: string, expiryMs: number) {
  return {
    type: 'mfa',
    method: plan.method,
    description: plan.description,
    input: plan.prompts,
    expiryMs,
    links: { response: `${baseUrl}/jobs/${job.id}/mfa` },
  };
}

export interface JobContext {
  baseUrl: string;
  mfaExpiryMs: number;
}

const timedOut = {
  code: 'job-timed-out',
  title: 'MFA challenge expired.',
  detail: 'The MFA challenge was not answered in time. Connect again to retry.',
};
const tooManyWrong = {
  code: 'invalid-credentials',
  title: 'Cannot login to target institution, check credentials.',
  detail: 'Too many wrong MFA answers. Please connect again.',
};

/**
 * The MFA step that asked at `askedAt`: waiting with its challenge, checking an answer
 * (no challenge shown), asking again after a wrong one, done, or failed. `changes` are the
 * times it changed, the last one being when it ended.
 */
function mfaStep(job: MockJob, plan: MfaPlan, askedAt: number, now: number, context: JobContext) {
  const shown = [askedAt];
  const challenges = () => {
    const all = shown.map(() => challenge(plan, job, context.baseUrl, context.mfaExpiryMs));
    return plan.asArray ? all : all.at(-1);
  };
  for (const answer of job.answers) {
    if (answer.at > now) break;
    const checked = answer.at + job.durations['mfa-verify'];
    if (now < checked)
      return { status: 'in-progress' as const, result: null, changes: [answer.at] };
    if (answer.correct)
      return { status: 'success' as const, result: challenges(), changes: [checked] };
    if (shown.length >= MAX_MFA_ATTEMPTS) {
      return { status: 'failed' as const, result: { ...tooManyWrong }, changes: [checked] };
    }
    shown.push(checked);
  }
  const expiry = shown.at(-1)! + context.mfaExpiryMs;
  if (now >= expiry)
    return { status: 'failed' as const, result: { ...timedOut }, changes: [expiry] };
  return {
    status: 'in-progress' as const,
    result: challenges(),
    changes: [shown.at(-1)!],
    waitingFor: plan.prompts,
  };
}

/** What the job looks like at `now`. */
export function viewJob(job: MockJob, now: number, context: JobContext): JobView {
  const steps: StepView[] = [];
  let stepStart = job.createdAt;
  let updatedAt = job.createdAt;
  let stopped = false;
  let failed = false;
  let waitingFor: string[] | undefined;
  const advanceTo = (time: number) => (updatedAt = Math.max(updatedAt, time));

  for (const plan of SCENARIO_PLANS[job.scenario].steps) {
    if (stopped || now < stepStart) {
      steps.push({ title: plan.title, status: 'pending', result: null });
      continue;
    }
    if (!plan.mfa) {
      const end = stepStart + job.durations[plan.title as TimedStep];
      if (now < end) {
        steps.push({ title: plan.title, status: 'in-progress', result: null });
        stopped = true;
        continue;
      }
      stepStart = advanceTo(end);
      if (plan.fails) {
        steps.push({ title: plan.title, status: 'failed', result: { ...plan.fails } });
        stopped = failed = true;
      } else {
        const url = linkFor(job, plan.title);
        steps.push({ title: plan.title, status: 'success', result: { type: 'link', url } });
      }
      continue;
    }

    const mfa = mfaStep(job, plan.mfa, stepStart, now, context);
    steps.push({ title: plan.title, status: mfa.status, result: mfa.result });
    mfa.changes.forEach(advanceTo);
    if (mfa.status === 'success') stepStart = mfa.changes.at(-1)!;
    else stopped = true;
    if (mfa.status === 'failed') failed = true;
    if (mfa.waitingFor) waitingFor = mfa.waitingFor;
  }

  const status: Status = failed
    ? 'failed'
    : steps.every((s) => s.status === 'success')
      ? 'success'
      : steps.every((s) => s.status === 'pending')
        ? 'pending'
        : 'in-progress';
  return { steps, status, updatedAt, ...(waitingFor && { waitingFor }) };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The job as Basiq's `GET /jobs/{id}` would send it at `now`, in the scenario's shape. */
export function renderJob(job: MockJob, now: number, context: JobContext): Record<string, unknown> {
  const { baseUrl } = context;
  const view = viewJob(job, now, context);
  const { shape } = SCENARIO_PLANS[job.scenario];
  const self = `${baseUrl}/jobs/${job.id}`;
  const source = job.detached
    ? undefined
    : `${baseUrl}/users/${job.userId}/connections/${job.connectionId}`;
  if (shape === 'report') {
    return {
      type: 'job',
      id: job.id,
      partnerId: 'e73ffa09-742f-4be3-9aae-0ad077f041a1',
      applicationId: '3e2863df-43d1-405d-b104-701bcb34e184',
      created: iso(job.createdAt),
      updated: iso(view.updatedAt),
      status: view.status,
      jobType: 'report',
      steps: view.steps,
      // Report jobs drop their links once they fail.
      links:
        view.status === 'failed' ? null : { self: `/jobs/${job.id}`, source: `/reports/${job.id}` },
    };
  }
  if (shape === 'statement') {
    return {
      type: 'job',
      id: job.id,
      createdDate: iso(job.createdAt),
      updatedDate: iso(view.updatedAt),
      jobType: 'statement',
      ...(!job.detached && { sourceId: job.connectionId }),
      steps: view.steps,
      links: { self, ...(source && { source }) },
    };
  }
  return {
    type: 'job',
    id: job.id,
    created: iso(job.createdAt),
    updated: iso(view.updatedAt),
    jobType: 'connection',
    steps: view.steps,
    links: { self, ...(source && { source }) },
  };
}

export { iso };
