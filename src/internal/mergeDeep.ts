import { isRecord } from './isRecord.js';

/** `over` laid over `base`, key by key at every depth; `undefined` keeps the base. */
export function mergeDeep(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = mergeDeep(base[key], value);
  return out;
}
