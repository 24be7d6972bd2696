import { firstString, isRecord } from '../internal/isRecord.js';
import type { Job, JobPhase, JobStep, MfaChallenge, StepResult, StepStatus } from './types.js';

type Rec = Record<string, unknown>;

const STEP_STATUSES = ['pending', 'in-progress', 'success', 'failed', 'skipped'];
const PROMPT_KEYS = ['label', 'text', 'question', 'name', 'description'];

const isString = (value: unknown): value is string => typeof value === 'string';

// A prototype-less copy of a record's own fields (empty for anything else), so neither
// inherited nor polluted Object.prototype properties can leak into a job.
const obj = (value: unknown): Rec => ({ __proto__: null, ...(isRecord(value) && value) });

// Payloads mix `in-progress`, `IN_PROGRESS` and `In-Progress`.
function toStatus(value: unknown): StepStatus {
  const status = firstString(value)?.toLowerCase().replaceAll('_', '-') ?? 'unknown';
  return (STEP_STATUSES.includes(status) ? status : 'unknown') as StepStatus;
}

function classify(item: unknown, jobId: string): StepResult | undefined {
  const { type, method, input, expiryMs, links, code, url, ...rest } = obj(item);
  // The job schema has no MFA result; real ones carry `method` + `input`, with or without `type`.
  if (type === 'mfa' || (method != null && input != null)) {
    const numeric =
      typeof expiryMs === 'number' || (isString(expiryMs) && /^\s*\d+(\.\d+)?\s*$/.test(expiryMs));
    const expiry = numeric ? Number(expiryMs) : -1;
    return {
      type: 'mfa',
      challenge: {
        jobId,
        method: firstString(method) ?? 'unknown',
        description: firstString(rest.description),
        // Security questions sometimes come as objects rather than plain strings.
        prompts: (Array.isArray(input)
          ? input.map((item) => firstString(...PROMPT_KEYS.map((key) => obj(item)[key]), item))
          : [input]
        ).filter(isString),
        expiresInMs: expiry >= 0 && expiry < Infinity ? expiry : undefined,
        responseUrl: firstString(obj(links).response),
      },
    };
  }
  if (isString(code)) {
    // The schema says `details`; real payloads say `detail`.
    return {
      type: 'error',
      code,
      title: firstString(rest.title),
      detail: firstString(rest.detail, rest.details),
    };
  }
  if (type === 'link' && isString(url)) return { type: 'link', url };
}

function build(input: unknown): Job {
  const raw = obj(input);
  // Numeric ids read as strings.
  const id = firstString(raw.id, Number.isFinite(raw.id) && String(raw.id)) ?? '';
  let mfa: MfaChallenge | undefined;
  const steps = (Array.isArray(raw.steps) ? raw.steps.filter(isRecord) : []).map((s): JobStep => {
    const step = obj(s);
    const status = toStatus(step.status);
    // `result` is an object, an array of such objects, or null, depending on the job. A failed
    // step shows its first error; otherwise the last MFA entry, the first link, the first error.
    const found = [step.result].flat().map((item) => classify(item, id));
    const ofType = (type: StepResult['type']) => found.filter((r) => r?.type === type);
    // A retried challenge is appended, so the newest MFA entry is the live one.
    const result =
      (status === 'failed' && ofType('error')[0]) ||
      ofType('mfa').pop() ||
      ofType('link')[0] ||
      ofType('error')[0] ||
      null;
    // The MFA result stays on the step after success, so only a running step asks for an answer.
    if (status === 'in-progress' && result?.type === 'mfa') mfa ??= result.challenge;
    return { title: firstString(step.title) ?? 'unknown', status, result };
  });

  // Report jobs send `links: null`; other values may be non-strings.
  const links = Object.fromEntries(
    Object.entries(obj(raw.links)).filter(([key, value]) => key !== '__proto__' && isString(value)),
  ) as Record<string, string>;

  const top = toStatus(raw.status);
  const all = (...wanted: StepStatus[]) => steps.every((step) => wanted.includes(step.status));
  // Report jobs fail with a top-level status only, or with `result: null` on the step.
  const bad = steps.find((step) => step.status === 'failed');
  const failed = top === 'failed' || !!bad;
  const phase: JobPhase = failed
    ? 'failed'
    : mfa
      ? 'mfa-required'
      : top === 'success' || (steps.length > 0 && all('success', 'skipped'))
        ? 'success'
        : top !== 'in-progress' && all('pending')
          ? 'pending'
          : 'in-progress';

  const job: Job = {
    id,
    jobType: firstString(raw.jobType) ?? 'unknown',
    // Statement jobs use `createdDate`/`updatedDate`.
    created: firstString(raw.created, raw.createdDate),
    updated: firstString(raw.updated, raw.updatedDate),
    steps,
    phase,
    isTerminal: failed || phase === 'success',
    failure: failed
      ? {
          step: (bad ?? steps.at(-1))?.title ?? 'job',
          code: 'unknown-error',
          // The step's error fields; `type: undefined` is dropped below.
          ...(bad?.result?.type === 'error' && { ...bad.result, type: undefined }),
        }
      : undefined,
    mfa: failed ? undefined : mfa,
    // The first URL naming a connection: `links.source`, then the steps' link results (only
    // those have a `url`). The id stops at the next path segment, query or fragment, so the
    // match cannot run from one URL into the next; statement jobs name it in `sourceId`.
    connectionId:
      /\/connections\/([^/?#]+)/.exec(
        [links.source, ...steps.map((s) => (s.result as { url?: string } | null)?.url)].join('#'),
      )?.[1] ||
      firstString(raw.sourceId) ||
      undefined,
    links,
  };
  // A plain-data copy without the undefined fields (and with -0 read as 0).
  return JSON.parse(JSON.stringify(job)) as Job;
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
    // Only hostile inputs get here (throwing getters, revoked proxies); `null` reads as empty.
    return build(null);
  }
}
