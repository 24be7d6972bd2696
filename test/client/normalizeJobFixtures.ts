// fast-check generators shared by the normalizeJob property tests.
import fc from 'fast-check';

// ---- Generators ----
const statusArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant('pending') },
  { weight: 3, arbitrary: fc.constant('in-progress') },
  { weight: 3, arbitrary: fc.constant('success') },
  { weight: 1, arbitrary: fc.constant('failed') },
  { weight: 1, arbitrary: fc.constant('skipped') },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      'IN_PROGRESS',
      'In-Progress',
      'in_progress',
      'SUCCESS',
      'Failed',
      'Skipped',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>('queued', 'done', '', ' failed', null, 42, undefined, [
      'failed',
    ]),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const mfaArb = fc.record(
  {
    type: fc.constantFrom<unknown>('mfa', 'mfa', 'mfa', undefined, 'MFA'),
    method: fc.constantFrom<unknown>('token', 'security-questions', null, 7, undefined),
    description: fc.oneof(fc.string(), fc.constant(undefined)),
    input: fc.oneof(
      fc.array(
        fc.oneof(
          fc.string(),
          fc.record({ label: fc.string() }),
          fc.record({ question: fc.anything() }),
          fc.integer(),
        ),
        { maxLength: 3 },
      ),
      fc.string(),
      fc.constant(null),
      fc.constant(undefined),
    ),
    expiryMs: fc.oneof(
      fc.integer({ min: -5, max: 200000 }),
      fc.double(),
      fc.constantFrom('120000', 'abc', '', '1e400', '-3'),
      fc.constant(undefined),
    ),
    links: fc.oneof(fc.record({ response: fc.anything() }), fc.constant(null)),
  },
  { requiredKeys: ['type', 'method', 'input'] },
);
const errorArb = fc.record(
  {
    code: fc.oneof(fc.constantFrom('invalid-credentials', 'service-unavailable'), fc.anything()),
    title: fc.anything(),
    detail: fc.anything(),
    details: fc.anything(),
  },
  { requiredKeys: ['code'] },
);
const linkArb = fc.record({
  type: fc.constantFrom<unknown>('link', 'LINK', undefined),
  url: fc.oneof(
    fc.constantFrom('/users/u/connections/c1', '/users/u/connections/', '/reports/r'),
    fc.anything(),
  ),
});
const oneResultArb = fc.oneof(
  { weight: 3, arbitrary: mfaArb },
  { weight: 2, arbitrary: errorArb },
  { weight: 2, arbitrary: linkArb },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) },
);
const resultArb = fc.oneof(
  oneResultArb,
  fc.array(oneResultArb, { maxLength: 4 }),
  fc.constant(null),
  fc.constant(undefined),
);
const stepArb = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record(
      {
        title: fc.oneof(
          fc.constantFrom<unknown>('verify-credentials', 'mfa-challenge', 'create-report', 'x-new'),
          fc.anything({ maxDepth: 0 }),
        ),
        status: statusArb,
        result: resultArb,
      },
      { requiredKeys: ['status'] },
    ),
  },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) },
);
// A connection in flight: earlier steps done, the MFA step somewhere in its life, later ones pending.
const flowStepsArb = fc
  .tuple(
    fc.constantFrom('success', 'in-progress'),
    fc.constantFrom(
      'in-progress',
      'in-progress',
      'IN_PROGRESS',
      'pending',
      'success',
      'skipped',
      'failed',
    ),
    fc.oneof(
      { weight: 3, arbitrary: mfaArb },
      { weight: 2, arbitrary: fc.array(oneResultArb, { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    fc.constantFrom('pending', 'success', 'in-progress'),
  )
  .map(([verify, mfaStatus, mfaResult, rest]) => [
    { title: 'verify-credentials', status: verify, result: null },
    { title: 'mfa-challenge', status: mfaStatus, result: mfaResult },
    { title: 'retrieve-accounts', status: rest, result: null },
  ]);
export const jobArb = fc.record(
  {
    id: fc.oneof(fc.uuid(), fc.integer(), fc.anything({ maxDepth: 0 })),
    jobType: fc.constantFrom<unknown>('connection', 'report', 3),
    status: statusArb,
    created: fc.oneof(fc.string(), fc.anything({ maxDepth: 0 })),
    createdDate: fc.string(),
    sourceId: fc.oneof(fc.string(), fc.integer()),
    steps: fc.oneof(
      { weight: 5, arbitrary: fc.array(stepArb, { maxLength: 5 }) },
      { weight: 4, arbitrary: flowStepsArb },
      { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) },
    ),
    links: fc.oneof(
      fc.dictionary(
        fc.string({ maxLength: 8 }),
        fc.oneof(fc.string(), fc.anything({ maxDepth: 0 })),
      ),
      fc.record({
        self: fc.string(),
        source: fc.constantFrom('/users/u/connections/c9?x=1', '/reports/r'),
      }),
      fc.constant(null),
    ),
  },
  { requiredKeys: [] },
);
const FIELD_KEYS = [
  'id',
  'jobType',
  'status',
  'steps',
  'title',
  'result',
  'type',
  'method',
  'input',
  'code',
  'url',
  'links',
  'source',
  'response',
  'expiryMs',
  'sourceId',
  'created',
  '__proto__',
];
export const wildArb = fc.anything({
  key: fc.constantFrom(...FIELD_KEYS),
  maxDepth: 4,
  withNullPrototype: true,
  withBoxedValues: true,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
  withObjectString: true,
});
export const NUM_RUNS = 400;
