/**
 * Where Basiq's OpenAPI files are wrong, and so where a correct mock response
 * may fail `validateResponse` (./openapi.ts). Every other validation error is a
 * bug in the mock. Each entry excuses one error pattern of one operation and
 * status, never a whole route; docs/basiq-api.md ("Spec defects to expect",
 * "Jobs", "Events") describes what the real API sends.
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

const NOTES = 'docs/basiq-api.md "Spec defects to expect"';
const JOB_NOTES = 'docs/basiq-api.md "Jobs"';

export const SPEC_DEVIATIONS: readonly SpecDeviation[] = [
  // GET /jobs/{jobId}: the 200 schema is `oneOf: [job, StatementJobs, ReportsJob]`.
  {
    operation: 'GET /jobs/{jobId}',
    status: 200,
    error: /^\/ must match exactly one schema in oneOf \(passing: \[0,1\]\)$/,
    reason: `getJobs' oneOf branches have no required fields, so every job matches job and StatementJobs at once; "exactly one" rejects even Basiq's own examples (${NOTES}).`,
  },
  {
    operation: 'GET /jobs/{jobId}',
    status: 200,
    error: /^\/steps\/\d+\/result must be object$/,
    reason: `A step's result is an object, an array of MFA challenges or null (pending steps), but the schema allows only an object, and ReportsJob not even null (${JOB_NOTES}).`,
  },
  {
    operation: 'GET /jobs/{jobId}',
    status: 200,
    error: /^\/ must match exactly one schema in oneOf$/,
    reason: `Follows from the result defect above: when a step's result is an array no oneOf branch passes; each branch's own errors are still checked (${JOB_NOTES}).`,
  },

  // GET /users/{userId}/jobs: each job is checked against JobsData.
  {
    operation: 'GET /users/{userId}/jobs',
    status: 200,
    error: /^\/data\/\d+ must have required property 'institution'$/,
    reason: `JobsData requires institution, which none of Basiq's job examples (nor real jobs, ${JOB_NOTES}) has.`,
  },
  {
    operation: 'GET /users/{userId}/jobs',
    status: 200,
    error: /^\/data\/\d+ must have required property '(created|updated)'$/,
    reason: `Statement jobs carry createdDate/updatedDate instead of created/updated, as the spec's own StatementJobs says; JobsData requires the latter (${JOB_NOTES}).`,
  },
  {
    operation: 'GET /users/{userId}/jobs',
    status: 200,
    error: /^\/data\/\d+\/steps\/\d+\/title must be equal to one of the allowed values /,
    reason: `The step title enum lists four titles; real jobs also have mfa-challenge and create-report (${JOB_NOTES}).`,
  },
  {
    operation: 'GET /users/{userId}/jobs',
    status: 200,
    error: /^\/data\/\d+\/steps\/\d+\/result must be object$/,
    reason: `JobsResult is not nullable and not an array, but pending steps have result null and MFA steps may have an array (${JOB_NOTES}).`,
  },
  {
    operation: 'GET /users/{userId}/jobs',
    status: 200,
    error: /^\/data\/\d+\/steps\/\d+\/result\/code must be equal to one of the allowed values /,
    reason: `The failure code enum lacks invalid-credentials, account-not-accessible-requires-user-action and service-unavailable, which Basiq's examples show (${JOB_NOTES}).`,
  },

  // Users.
  {
    operation: 'GET /users/{userId}',
    status: 200,
    error: /^\/links must have required property 'auth_link'$/,
    reason: `GetUserLinks requires an auth_link link it never defines; Basiq's example user has none (${NOTES}).`,
  },
  {
    operation: 'GET /users/{userId}',
    status: 200,
    error: /^\/email must match format "email"$/,
    reason:
      'UserGetResponse.email is "User email or empty." in the spec itself, yet format: email rejects the "" of a user created with a mobile only.',
  },
  {
    operation: 'POST /users',
    status: 201,
    error: /^\/email must match format "email"$/,
    reason:
      'The user of a mobile-only POST has email "" ("User email or empty." per UserGetResponse), which format: email rejects.',
  },
  {
    operation: 'POST /users/{userId}',
    status: 200,
    error: /^\/email must match format "email"$/,
    reason:
      'A user without an email has email "" ("User email or empty." per UserGetResponse), which format: email rejects.',
  },

  // Events.
  {
    operation: 'GET /events',
    status: 200,
    error: /^\/data\/\d+\/data must be string$/,
    reason: `EventsData.data is typed string while its own example is a list of objects; Basiq sends the event's entity as an object (${NOTES}).`,
  },

  // Errors.
  {
    operation: 'GET /users/{userId}/auth_link',
    status: 503,
    error: /^\/data\/\d+\/code must be object$/,
    reason: `StatusServiceUnavailableError types code as an object, its example is the string service-unavailable (${NOTES}).`,
  },
];

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
