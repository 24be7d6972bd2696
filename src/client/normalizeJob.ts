import type {
  Job,
  JobFailure,
  JobPhase,
  JobStep,
  MfaChallenge,
  StepResult,
  StepStatus,
} from './types.js';

type Rec = Record<string, unknown>;

const STEP_STATUSES = new Set<string>(['pending', 'in-progress', 'success', 'failed', 'skipped']);
const PROMPT_KEYS = ['label', 'text', 'question', 'name', 'description'];
// Stops at the next path segment, query or fragment: `…/connections/<id>/refresh?x=1`.
const CONNECTION_RE = /\/connections\/([^/?#]+)/;
const NUMERIC_RE = /^\s*\d+(?:\.\d+)?\s*$/;

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Own properties only, so a polluted Object.prototype cannot leak into a job.
function get(obj: Rec, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** The first string among `keys`, in order. */
function str(obj: Rec, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = get(obj, key);
    if (typeof value === 'string') return value;
  }
  return undefined;
}

function omitUndefined<T extends object>(obj: T): T {
  for (const key of Object.keys(obj) as (keyof T)[]) {
    if (obj[key] === undefined) delete obj[key];
  }
  return obj;
}

// Payloads mix `in-progress`, `IN_PROGRESS` and `In-Progress`.
function normStatus(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase().replace(/_/g, '-') : '';
}

function toStepStatus(value: unknown): StepStatus {
  const status = normStatus(value);
  return STEP_STATUSES.has(status) ? (status as StepStatus) : 'unknown';
}

function toPrompts(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return [];
  // Security questions sometimes come as objects rather than plain strings.
  return input
    .map((item: unknown) => (isRecord(item) ? str(item, ...PROMPT_KEYS) : item))
    .filter((item): item is string => typeof item === 'string');
}

function toMs(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && NUMERIC_RE.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isFinite(n) || n < 0) return undefined;
  return n === 0 ? 0 : n; // no -0
}

function toChallenge(result: Rec, jobId: string): MfaChallenge {
  const links = get(result, 'links');
  return omitUndefined<MfaChallenge>({
    jobId,
    method: str(result, 'method') ?? 'unknown',
    description: str(result, 'description'),
    prompts: toPrompts(get(result, 'input')),
    expiresInMs: toMs(get(result, 'expiryMs')),
    responseUrl: isRecord(links) ? str(links, 'response') : undefined,
  });
}

function classify(result: Rec, jobId: string): StepResult | null {
  const type = get(result, 'type');
  // The job schema has no MFA result; real ones carry `method` + `input`, with or without `type`.
  const given = (key: string) => get(result, key) !== undefined && get(result, key) !== null;
  if (type === 'mfa' || (given('method') && given('input'))) {
    return { type: 'mfa', challenge: toChallenge(result, jobId) };
  }
  const code = get(result, 'code');
  if (typeof code === 'string') {
    // The schema says `details`; real payloads say `detail`.
    return omitUndefined<StepResult>({
      type: 'error',
      code,
      title: str(result, 'title'),
      detail: str(result, 'detail', 'details'),
    });
  }
  const url = get(result, 'url');
  if (type === 'link' && typeof url === 'string') return { type: 'link', url };
  return null;
}

// `result` is an object, an array of such objects, or null, depending on the job.
function toResult(raw: unknown, failed: boolean, jobId: string): StepResult | null {
  if (isRecord(raw)) return classify(raw, jobId);
  if (!Array.isArray(raw)) return null;
  const all = raw
    .filter(isRecord)
    .map((item) => classify(item, jobId))
    .filter((result): result is StepResult => result !== null);
  const firstOf = (type: StepResult['type']) => all.find((r) => r.type === type);
  if (failed) {
    const error = firstOf('error');
    if (error) return error;
  }
  // A retried challenge is appended, so the newest MFA entry is the live one.
  const lastMfa = all
    .slice()
    .reverse()
    .find((r) => r.type === 'mfa');
  return lastMfa ?? firstOf('link') ?? firstOf('error') ?? null;
}

function toStep(raw: Rec, jobId: string): JobStep {
  const status = toStepStatus(get(raw, 'status'));
  return {
    title: str(raw, 'title') ?? 'unknown',
    status,
    result: toResult(get(raw, 'result'), status === 'failed', jobId),
  };
}

function toSteps(raw: unknown, jobId: string): JobStep[] {
  return Array.isArray(raw) ? raw.filter(isRecord).map((step) => toStep(step, jobId)) : [];
}

// Report jobs send `links: null`; other values may be non-strings.
function toLinks(raw: unknown): Record<string, string> {
  if (!isRecord(raw)) return {};
  const entries = Object.entries(raw).filter(
    (entry): entry is [string, string] => entry[0] !== '__proto__' && typeof entry[1] === 'string',
  );
  return Object.fromEntries(entries);
}

function phaseOf(steps: JobStep[], topStatus: string): { phase: JobPhase; mfa?: MfaChallenge } {
  if (topStatus === 'failed' || steps.some((s) => s.status === 'failed')) {
    return { phase: 'failed' };
  }
  for (const step of steps) {
    // The MFA result stays on the step after success, so only a running step asks for an answer.
    if (step.status === 'in-progress' && step.result?.type === 'mfa') {
      return { phase: 'mfa-required', mfa: step.result.challenge };
    }
  }
  const done = steps.every((s) => s.status === 'success' || s.status === 'skipped');
  if (topStatus === 'success' || (steps.length > 0 && done)) return { phase: 'success' };
  if (topStatus !== 'in-progress' && steps.every((s) => s.status === 'pending')) {
    return { phase: 'pending' };
  }
  return { phase: 'in-progress' };
}

function failureOf(steps: JobStep[]): JobFailure {
  const failed = steps.find((s) => s.status === 'failed');
  // Report jobs fail with a top-level status only, or with `result: null` on the step.
  if (!failed) return { step: steps.at(-1)?.title ?? 'job', code: 'unknown-error' };
  const result = failed.result;
  if (result?.type !== 'error') return { step: failed.title, code: 'unknown-error' };
  return omitUndefined<JobFailure>({
    step: failed.title,
    code: result.code,
    title: result.title,
    detail: result.detail,
  });
}

function connectionOf(
  links: Record<string, string>,
  steps: JobStep[],
  raw: Rec,
): string | undefined {
  const fromUrl = (url: string | undefined) =>
    url === undefined ? undefined : CONNECTION_RE.exec(url)?.[1];
  const viaSource = fromUrl(links.source);
  if (viaSource) return viaSource;
  for (const step of steps) {
    const viaStep = step.result?.type === 'link' ? fromUrl(step.result.url) : undefined;
    if (viaStep) return viaStep;
  }
  // Statement jobs name their connection in `sourceId` instead.
  const sourceId = str(raw, 'sourceId');
  return sourceId ? sourceId : undefined;
}

function toId(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

function emptyJob(): Job {
  return { id: '', jobType: 'unknown', steps: [], phase: 'pending', isTerminal: false, links: {} };
}

function build(input: unknown): Job {
  const raw: Rec = isRecord(input) ? input : {};
  const id = toId(get(raw, 'id'));
  const steps = toSteps(get(raw, 'steps'), id);
  const links = toLinks(get(raw, 'links'));
  const { phase, mfa } = phaseOf(steps, normStatus(get(raw, 'status')));
  return omitUndefined<Job>({
    id,
    jobType: str(raw, 'jobType') ?? 'unknown',
    // Statement jobs use `createdDate`/`updatedDate`.
    created: str(raw, 'created', 'createdDate'),
    updated: str(raw, 'updated', 'updatedDate'),
    steps,
    phase,
    isTerminal: phase === 'success' || phase === 'failed',
    failure: phase === 'failed' ? failureOf(steps) : undefined,
    mfa,
    connectionId: connectionOf(links, steps, raw),
    links,
  });
}

/**
 * Turns whatever `GET /jobs/{jobId}` returned into one {@link Job} shape and derives its
 * {@link JobPhase}: a failed step (or top-level `status: failed`) → `failed`; a running step
 * holding an MFA challenge → `mfa-required` (the challenge becomes `job.mfa`); every step
 * success/skipped (or top-level `status: success`) → `success`; nothing started → `pending`;
 * else `in-progress`. It copes with the real payload quirks (results as objects, arrays or
 * null; `detail` vs `details`; statement and report job fields; `links: null`; unknown step
 * titles and statuses) and never throws: any other input reads as an empty pending job.
 *
 * @example
 * const job = normalizeJob(await (await fetch(jobUrl, { headers })).json());
 * if (job.phase === 'mfa-required') showMfaForm(job.mfa!.prompts);
 * else if (job.phase === 'failed') showError(job.failure!.code);
 */
export function normalizeJob(raw: unknown): Job {
  try {
    return build(raw);
  } catch {
    // Only hostile inputs get here (throwing getters, revoked proxies).
    return emptyJob();
  }
}
