/**
 * Where Basiq's OpenAPI files are wrong, and so where a correct mock response
 * may fail `validateResponse` (./openapi.ts). Every other validation error is a
 * bug in the mock. Each entry excuses one error pattern of one operation and
 * status, never a whole route; /work/shared/BASIQ-NOTES.md ("Spec defects to
 * expect", "Jobs", "Events") lists the known defects.
 */

export interface SpecDeviation {
  /** `METHOD /template` as written in the spec, e.g. `GET /jobs/{jobId}`. */
  operation: string;
  status: number;
  /** Matched against a validator error line without its `METHOD /path status: ` prefix. */
  error: RegExp;
  /** One line: why the spec is wrong and what real Basiq sends. */
  reason: string;
}

export const SPEC_DEVIATIONS: readonly SpecDeviation[] = [];

/**
 * Splits the validator's `errors` for `operation` + `status` into those a
 * deviation excuses and those it does not (the ones a test must fail on).
 */
export function excuseSpecDeviations(
  errors: readonly string[],
  operation: string,
  status: number,
): { remaining: string[]; used: SpecDeviation[] } {
  const prefix = `${operation} ${status}: `;
  const remaining: string[] = [];
  const used: SpecDeviation[] = [];
  for (const line of errors) {
    const message = line.startsWith(prefix) ? line.slice(prefix.length) : undefined;
    const deviation =
      message === undefined
        ? undefined
        : SPEC_DEVIATIONS.find(
            (d) => d.operation === operation && d.status === status && d.error.test(message),
          );
    if (deviation) {
      if (!used.includes(deviation)) used.push(deviation);
    } else {
      remaining.push(line);
    }
  }
  return { remaining, used };
}
