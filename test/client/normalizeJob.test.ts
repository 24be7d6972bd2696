import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalizeJob } from '../../src/client/normalizeJob';
import type { Job, JobPhase } from '../../src/client/types';

// Payloads from core.yml, `GET /jobs/{jobId}` examples (trimmed, real shapes kept).
const dataInProgress = {
  type: 'job',
  id: '248b2883-2a6b-4e8a-9591-76565d23ba5a',
  created: '2024-09-25T04:15:59Z',
  updated: '2024-09-25T04:15:59Z',
  jobType: 'connection',
  steps: [
    { title: 'verify-credentials', status: 'in-progress', result: null },
    { title: 'retrieve-accounts', status: 'pending', result: null },
    { title: 'retrieve-transactions', status: 'pending', result: null },
  ],
  links: { self: 'https://au-api.basiq.io/jobs/248b2883-2a6b-4e8a-9591-76565d23ba5a' },
};

const dataFailed = {
  type: 'job',
  id: '5c50a2d1-561c-48c4-a186-b763bdf5502a',
  created: '2024-09-25T04:22:25Z',
  updated: '2024-09-25T04:22:38Z',
  jobType: 'connection',
  steps: [
    {
      title: 'verify-credentials',
      status: 'failed',
      result: {
        code: 'authorization-failed',
        title: 'Authorization failed',
        detail: 'access_denied',
      },
    },
    { title: 'retrieve-accounts', status: 'pending', result: null },
    { title: 'retrieve-transactions', status: 'pending', result: null },
  ],
  links: {
    self: 'https://au-api.basiq.io/jobs/5c50a2d1-561c-48c4-a186-b763bdf5502a',
    source:
      'https://au-api.basiq.io/users/b2afc9cd-0f3c-41f0-9e19-d18482abc9fc/connections/60612323-9c42-478a-8ff2-640445dbe64a',
  },
};

const dataSuccess = {
  type: 'job',
  id: 'a03e4df4-dc05-4cd3-9af0-0f28a13ea614',
  created: '2024-09-25T04:14:48Z',
  updated: '2024-09-25T04:14:50Z',
  jobType: 'connection',
  steps: [
    {
      title: 'verify-credentials',
      status: 'success',
      result: {
        type: 'link',
        url: '/users/b540e803-91dd-4ff9-a89e-ef8ecf65833d/connections/214974bb-56d6-466a-9034-ba0a6b810eed',
      },
    },
    {
      title: 'retrieve-accounts',
      status: 'success',
      result: {
        type: 'link',
        url: "/users/b540e803-91dd-4ff9-a89e-ef8ecf65833d/accounts?filter=institution.id.eq('AU00000')",
      },
    },
    {
      title: 'retrieve-transactions',
      status: 'success',
      result: {
        type: 'link',
        url: "/users/b540e803-91dd-4ff9-a89e-ef8ecf65833d/transactions?filter=institution.id.eq('AU00000')",
      },
    },
  ],
  links: {
    self: 'https://au-api.basiq.io/jobs/a03e4df4-dc05-4cd3-9af0-0f28a13ea614',
    source:
      'https://au-api.basiq.io/users/b540e803-91dd-4ff9-a89e-ef8ecf65833d/connections/214974bb-56d6-466a-9034-ba0a6b810eed',
  },
};

const statementSuccess = {
  type: 'job',
  id: '248b2883-2a6b-4e8a-9591-76565d23ba5a',
  created: '2024-09-25T04:15:59Z',
  updated: '2024-09-25T04:16:29Z',
  jobType: 'connection',
  steps: [
    {
      title: 'verify-credentials',
      status: 'success',
      result: {
        type: 'link',
        url: '/users/b540e803-91dd-4ff9-a89e-ef8ecf65833d/connections/30dfc31c-7107-40a4-bd94-237554726a4d',
      },
    },
    {
      title: 'retrieve-accounts',
      status: 'success',
      result: {
        type: 'link',
        url: "/users/b540e803-91dd-4ff9-a89e-ef8ecf65833d/accounts?filter=institution.id.eq('AU00601')",
      },
    },
  ],
  links: { self: 'https://au-api.basiq.io/jobs/248b2883-2a6b-4e8a-9591-76565d23ba5a' },
};

const mygovFailed = {
  type: 'job',
  id: '57d6ab28-1fd4-4851-b9d2-81ca2884de21',
  created: '2024-09-25T04:40:41Z',
  updated: '2024-09-25T04:40:50Z',
  jobType: 'connection',
  steps: [
    {
      title: 'verify-credentials',
      status: 'failed',
      result: {
        code: 'invalid-credentials',
        title: 'Cannot login to target institution, check credentials.',
        detail:
          'Cannot login to target institution using supplied credentials. Please check credentials and try again.',
      },
    },
    { title: 'mfa-challenge', status: 'pending', result: null },
    { title: 'retrieve-accounts', status: 'pending', result: null },
  ],
  links: {
    self: 'https://au-api.basiq.io/jobs/57d6ab28-1fd4-4851-b9d2-81ca2884de21',
    source:
      'https://au-api.basiq.io/users/bfa52043-e154-4adf-94d1-7f0544affc45/connections/326d43c0-b009-4dfc-a7d0-708e5160bde5',
  },
};

const mygovSuccess = {
  type: 'job',
  id: 'cd6b8aac-53b3-408d-806e-34b9ef59459e',
  created: '2024-09-25T04:44:38Z',
  updated: '2024-09-25T04:46:00Z',
  jobType: 'connection',
  steps: [
    {
      title: 'verify-credentials',
      status: 'success',
      result: {
        type: 'link',
        url: '/users/bfa52043-e154-4adf-94d1-7f0544affc45/connections/67b38670-4aca-4e1d-a66e-3af4c56a35bc',
      },
    },
    {
      title: 'mfa-challenge',
      status: 'success',
      result: {
        type: 'mfa',
        method: 'token',
        description: 'A SMS code has been sent to your device, please enter valid number.',
        input: ['We sent a code by SMS to your mobile number XXXX XXX 178.'],
        expiryMs: 120000,
        links: {
          response: 'https://au-api.basiq.io/jobs/cd6b8aac-53b3-408d-806e-34b9ef59459e/mfa',
        },
      },
    },
    {
      title: 'retrieve-accounts',
      status: 'success',
      result: {
        type: 'link',
        url: "/users/bfa52043-e154-4adf-94d1-7f0544affc45/accounts?filter=institution.id.eq('AU20700')",
      },
    },
    {
      title: 'retrieve-statements',
      status: 'success',
      result: { type: 'link', url: '/users/bfa52043-e154-4adf-94d1-7f0544affc45/statements' },
    },
  ],
  links: {
    self: 'https://au-api.basiq.io/jobs/cd6b8aac-53b3-408d-806e-34b9ef59459e',
    source:
      'https://au-api.basiq.io/users/bfa52043-e154-4adf-94d1-7f0544affc45/connections/67b38670-4aca-4e1d-a66e-3af4c56a35bc',
  },
};

const reportBase = {
  type: 'job',
  id: 'b1824ad0-73f1-0138-3700-0a58a9feac09',
  partnerId: 'e73ffa09-742f-4be3-9aae-0ad077f041a1',
  applicationId: '3e2863df-43d1-405d-b104-701bcb34e184',
  created: '2016-06-08T09:10:32.000Z',
  updated: '2016-06-08T09:14:28.000Z',
  jobType: 'report',
};
const reportLinks = {
  self: '/jobs/b1824ad0-73f1-0138-3700-0a58a9feac09',
  source: '/reports/b1824ad0-73f1-0138-3700-0a58a9feac09',
};
const reportInProgress = {
  ...reportBase,
  status: 'in-progress',
  steps: [{ title: 'create-report', status: 'in-progress', result: null }],
  links: reportLinks,
};
const reportFailed = {
  ...reportBase,
  status: 'failed',
  steps: [{ title: 'create-report', status: 'failed', result: null }],
  links: null,
};
const reportSuccess = {
  ...reportBase,
  status: 'success',
  steps: [
    {
      title: 'create-report',
      status: 'success',
      result: { type: 'link', url: '/reports/b1824ad0-73f1-0138-3700-0a58a9feac09' },
    },
  ],
  links: reportLinks,
};

const smsChallenge = {
  type: 'mfa',
  method: 'token',
  description: 'A SMS code has been sent to your device.',
  input: ['Enter the code we sent by SMS'],
  expiryMs: '90000',
  links: { response: 'https://au-api.basiq.io/jobs/j-mfa/mfa' },
};

function connectionJob(mfaStep: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    type: 'job',
    id: 'j-mfa',
    jobType: 'connection',
    steps: [
      { title: 'verify-credentials', status: 'success', result: null },
      { title: 'mfa-challenge', ...mfaStep },
      { title: 'retrieve-accounts', status: 'pending', result: null },
    ],
    links: { self: 'https://au-api.basiq.io/jobs/j-mfa' },
    ...extra,
  };
}

const PHASES: readonly JobPhase[] = ['pending', 'in-progress', 'mfa-required', 'success', 'failed'];
const STEP_STATUSES = ['pending', 'in-progress', 'success', 'failed', 'skipped', 'unknown'];

/** Throws (with a reason) unless `job` has the shape `Job` promises. */
function assertWellFormed(job: Job): void {
  expect(typeof job.id).toBe('string');
  expect(typeof job.jobType).toBe('string');
  expect(PHASES).toContain(job.phase);
  expect(job.isTerminal).toBe(job.phase === 'success' || job.phase === 'failed');
  expect(Array.isArray(job.steps)).toBe(true);
  for (const step of job.steps) {
    expect(typeof step.title).toBe('string');
    expect(STEP_STATUSES).toContain(step.status);
    if (step.result?.type === 'mfa') {
      expect(step.result.challenge.prompts.every((p) => typeof p === 'string')).toBe(true);
      const ms = step.result.challenge.expiresInMs;
      if (ms !== undefined) expect(Number.isFinite(ms) && ms >= 0).toBe(true);
    }
  }
  expect(Object.values(job.links).every((v) => typeof v === 'string')).toBe(true);
  expect(Object.values(job).every((v) => v !== undefined)).toBe(true);
  expect(job.mfa !== undefined).toBe(job.phase === 'mfa-required');
  expect(job.failure !== undefined).toBe(job.phase === 'failed');
  expect(() => JSON.stringify(job)).not.toThrow();
}

// ---- Independent oracle for the phase rule, reading the raw input directly. ----
const KNOWN_STATUS = new Map([
  ['pending', 'pending'],
  ['in-progress', 'in-progress'],
  ['in_progress', 'in-progress'],
  ['success', 'success'],
  ['failed', 'failed'],
  ['skipped', 'skipped'],
]);
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const statusOf = (v: unknown) =>
  typeof v === 'string' ? (KNOWN_STATUS.get(v.toLowerCase()) ?? 'unknown') : 'unknown';
const looksMfa = (r: unknown) =>
  isObj(r) && (r.type === 'mfa' || (r.method != null && r.input != null));

function oraclePhase(input: unknown): JobPhase {
  if (!isObj(input)) return 'pending';
  const steps = Array.isArray(input.steps) ? input.steps.filter(isObj) : [];
  const statuses = steps.map((s) => statusOf(s.status));
  const top = statusOf(input.status);
  if (top === 'failed' || statuses.includes('failed')) return 'failed';
  const asksMfa = steps.some(
    (s, i) =>
      statuses[i] === 'in-progress' &&
      (looksMfa(s.result) || (Array.isArray(s.result) && s.result.some(looksMfa))),
  );
  if (asksMfa) return 'mfa-required';
  if (top === 'success') return 'success';
  if (statuses.length > 0 && statuses.every((s) => s === 'success' || s === 'skipped')) {
    return 'success';
  }
  if (top !== 'in-progress' && statuses.every((s) => s === 'pending')) return 'pending';
  return 'in-progress';
}

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
const jobArb = fc.record(
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
const wildArb = fc.anything({
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
const NUM_RUNS = 400;

describe('normalizeJob', () => {
  describe('core.yml examples', () => {
    it('should read data-in-progress as in progress, with no connection yet', () => {
      const job = normalizeJob(dataInProgress);
      expect(job).toEqual({
        id: '248b2883-2a6b-4e8a-9591-76565d23ba5a',
        jobType: 'connection',
        created: '2024-09-25T04:15:59Z',
        updated: '2024-09-25T04:15:59Z',
        steps: [
          { title: 'verify-credentials', status: 'in-progress', result: null },
          { title: 'retrieve-accounts', status: 'pending', result: null },
          { title: 'retrieve-transactions', status: 'pending', result: null },
        ],
        phase: 'in-progress',
        isTerminal: false,
        links: { self: 'https://au-api.basiq.io/jobs/248b2883-2a6b-4e8a-9591-76565d23ba5a' },
      });
      expect(Object.keys(job)).not.toContain('failure');
      expect(Object.keys(job)).not.toContain('connectionId');
    });

    it('should read data-failed as failed with the authorization-failed error', () => {
      const job = normalizeJob(dataFailed);
      expect(job.phase).toBe('failed');
      expect(job.isTerminal).toBe(true);
      expect(job.failure).toEqual({
        step: 'verify-credentials',
        code: 'authorization-failed',
        title: 'Authorization failed',
        detail: 'access_denied',
      });
      expect(job.connectionId).toBe('60612323-9c42-478a-8ff2-640445dbe64a');
      expect(job.links).toEqual(dataFailed.links);
      expect(job.mfa).toBeUndefined();
    });

    it('should read data-success as success with its connection', () => {
      const job = normalizeJob(dataSuccess);
      expect(job.phase).toBe('success');
      expect(job.isTerminal).toBe(true);
      expect(job.failure).toBeUndefined();
      expect(job.connectionId).toBe('214974bb-56d6-466a-9034-ba0a6b810eed');
      expect(job.steps[1]?.result).toEqual({
        type: 'link',
        url: "/users/b540e803-91dd-4ff9-a89e-ef8ecf65833d/accounts?filter=institution.id.eq('AU00000')",
      });
      expect(job.links).toEqual(dataSuccess.links);
    });

    it('should take the connection from a step link when links.source is absent', () => {
      const job = normalizeJob(statementSuccess);
      expect(job.phase).toBe('success');
      expect(job.connectionId).toBe('30dfc31c-7107-40a4-bd94-237554726a4d');
    });

    it('should read Mygov-failed as failed with invalid-credentials', () => {
      const job = normalizeJob(mygovFailed);
      expect(job.phase).toBe('failed');
      expect(job.failure?.code).toBe('invalid-credentials');
      expect(job.failure?.step).toBe('verify-credentials');
      expect(job.connectionId).toBe('326d43c0-b009-4dfc-a7d0-708e5160bde5');
    });

    it('should read Mygov-success as success, keeping the MFA result on its step without job.mfa', () => {
      const job = normalizeJob(mygovSuccess);
      expect(job.phase).toBe('success');
      expect(job.mfa).toBeUndefined();
      expect(Object.keys(job)).not.toContain('mfa');
      expect(job.steps[1]).toEqual({
        title: 'mfa-challenge',
        status: 'success',
        result: {
          type: 'mfa',
          challenge: {
            jobId: 'cd6b8aac-53b3-408d-806e-34b9ef59459e',
            method: 'token',
            description: 'A SMS code has been sent to your device, please enter valid number.',
            prompts: ['We sent a code by SMS to your mobile number XXXX XXX 178.'],
            expiresInMs: 120000,
            responseUrl: 'https://au-api.basiq.io/jobs/cd6b8aac-53b3-408d-806e-34b9ef59459e/mfa',
          },
        },
      });
      expect(job.connectionId).toBe('67b38670-4aca-4e1d-a66e-3af4c56a35bc');
    });

    it('should read Report-in-progress as in progress with no connection', () => {
      const job = normalizeJob(reportInProgress);
      expect(job.phase).toBe('in-progress');
      expect(job.jobType).toBe('report');
      expect(job.connectionId).toBeUndefined();
      expect(job.links).toEqual(reportLinks);
    });

    it('should read Report-failed (links null, result null) as failed with unknown-error', () => {
      const job = normalizeJob(reportFailed);
      expect(job.phase).toBe('failed');
      expect(job.failure).toEqual({ step: 'create-report', code: 'unknown-error' });
      expect(job.links).toEqual({});
      expect(job.connectionId).toBeUndefined();
      expect(job.steps).toEqual([{ title: 'create-report', status: 'failed', result: null }]);
    });

    it('should read Report-success as success', () => {
      const job = normalizeJob(reportSuccess);
      expect(job.phase).toBe('success');
      expect(job.isTerminal).toBe(true);
      expect(job.connectionId).toBeUndefined();
      expect(job.links).toEqual(reportLinks);
    });
  });

  describe('field-notes shapes', () => {
    it('should ask for MFA when a running step holds an MFA entry inside a result array', () => {
      const job = normalizeJob(
        connectionJob({
          status: 'in-progress',
          result: [{ type: 'link', url: '/users/u/connections/c1' }, smsChallenge],
        }),
      );
      expect(job.phase).toBe('mfa-required');
      expect(job.isTerminal).toBe(false);
      expect(job.mfa).toEqual({
        jobId: 'j-mfa',
        method: 'token',
        description: 'A SMS code has been sent to your device.',
        prompts: ['Enter the code we sent by SMS'],
        expiresInMs: 90000,
        responseUrl: 'https://au-api.basiq.io/jobs/j-mfa/mfa',
      });
    });

    it('should pick the last MFA entry of a result array', () => {
      const job = normalizeJob(
        connectionJob({
          status: 'in-progress',
          result: [smsChallenge, { ...smsChallenge, input: ['Enter the new code'] }],
        }),
      );
      expect(job.mfa?.prompts).toEqual(['Enter the new code']);
    });

    it('should recognise an MFA result without a type from its method and input', () => {
      const job = normalizeJob(
        connectionJob({ status: 'in-progress', result: { method: 'token', input: 'Code?' } }),
      );
      expect(job.phase).toBe('mfa-required');
      expect(job.mfa).toEqual({ jobId: 'j-mfa', method: 'token', prompts: ['Code?'] });
    });

    it('should prefer the error entry of a failed step whose result is an array', () => {
      const job = normalizeJob(
        connectionJob({
          status: 'failed',
          result: [smsChallenge, { code: 'invalid-credentials', title: 'Wrong' }],
        }),
      );
      expect(job.phase).toBe('failed');
      expect(job.failure).toEqual({
        step: 'mfa-challenge',
        code: 'invalid-credentials',
        title: 'Wrong',
      });
    });

    it('should read the schema spelling `details` as the detail', () => {
      const job = normalizeJob({
        id: 'j1',
        steps: [
          {
            title: 'verify-credentials',
            status: 'failed',
            result: { code: 'service-unavailable', title: 'Down', details: 'Try later' },
          },
        ],
      });
      expect(job.failure).toEqual({
        step: 'verify-credentials',
        code: 'service-unavailable',
        title: 'Down',
        detail: 'Try later',
      });
      expect(job.steps[0]?.result).toEqual({
        type: 'error',
        code: 'service-unavailable',
        title: 'Down',
        detail: 'Try later',
      });
    });

    it('should read a statement job with createdDate, updatedDate and sourceId', () => {
      const job = normalizeJob({
        type: 'job',
        id: 's1',
        jobType: 'statement',
        createdDate: '2024-09-25T04:28:59Z',
        updatedDate: '2024-09-25T04:29:09Z',
        sourceId: 'conn-42',
        steps: [{ title: 'verify-credentials', status: 'in-progress', result: null }],
        links: { self: '/jobs/s1' },
      });
      expect(job.created).toBe('2024-09-25T04:28:59Z');
      expect(job.updated).toBe('2024-09-25T04:29:09Z');
      expect(job.connectionId).toBe('conn-42');
      expect(job.phase).toBe('in-progress');
    });

    it('should pass unknown step titles through and read unknown statuses as unknown', () => {
      const job = normalizeJob({
        id: 'j2',
        steps: [
          { title: 'verify-identity', status: 'queued', result: null },
          { title: 'retrieve-accounts', status: 'IN_PROGRESS', result: null },
          { status: 'pending' },
        ],
      });
      expect(job.steps.map((s) => [s.title, s.status])).toEqual([
        ['verify-identity', 'unknown'],
        ['retrieve-accounts', 'in-progress'],
        ['unknown', 'pending'],
      ]);
      expect(job.phase).toBe('in-progress');
    });

    it('should count a skipped mfa-challenge step toward success', () => {
      const job = normalizeJob({
        id: 'j3',
        steps: [
          { title: 'verify-credentials', status: 'success', result: null },
          { title: 'mfa-challenge', status: 'skipped', result: null },
          { title: 'retrieve-accounts', status: 'success', result: null },
        ],
      });
      expect(job.phase).toBe('success');
      expect(job.isTerminal).toBe(true);
    });

    it('should list every security question as a prompt, in order', () => {
      const job = normalizeJob(
        connectionJob({
          status: 'in-progress',
          result: {
            type: 'mfa',
            method: 'security-questions',
            input: [
              { label: 'Your first pet?' },
              'Your first school?',
              { question: 'Your favourite colour?' },
              { text: 42, name: 'Your city of birth?' },
              7,
              null,
            ],
            expiryMs: 300000,
          },
        }),
      );
      expect(job.phase).toBe('mfa-required');
      expect(job.mfa?.method).toBe('security-questions');
      expect(job.mfa?.prompts).toEqual([
        'Your first pet?',
        'Your first school?',
        'Your favourite colour?',
        'Your city of birth?',
      ]);
      expect(job.mfa?.expiresInMs).toBe(300000);
    });

    it('should still ask for MFA after a wrong answer while the step waits with a challenge', () => {
      const job = normalizeJob(
        connectionJob(
          {
            status: 'in-progress',
            result: { ...smsChallenge, description: 'Incorrect code, a new one was sent.' },
          },
          { status: 'in-progress' },
        ),
      );
      expect(job.phase).toBe('mfa-required');
      expect(job.mfa?.description).toBe('Incorrect code, a new one was sent.');
    });

    it('should not ask for MFA from a pending step holding a challenge', () => {
      const job = normalizeJob(connectionJob({ status: 'pending', result: smsChallenge }));
      expect(job.phase).toBe('in-progress');
      expect(job.mfa).toBeUndefined();
    });

    it('should let a failed step win over a waiting MFA challenge', () => {
      const job = normalizeJob({
        id: 'j4',
        steps: [
          { title: 'mfa-challenge', status: 'in-progress', result: smsChallenge },
          { title: 'retrieve-accounts', status: 'failed', result: { code: 'connector-error' } },
        ],
      });
      expect(job.phase).toBe('failed');
      expect(job.mfa).toBeUndefined();
      expect(job.failure).toEqual({ step: 'retrieve-accounts', code: 'connector-error' });
    });

    it('should fail on a top-level failed status with no failed step', () => {
      expect(
        normalizeJob({
          id: 'r',
          status: 'FAILED',
          steps: [{ title: 'create-report', status: 'in-progress' }],
        }).failure,
      ).toEqual({ step: 'create-report', code: 'unknown-error' });
      expect(normalizeJob({ id: 'r', status: 'failed' }).failure).toEqual({
        step: 'job',
        code: 'unknown-error',
      });
    });

    it('should follow the top-level status when the steps have not moved', () => {
      const pendingSteps = [{ title: 'create-report', status: 'pending', result: null }];
      expect(normalizeJob({ steps: pendingSteps }).phase).toBe('pending');
      expect(normalizeJob({ status: 'in_progress', steps: pendingSteps }).phase).toBe(
        'in-progress',
      );
      expect(normalizeJob({ status: 'Success', steps: pendingSteps }).phase).toBe('success');
    });

    it('should keep only string links and ignore __proto__ keys', () => {
      const raw: unknown = JSON.parse(
        '{"id":"j5","links":{"__proto__":"polluted","self":"/jobs/j5","n":1,"o":{},"source":"/users/u/connections/c-7/refresh?x=1#y"}}',
      );
      const job = normalizeJob(raw);
      expect(job.links).toEqual({
        self: '/jobs/j5',
        source: '/users/u/connections/c-7/refresh?x=1#y',
      });
      expect(Object.getPrototypeOf(job.links)).toBe(Object.prototype);
      expect(Object.keys(job.links)).not.toContain('__proto__');
      expect(job.connectionId).toBe('c-7');
    });

    it('should turn a numeric id into a string and use it for the challenge', () => {
      const job = normalizeJob({
        id: 77,
        steps: [{ status: 'in-progress', result: smsChallenge }],
      });
      expect(job.id).toBe('77');
      expect(job.mfa?.jobId).toBe('77');
    });

    it('should drop an expiry that is negative, non-numeric or not finite', () => {
      const expiry = (expiryMs: unknown) =>
        normalizeJob({ steps: [{ status: 'in-progress', result: { ...smsChallenge, expiryMs } }] })
          .mfa?.expiresInMs;
      expect(expiry(-1)).toBeUndefined();
      expect(expiry('soon')).toBeUndefined();
      expect(expiry(Infinity)).toBeUndefined();
      expect(expiry(NaN)).toBeUndefined();
      expect(expiry(' 45000 ')).toBe(45000);
      expect(expiry(0)).toBe(0);
    });
  });

  describe('junk input', () => {
    it.each([
      ['null', null],
      ['undefined', undefined],
      ['a number', 42],
      ['a string', 'x'],
      ['an array', []],
      ['non-array steps', { steps: 'no' }],
      ['non-object steps', { steps: [null, 1, 'a'] }],
      ['a null-prototype object', Object.create(null) as unknown],
    ])('should read %s as an empty pending job', (_name, raw) => {
      expect(normalizeJob(raw)).toEqual({
        id: '',
        jobType: 'unknown',
        steps: [],
        phase: 'pending',
        isTerminal: false,
        links: {},
      });
    });

    it('should read the fields of a null-prototype object', () => {
      const raw = Object.assign(Object.create(null) as Record<string, unknown>, {
        id: 'np',
        steps: [Object.assign(Object.create(null) as object, { title: 'a', status: 'success' })],
        links: Object.assign(Object.create(null) as object, { self: '/jobs/np' }),
      });
      const job = normalizeJob(raw);
      expect(job.id).toBe('np');
      expect(job.phase).toBe('success');
      expect(job.links).toEqual({ self: '/jobs/np' });
    });

    it('should ignore inherited properties', () => {
      const raw: unknown = Object.create({ id: 'inherited', status: 'failed', steps: [] });
      expect(normalizeJob(raw)).toMatchObject({ id: '', phase: 'pending', steps: [] });
    });

    it('should read a cyclic object without throwing', () => {
      const raw: Record<string, unknown> = { id: 'cyc', jobType: 'connection' };
      raw.self = raw;
      raw.links = raw;
      raw.steps = [{ title: 'verify-credentials', status: 'pending', result: [raw, raw] }];
      const job = normalizeJob(raw);
      expect(job.phase).toBe('pending');
      expect(job.links).toEqual({ id: 'cyc', jobType: 'connection' });
      expect(job.steps).toEqual([{ title: 'verify-credentials', status: 'pending', result: null }]);
      expect(() => JSON.stringify(job)).not.toThrow();
    });

    it('should fall back to an empty pending job when reading the input throws', () => {
      const hostile = {
        get id(): string {
          throw new Error('boom');
        },
      };
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      for (const raw of [hostile, proxy]) {
        expect(normalizeJob(raw)).toEqual({
          id: '',
          jobType: 'unknown',
          steps: [],
          phase: 'pending',
          isTerminal: false,
          links: {},
        });
      }
    });
  });

  describe('properties', () => {
    it('should return a well-formed job for any value', () => {
      fc.assert(
        fc.property(fc.oneof(fc.anything(), wildArb), (raw) => {
          assertWellFormed(normalizeJob(raw));
        }),
        { numRuns: NUM_RUNS },
      );
    });

    it('should return a well-formed job for any job-like object', () => {
      fc.assert(
        fc.property(jobArb, (raw) => {
          assertWellFormed(normalizeJob(raw));
        }),
        { numRuns: NUM_RUNS },
      );
    });

    it('should derive the phase by the documented rule', () => {
      fc.assert(
        fc.property(jobArb, (raw) => {
          expect(normalizeJob(raw).phase).toBe(oraclePhase(raw));
        }),
        { numRuns: NUM_RUNS },
      );
    });

    it('should set mfa only when MFA is required and failure only when failed', () => {
      fc.assert(
        fc.property(fc.oneof(jobArb, wildArb), (raw) => {
          const job = normalizeJob(raw);
          expect('mfa' in job).toBe(job.phase === 'mfa-required');
          expect('failure' in job).toBe(job.phase === 'failed');
          if (job.mfa) expect(job.mfa.jobId).toBe(job.id);
        }),
        { numRuns: NUM_RUNS },
      );
    });
  });
});
