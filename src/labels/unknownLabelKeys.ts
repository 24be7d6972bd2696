import { isRecord } from '../internal/isRecord.js';
import { defaultLabels } from './defaultLabels.js';

/** A key of a `labels` override that no component reads. */
export interface UnknownLabelKey {
  /** Where it is, dotted from the top: `mfaForm.titel`. */
  path: string;
  /** The known key beside it that is spelt most alike, when one is close. */
  suggestion?: string;
}

// Maps keyed by what Basiq sends (step titles, consent statuses): any key there is a real label.
const OPEN = new Set(['steps', 'consentList.status']);

/** Letters to change, add or drop to turn `a` into `b` (Levenshtein). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= b.length; j += 1) {
      next[j] = Math.min(
        row[j]! + 1,
        next[j - 1]! + 1,
        row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length]!;
}

function closest(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function walk(
  base: Record<string, unknown>,
  over: unknown,
  prefix: string,
  out: UnknownLabelKey[],
) {
  if (!isRecord(over) || OPEN.has(prefix)) return;
  const known = Object.keys(base);
  for (const [key, value] of Object.entries(over)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const inner = Object.hasOwn(base, key) ? base[key] : undefined;
    if (inner === undefined) out.push({ path, suggestion: closest(key, known) });
    else if (isRecord(inner)) walk(inner, value, path, out);
  }
}

/**
 * The keys of a `labels` override that the default labels do not have, at any depth (a typo,
 * or a label renamed since the translation was written), each with the closest known key.
 * Step titles and consent statuses take any key.
 *
 * @example unknownLabelKeys({ mfaForm: { titel: 'Check it’s you' } })
 * // [{ path: 'mfaForm.titel', suggestion: 'title' }]
 */
export function unknownLabelKeys(labels: unknown): UnknownLabelKey[] {
  const out: UnknownLabelKey[] = [];
  walk(defaultLabels, labels, '', out);
  return out;
}
