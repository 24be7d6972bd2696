import type { EventHub } from '../client/createEventHub.js';
import { failureFamily } from '../client/failureFamily.js';
import type { BasiqFlowEventInit } from '../client/flowEvents.js';
import type { Job, JobStep, StepStatus } from '../client/types.js';

/** Basiq's title of the step whose success means the accounts can be read. */
const ACCOUNTS_STEP = 'retrieve-accounts';

/** How an answer's `POST /jobs/{id}/mfa` went: on its way, answered 2xx, or no reply / 502 / 504. */
type Delivery = 'sending' | 'sent' | 'maybe';

/** An MFA answer reported with `mfa-submitted` and still waiting for Basiq's verdict. */
interface Answer {
  /** The mutation that posts it. */
  by: number;
  /** The step whose challenge it answers, when known. */
  step: string | undefined;
  /** The job (as JSON) when it was sent: a challenge in a job that has changed since is a new one. */
  job: string;
  delivery: Delivery;
  /** The answer this one was sent after (a resend after no reply), back in force if this one is lost. */
  prior: Answer | undefined;
}

/** What the tracker remembers of one job. */
interface JobMemory {
  /** The last job object looked at: the same object again (structural sharing) has nothing new. */
  last: Job | undefined;
  /** Each step's status as last reported, by position and title. */
  statuses: Map<string, StepStatus>;
  /** A challenge is showing and `mfa-required` was reported for it. */
  challenged: boolean;
  answer: Answer | undefined;
  /** `job-succeeded` or `job-failed` was reported. */
  ended: boolean;
}

/** Turns what is seen of jobs and MFA answers into events, once per change; one per provider. */
export interface FlowEventTracker {
  /** Reports, in order, what changed in `job` since this tracker last saw it. */
  sawJob(job: Job): void;
  /**
   * An MFA answer for `jobId` is being posted by mutation `by`: reports `mfa-submitted`, unless
   * an answer is already on its way or delivered and not yet checked (a joined or repeated
   * submit posts nothing).
   */
  answerSent(jobId: string, by: number): void;
  /** How mutation `by`'s post ended: delivered, maybe delivered, or lost (the form offers it again). */
  answerSettled(jobId: string, by: number, outcome: 'sent' | 'maybe' | 'lost'): void;
  /** Emits an event that needs no memory (a mutation's success, a failed request). */
  emit(event: BasiqFlowEventInit): void;
}

const stepKey = (step: JobStep, index: number) => `${index}:${step.title}`;

/** The running step whose challenge waits for an answer. */
const challengeStep = (job: Job | undefined) =>
  job?.mfa
    ? job.steps.find((s) => s.status === 'in-progress' && s.result?.type === 'mfa')
    : undefined;

/**
 * A new tracker emitting to `events`. It remembers each job by id for as long as it lives, so
 * it must outlive effect re-runs (StrictMode mounts effects twice): keep one per provider.
 *
 * @param events - The provider's event hub.
 */
export function createFlowEventTracker(events: EventHub): FlowEventTracker {
  const jobs = new Map<string, JobMemory>();
  const memoryOf = (jobId: string): JobMemory => {
    let memory = jobs.get(jobId);
    if (!memory) {
      memory = {
        last: undefined,
        statuses: new Map(),
        challenged: false,
        answer: undefined,
        ended: false,
      };
      jobs.set(jobId, memory);
    }
    return memory;
  };

  function sawJob(job: Job): void {
    const memory = memoryOf(job.id);
    if (memory.last === job) return;
    memory.last = job;
    const jobId = job.id;
    const out: BasiqFlowEventInit[] = [];
    const verdict = (accepted: boolean) => {
      out.push(
        accepted
          ? { type: 'mfa-accepted', jobId }
          : { type: 'mfa-refused', jobId, code: job.failure?.code ?? null },
      );
      memory.answer = undefined;
    };
    const live = challengeStep(job);

    job.steps.forEach((step, index) => {
      const key = stepKey(step, index);
      if (step.status !== (memory.statuses.get(key) ?? 'pending')) {
        memory.statuses.set(key, step.status);
        out.push({ type: 'job-step', jobId, step: step.title, status: step.status });
        if (memory.answer?.step === step.title && step.status !== 'in-progress') {
          if (step.status === 'failed') verdict(false);
          else if (step.status === 'success' || step.status === 'skipped') verdict(true);
        }
        if (step.title === ACCOUNTS_STEP && step.status === 'success') {
          out.push({ type: 'accounts-ready', jobId });
        }
      }
      if (step !== live) return;
      // Basiq asks again after a wrong answer: a challenge in a job that moved on since.
      if (memory.answer && JSON.stringify(job) !== memory.answer.job) {
        out.push({ type: 'mfa-refused', jobId, code: null });
        memory.answer = undefined;
        memory.challenged = false;
      }
      if (!memory.challenged) {
        memory.challenged = true;
        out.push({
          type: 'mfa-required',
          jobId,
          method: job.mfa!.method,
          prompts: job.mfa!.prompts.length,
        });
      }
    });
    if (!live) memory.challenged = false;

    if (job.isTerminal && !memory.ended) {
      memory.ended = true;
      if (memory.answer) verdict(job.phase === 'success');
      out.push(
        job.phase === 'success'
          ? { type: 'job-succeeded', jobId }
          : {
              type: 'job-failed',
              jobId,
              step: job.failure?.step ?? 'job',
              code: job.failure?.code ?? 'unknown-error',
              advice: failureFamily(job.failure?.code ?? ''),
            },
      );
    }
    for (const event of out) events.emit(event);
  }

  return {
    sawJob,
    answerSent(jobId, by) {
      const memory = memoryOf(jobId);
      const pending = memory.answer;
      if (pending && pending.delivery !== 'maybe') return;
      memory.answer = {
        by,
        step: challengeStep(memory.last)?.title ?? pending?.step,
        job: JSON.stringify(memory.last ?? null),
        delivery: 'sending',
        prior: pending,
      };
      events.emit({ type: 'mfa-submitted', jobId });
    },
    answerSettled(jobId, by, outcome) {
      const memory = memoryOf(jobId);
      const answer = memory.answer;
      if (answer?.by !== by) return;
      if (outcome === 'lost') memory.answer = answer.prior;
      else answer.delivery = outcome;
    },
    emit: (event) => events.emit(event),
  };
}
