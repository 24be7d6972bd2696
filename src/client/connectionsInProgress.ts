// The connections this tab is following, so a reload can resume them: job ids and when to stop
// (now + maxPollMs), plus which consent returns were already read. Ids only, never a token;
// storage may be missing (SSR) or throw (Safari private mode), which reads as empty.
import { isRecord } from '../internal/isRecord.js';
import { tabStorage } from '../internal/tabStorage.js';

const KEY = 'basiq-react:connections-in-progress';
const KEEP = 10;
const ID = /^[A-Za-z0-9_-]{1,128}$/;

interface Kept {
  jobs: Array<{ id: string; until: number }>;
  returns: string[];
}

function load(now: number): Kept {
  const kept: Kept = { jobs: [], returns: [] };
  try {
    const raw: unknown = JSON.parse(tabStorage()?.getItem(KEY) ?? '{}');
    if (!isRecord(raw)) return kept;
    const { jobs, returns } = raw;
    if (Array.isArray(jobs)) {
      for (const job of jobs as Array<Record<string, unknown> | null>) {
        const id = job?.id;
        const until = job?.until;
        // Anything else was not written here: ignored, as is every entry past its time.
        if (typeof id === 'string' && ID.test(id) && typeof until === 'number' && until > now) {
          kept.jobs.push({ id, until });
        }
      }
    }
    if (Array.isArray(returns)) {
      kept.returns = returns.filter((key): key is string => typeof key === 'string');
    }
  } catch {
    // Unreadable: as if nothing were kept.
  }
  return kept;
}

function save(kept: Kept): void {
  try {
    const store = tabStorage();
    if (!store) return;
    if (!kept.jobs.length && !kept.returns.length) store.removeItem(KEY);
    else store.setItem(KEY, JSON.stringify(kept));
  } catch {
    // Storage full or refused: a reload then resumes nothing, which is what happened before.
  }
}

/** The jobs this tab is still following (not ended, not past their time), oldest first. */
export function readConnectionsInProgress(now: number = Date.now()): string[] {
  return load(now).jobs.map((job) => job.id);
}

/**
 * Keeps `jobIds` as the tab's connections in progress, replacing those kept before, each for
 * `maxPollMs` from `now` (`Infinity`: until it ends or the tab closes).
 */
export function rememberConnectionsInProgress(
  jobIds: readonly string[],
  maxPollMs: number,
  now: number = Date.now(),
): void {
  const kept = load(now);
  // JSON has no Infinity; the largest safe time is as good as never.
  const until = Math.min(now + Math.max(0, maxPollMs), Number.MAX_SAFE_INTEGER);
  kept.jobs = [...new Set(jobIds)].filter((id) => ID.test(id)).map((id) => ({ id, until }));
  save(kept);
}

/** Stops following `jobId` (it ended). */
export function forgetConnectionInProgress(jobId: string, now: number = Date.now()): void {
  const kept = load(now);
  const jobs = kept.jobs.filter((job) => job.id !== jobId);
  if (jobs.length === kept.jobs.length) return;
  save({ ...kept, jobs });
}

/**
 * Records that the consent return `key` was read; false when it already was in this tab (a
 * reload of an address that still carries it). The last few keys are kept.
 */
export function markConsentReturn(key: string, now: number = Date.now()): boolean {
  const kept = load(now);
  if (kept.returns.includes(key)) return false;
  kept.returns = [...kept.returns, key].slice(-KEEP);
  save(kept);
  return true;
}
