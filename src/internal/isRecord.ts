/** A plain object (not null, not an array): the shape of a JSON object. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first string among `values` (undefined when there is none). */
export const firstString = (...values: unknown[]): string | undefined =>
  values.find((value): value is string => typeof value === 'string');
