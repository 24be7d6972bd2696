import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBasiqMock } from '../../src/testing';
import type { MockScenario } from '../../src/testing';
import { matchPath, operations, validateResponse } from './openapi';
import type { SpecName } from './openapi';
import { SPEC_DEVIATIONS, excuseSpecDeviations } from './spec-deviations';
import type { SpecDeviation } from './spec-deviations';

// Every route of the mock, at every stage that changes the shape of its
// answer, checked against Basiq's OpenAPI files. Errors the spec gets wrong
// are excused by ./spec-deviations.ts; anything else is a bug in the mock.

const API = 'https://au-api.basiq.io';
const { handlers, control } = createBasiqMock({ clock: 'manual' });
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => control.reset());
afterAll(() => server.close());

/** One request and the mock's answer. */
interface Exchange {
  method: string;
  /** The concrete path, e.g. `/jobs/4f0c…`. */
  path: string;
  status: number;
  body: unknown;
}

interface SendOptions {
  /** The whole Authorization header; none when omitted. */
  auth?: string;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

const bearer = (token: string) => `Bearer ${token}`;
/** Authorization with a fresh SERVER_ACCESS token. */
const serverAuth = () => bearer(control.serverToken());
/** Authorization with a fresh CLIENT_ACCESS token of `userId`. */
const clientAuth = (userId: string) => bearer(control.clientToken(userId));

/** A run of one case: every exchange it made, in order. */
class Run {
  readonly exchanges: Exchange[] = [];

  async send(method: string, path: string, options: SendOptions = {}): Promise<Exchange> {
    const headers = new Headers(options.headers);
    if (options.auth !== undefined) headers.set('authorization', options.auth);
    let body: string | undefined;
    if (options.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(options.json);
    } else if (options.form !== undefined) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(options.form).toString();
    }
    const response = await fetch(`${API}${path}`, { method, headers, body });
    const text = await response.text();
    const exchange: Exchange = {
      method,
      path,
      status: response.status,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
    this.exchanges.push(exchange);
    return exchange;
  }

  get = (path: string, options?: SendOptions) => this.send('GET', path, options);
  post = (path: string, options?: SendOptions) => this.send('POST', path, options);
  delete = (path: string, options?: SendOptions) => this.send('DELETE', path, options);

  /** A job of `scenario` whose steps take 1 s each (checking an MFA answer too). */
  job(scenario: MockScenario, userId = 'u1') {
    return control.createJob({ userId, scenario, stepMs: 1000 });
  }

  /** Answers the job's MFA challenge with `answers` (CLIENT_ACCESS, as the kit does). */
  answer(jobId: string, answers: string[], userId = 'u1') {
    return this.post(`/jobs/${jobId}/mfa`, {
      auth: clientAuth(userId),
      json: { 'mfa-response': answers },
    });
  }

  getJob(jobId: string, userId = 'u1') {
    return this.get(`/jobs/${jobId}`, { auth: clientAuth(userId) });
  }
}

interface Case {
  name: string;
  /** The status the last exchange must have. */
  status: number;
  run: (run: Run) => Promise<unknown>;
  /** What else the last body must show (that the case reached the stage it names). */
  shows?: (body: unknown) => void;
}

/** The spec an implemented path belongs to: core.yml, else data.yml. */
function specOf(path: string): { spec: SpecName; template: string } | undefined {
  for (const spec of ['core', 'data'] as const) {
    const template = matchPath(path, spec);
    if (template !== undefined) return { spec, template };
  }
  return undefined;
}

interface Checked extends Exchange {
  operation: string;
  errors: string[];
  remaining: string[];
  used: SpecDeviation[];
}

/** Validates one exchange against its operation, through the deviations. */
function check(exchange: Exchange): Checked {
  const found = specOf(exchange.path);
  if (!found) throw new Error(`No spec operation for ${exchange.method} ${exchange.path}`);
  const operation = `${exchange.method} ${found.template}`;
  const errors = validateResponse({
    spec: found.spec,
    method: exchange.method,
    path: found.template,
    status: exchange.status,
    body: exchange.body,
  });
  return {
    ...exchange,
    operation,
    errors,
    ...excuseSpecDeviations(errors, operation, exchange.status),
  };
}

async function runCase(c: Case): Promise<{ last: Checked | undefined; checked: Checked[] }> {
  control.reset();
  const run = new Run();
  await c.run(run);
  const checked = run.exchanges.map(check);
  return { last: checked.at(-1), checked };
}

const MFA = '123456';
const u1 = '/users/u1';

// --- the cases --------------------------------------------------------------

const tokenCases: Case[] = [
  {
    name: 'POST /token SERVER_ACCESS',
    status: 200,
    run: (r) =>
      r.post('/token', {
        auth: 'Basic test-api-key',
        headers: { 'basiq-version': '3.0' },
        form: { scope: 'SERVER_ACCESS' },
      }),
  },
  {
    name: 'POST /token CLIENT_ACCESS',
    status: 200,
    run: (r) => {
      control.createUser({ id: 'u1' });
      return r.post('/token', {
        auth: 'Basic test-api-key',
        headers: { 'basiq-version': '3.0' },
        form: { scope: 'CLIENT_ACCESS', userId: 'u1' },
      });
    },
  },
  {
    name: 'POST /token 400 without basiq-version',
    status: 400,
    run: (r) => r.post('/token', { auth: 'Basic test-api-key', form: { scope: 'SERVER_ACCESS' } }),
  },
  {
    name: 'POST /token 400 with an unknown scope',
    status: 400,
    run: (r) =>
      r.post('/token', {
        auth: 'Basic test-api-key',
        headers: { 'basiq-version': '3.0' },
        form: { scope: 'EVERYTHING' },
      }),
  },
  {
    name: 'POST /token 400 CLIENT_ACCESS without userId',
    status: 400,
    run: (r) =>
      r.post('/token', {
        auth: 'Basic test-api-key',
        headers: { 'basiq-version': '3.0' },
        form: { scope: 'CLIENT_ACCESS' },
      }),
  },
  {
    name: 'POST /token 404 CLIENT_ACCESS for an unknown user',
    status: 404,
    run: (r) =>
      r.post('/token', {
        auth: 'Basic test-api-key',
        headers: { 'basiq-version': '3.0' },
        form: { scope: 'CLIENT_ACCESS', userId: 'nobody' },
      }),
  },
];

const userCases: Case[] = [
  {
    name: 'POST /users',
    status: 201,
    run: (r) =>
      r.post('/users', {
        auth: serverAuth(),
        json: {
          email: 'max@hooli.com',
          mobile: '+61410888666',
          firstName: 'Max',
          lastName: 'Hooli',
        },
      }),
  },
  {
    name: 'POST /users with an email only',
    status: 201,
    run: (r) => r.post('/users', { auth: serverAuth(), json: { email: 'max@hooli.com' } }),
  },
  {
    name: 'POST /users with a mobile only',
    status: 201,
    run: (r) => r.post('/users', { auth: serverAuth(), json: { mobile: '+61410888666' } }),
  },
  {
    name: 'POST /users 400 without email or mobile',
    status: 400,
    run: (r) => r.post('/users', { auth: serverAuth(), json: { firstName: 'Max' } }),
  },
  {
    name: 'POST /users 401 without a token',
    status: 401,
    run: (r) => r.post('/users', { json: { email: 'max@hooli.com' } }),
  },
  {
    name: 'POST /users 403 with a CLIENT_ACCESS token',
    status: 403,
    run: (r) => r.post('/users', { auth: clientAuth('u1'), json: { email: 'max@hooli.com' } }),
  },
  {
    name: 'GET /users/{userId} of a new user',
    status: 200,
    run: (r) => {
      control.createUser({ id: 'u1', email: 'max@hooli.com', mobile: '+61410888666' });
      return r.get(u1, { auth: serverAuth() });
    },
  },
  {
    name: 'GET /users/{userId} of a user with a mobile only',
    status: 200,
    run: (r) => {
      control.createUser({ id: 'u1', mobile: '+61410888666' });
      return r.get(u1, { auth: serverAuth() });
    },
  },
  {
    name: 'GET /users/{userId} with a connection',
    status: 200,
    run: (r) => {
      r.job('success');
      return r.get(u1, { auth: serverAuth() });
    },
  },
  {
    name: 'GET /users/{userId} 401 with a garbled token',
    status: 401,
    run: (r) => r.get(u1, { auth: 'Bearer not-a-jwt' }),
  },
  {
    name: 'GET /users/{userId} 403 with an expired token',
    status: 403,
    run: (r) => {
      control.createUser({ id: 'u1' });
      const auth = bearer(control.serverToken({ expiresInSeconds: 60 }));
      control.advance(60_000);
      return r.get(u1, { auth });
    },
  },
  {
    name: 'GET /users/{userId} 404',
    status: 404,
    run: (r) => r.get('/users/nobody', { auth: serverAuth() }),
  },
  {
    name: 'POST /users/{userId} (update)',
    status: 200,
    run: (r) => {
      control.createUser({ id: 'u1', email: 'max@hooli.com' });
      return r.post(u1, { auth: serverAuth(), json: { mobile: '+61410888666', firstName: 'Max' } });
    },
  },
  {
    name: 'POST /users/{userId} (update) of a user with a mobile only',
    status: 200,
    run: (r) => {
      control.createUser({ id: 'u1', mobile: '+61410888666' });
      return r.post(u1, { auth: serverAuth(), json: { firstName: 'Max' } });
    },
  },
  {
    name: 'POST /users/{userId} 403 with a CLIENT_ACCESS token',
    status: 403,
    run: (r) => r.post(u1, { auth: clientAuth('u1'), json: { firstName: 'Max' } }),
  },
  {
    name: 'POST /users/{userId} 404',
    status: 404,
    run: (r) => r.post('/users/nobody', { auth: serverAuth(), json: { firstName: 'Max' } }),
  },
  {
    name: 'DELETE /users/{userId}',
    status: 204,
    run: (r) => {
      r.job('success');
      return r.delete(u1, { auth: serverAuth() });
    },
  },
  {
    name: 'DELETE /users/{userId} 401 without a token',
    status: 401,
    run: (r) => {
      control.createUser({ id: 'u1' });
      return r.delete(u1);
    },
  },
  {
    name: 'DELETE /users/{userId} 404',
    status: 404,
    run: (r) => r.delete('/users/nobody', { auth: serverAuth() }),
  },
];

/** GET /jobs/{jobId} at one stage of a scenario. */
const jobStage = (
  scenario: MockScenario,
  stage: string,
  drive: (r: Run, jobId: string) => Promise<unknown> | void,
  steps: string,
  alsoShows?: (job: { links: Record<string, unknown> }) => void,
): Case => ({
  name: `GET /jobs/{jobId} ${scenario}: ${stage}`,
  status: 200,
  run: async (r) => {
    const { jobId } = r.job(scenario);
    await drive(r, jobId);
    return r.getJob(jobId);
  },
  shows: (body) => {
    expect(stepsOf(body)).toBe(steps);
    alsoShows?.(body as { links: Record<string, unknown> });
  },
});

/** A job's steps as `title status result, …`; result: null, link, error, mfa or mfa[n]. */
function stepsOf(body: unknown): string {
  const { steps } = body as { steps: Array<{ title: string; status: string; result: unknown }> };
  const kind = (result: unknown): string => {
    if (result === null) return 'null';
    if (Array.isArray(result)) return `${result.map(kind).join('+')}[${result.length}]`;
    const { type, code } = result as { type?: string; code?: string };
    return type ?? `error:${code}`;
  };
  return steps.map((step) => `${step.title} ${step.status} ${kind(step.result)}`).join(', ');
}

const VERIFIED = 'verify-credentials success link';
const WAITING = 'retrieve-accounts pending null, retrieve-transactions pending null';
const RETRIEVING = 'retrieve-accounts in-progress null, retrieve-transactions pending null';
const RETRIEVED = 'retrieve-accounts success link, retrieve-transactions success link';

const nothing = () => undefined;
const wait = (ms: number) => () => control.advance(ms);
/** To the MFA challenge, answered right, checked. */
const passMfa = (answers: string[]) => async (r: Run, jobId: string) => {
  control.advance(1000);
  await r.answer(jobId, answers);
  control.advance(1000);
};

const jobCases: Case[] = [
  jobStage(
    'success',
    'just created (first step in progress, the rest pending)',
    nothing,
    `verify-credentials in-progress null, ${WAITING}`,
  ),
  jobStage('success', 'retrieving accounts', wait(1500), `${VERIFIED}, ${RETRIEVING}`),
  jobStage('success', 'done', wait(3000), `${VERIFIED}, ${RETRIEVED}`),
  jobStage(
    'mfa-token',
    'MFA challenge waiting',
    wait(1000),
    `${VERIFIED}, mfa-challenge in-progress mfa, ${WAITING}`,
  ),
  jobStage(
    'mfa-token',
    'checking the MFA answer',
    async (r, jobId) => {
      control.advance(1000);
      await r.answer(jobId, [MFA]);
      control.advance(500);
    },
    `${VERIFIED}, mfa-challenge in-progress null, ${WAITING}`,
  ),
  jobStage(
    'mfa-token',
    'after MFA success',
    passMfa([MFA]),
    `${VERIFIED}, mfa-challenge success mfa, ${RETRIEVING}`,
  ),
  jobStage(
    'mfa-token',
    'done',
    async (r, jobId) => {
      await passMfa([MFA])(r, jobId);
      control.advance(2000);
    },
    `${VERIFIED}, mfa-challenge success mfa, ${RETRIEVED}`,
  ),
  jobStage(
    'mfa-token',
    'failed: MFA challenge expired',
    wait(1000 + 120_000),
    `${VERIFIED}, mfa-challenge failed error:job-timed-out, ${WAITING}`,
  ),
  jobStage(
    'mfa-token',
    'failed: three wrong MFA answers',
    async (r, jobId) => {
      control.advance(1000);
      for (let i = 0; i < 3; i += 1) {
        await r.answer(jobId, ['000000']);
        control.advance(1000);
      }
    },
    `${VERIFIED}, mfa-challenge failed error:invalid-credentials, ${WAITING}`,
  ),
  jobStage(
    'mfa-questions',
    'three questions waiting',
    wait(1000),
    `${VERIFIED}, mfa-challenge in-progress mfa, ${WAITING}`,
  ),
  jobStage(
    'mfa-questions',
    'after MFA success',
    passMfa([MFA, MFA, MFA]),
    `${VERIFIED}, mfa-challenge success mfa, ${RETRIEVING}`,
  ),
  jobStage(
    'mfa-wrong-then-right',
    'asking again after a wrong answer',
    passMfa([MFA]),
    `${VERIFIED}, mfa-challenge in-progress mfa, ${WAITING}`,
  ),
  jobStage(
    'mfa-wrong-then-right',
    'done',
    async (r, jobId) => {
      await passMfa([MFA])(r, jobId);
      await r.answer(jobId, [MFA]);
      control.advance(3000);
    },
    `${VERIFIED}, mfa-challenge success mfa, ${RETRIEVED}`,
  ),
  jobStage(
    'invalid-credentials',
    'failed',
    wait(1000),
    `verify-credentials failed error:invalid-credentials, ${WAITING}`,
  ),
  jobStage(
    'user-action-required',
    'failed',
    wait(1000),
    `verify-credentials failed error:account-not-accessible-requires-user-action, ${WAITING}`,
  ),
  jobStage(
    'service-unavailable',
    'failed',
    wait(1000),
    `verify-credentials failed error:service-unavailable, ${WAITING}`,
  ),
  jobStage(
    'statement',
    'in progress',
    wait(1500),
    `${VERIFIED}, retrieve-accounts in-progress null, retrieve-statements pending null`,
  ),
  jobStage(
    'statement',
    'done',
    wait(3000),
    `${VERIFIED}, retrieve-accounts success link, retrieve-statements success link`,
  ),
  jobStage('report', 'in progress', nothing, 'create-report in-progress null'),
  jobStage('report', 'done', wait(1000), 'create-report success link'),
  jobStage(
    'array-result',
    'MFA challenge waiting (array result)',
    wait(1000),
    `${VERIFIED}, mfa-challenge in-progress mfa[1], ${WAITING}`,
  ),
  jobStage(
    'array-result',
    'after MFA success (array result)',
    passMfa([MFA]),
    `${VERIFIED}, mfa-challenge success mfa[1], ${RETRIEVING}`,
  ),
  jobStage(
    'success',
    'after its consent was revoked (no source link)',
    async (r) => {
      control.advance(3000);
      const consents = (await r.get(`${u1}/consents`, { auth: serverAuth() })).body as {
        data: Array<{ id: string }>;
      };
      await r.delete(`${u1}/consents/${consents.data[0]!.id}`, { auth: serverAuth() });
    },
    `${VERIFIED}, ${RETRIEVED}`,
    (job) => expect(Object.keys(job.links)).toEqual(['self']),
  ),
  {
    name: 'GET /jobs/{jobId} 401 without a token',
    status: 401,
    run: (r) => r.get(`/jobs/${r.job('success').jobId}`),
  },
  {
    name: "GET /jobs/{jobId} 401 with another user's CLIENT_ACCESS token",
    status: 401,
    run: (r) => r.getJob(r.job('success').jobId, 'u2'),
  },
  {
    name: 'GET /jobs/{jobId} 403 with an expired token',
    status: 403,
    run: (r) => {
      const { jobId } = r.job('success');
      const auth = bearer(control.clientToken('u1', { expiresInSeconds: 1 }));
      control.advance(1000);
      return r.get(`/jobs/${jobId}`, { auth });
    },
  },
  {
    name: 'GET /jobs/{jobId} 404',
    status: 404,
    run: (r) => r.get('/jobs/no-such-job', { auth: serverAuth() }),
  },
  {
    name: 'GET /users/{userId}/jobs with jobs of every scenario',
    status: 200,
    run: (r) => {
      for (const scenario of [
        'success',
        'mfa-token',
        'mfa-questions',
        'invalid-credentials',
        'statement',
        'report',
        'array-result',
      ] as const) {
        r.job(scenario);
        control.advance(1000);
      }
      return r.get(`${u1}/jobs`, { auth: clientAuth('u1') });
    },
    shows: (body) =>
      // Newest first: array-result, report, statement, then four connection jobs.
      expect((body as { data: Array<{ jobType: string }> }).data.map((job) => job.jobType)).toEqual(
        [
          'connection',
          'report',
          'statement',
          'connection',
          'connection',
          'connection',
          'connection',
        ],
      ),
  },
  {
    name: "GET /users/{userId}/jobs?filter=connection.id.eq('…')",
    status: 200,
    run: (r) => {
      const { connectionId } = r.job('success');
      r.job('mfa-token');
      control.advance(3000);
      return r.get(`${u1}/jobs?filter=connection.id.eq('${connectionId}')`, {
        auth: clientAuth('u1'),
      });
    },
    shows: (body) => expect((body as { size: number }).size).toBe(1),
  },
  {
    name: 'GET /users/{userId}/jobs of a user without jobs',
    status: 200,
    run: (r) => r.get(`${u1}/jobs`, { auth: clientAuth('u1') }),
  },
  {
    name: 'GET /users/{userId}/jobs 400 with an unknown filter',
    status: 400,
    run: (r) => r.get(`${u1}/jobs?filter=institution.id.eq('AU00000')`, { auth: clientAuth('u1') }),
  },
  {
    name: "GET /users/{userId}/jobs 401 with another user's CLIENT_ACCESS token",
    status: 401,
    run: (r) => r.get(`${u1}/jobs`, { auth: clientAuth('u2') }),
  },
  {
    name: 'GET /users/{userId}/jobs 404',
    status: 404,
    run: (r) => r.get('/users/nobody/jobs', { auth: serverAuth() }),
  },
  {
    name: 'POST /jobs/{jobId}/mfa',
    status: 202,
    run: (r) => {
      const { jobId } = r.job('mfa-token');
      control.advance(1000);
      return r.answer(jobId, [MFA]);
    },
  },
  {
    name: 'POST /jobs/{jobId}/mfa 400 when the job is not waiting',
    status: 400,
    run: (r) => r.answer(r.job('success').jobId, [MFA]),
  },
  {
    name: 'POST /jobs/{jobId}/mfa 400 with too few answers',
    status: 400,
    run: (r) => {
      const { jobId } = r.job('mfa-questions');
      control.advance(1000);
      return r.answer(jobId, [MFA]);
    },
  },
  {
    name: "POST /jobs/{jobId}/mfa 401 with another user's CLIENT_ACCESS token",
    status: 401,
    run: (r) => {
      const { jobId } = r.job('mfa-token');
      control.advance(1000);
      return r.answer(jobId, [MFA], 'u2');
    },
  },
  {
    name: 'POST /jobs/{jobId}/mfa 404',
    status: 404,
    run: (r) =>
      r.post('/jobs/no-such-job/mfa', { auth: serverAuth(), json: { 'mfa-response': [MFA] } }),
  },
  {
    name: 'POST /users/{userId}/connections/{connectionId}/refresh (new job)',
    status: 202,
    run: async (r) => {
      const { jobId, connectionId } = r.job('success');
      control.advance(3000);
      const refresh = await r.post(`${u1}/connections/${connectionId!}/refresh`, {
        auth: clientAuth('u1'),
      });
      expect((refresh.body as { id: string }).id).not.toBe(jobId);
    },
  },
  {
    name: 'POST /users/{userId}/connections/{connectionId}/refresh (the running job)',
    status: 202,
    run: async (r) => {
      const { jobId, connectionId } = r.job('success');
      const refresh = await r.post(`${u1}/connections/${connectionId!}/refresh`, {
        auth: serverAuth(),
      });
      expect((refresh.body as { id: string }).id).toBe(jobId);
    },
  },
  {
    name: 'POST /users/{userId}/connections/{connectionId}/refresh 403 with an expired token',
    status: 403,
    run: (r) => {
      const { connectionId } = r.job('success');
      const auth = bearer(control.clientToken('u1', { expiresInSeconds: 1 }));
      control.advance(1000);
      return r.post(`${u1}/connections/${connectionId!}/refresh`, { auth });
    },
  },
  {
    name: 'POST /users/{userId}/connections/{connectionId}/refresh 404',
    status: 404,
    run: (r) => r.post(`${u1}/connections/no-such-connection/refresh`, { auth: clientAuth('u1') }),
  },
];

const consentCases: Case[] = [
  {
    name: 'GET /users/{userId}/consents with an active consent',
    status: 200,
    run: (r) => {
      r.job('success');
      return r.get(`${u1}/consents`, { auth: clientAuth('u1') });
    },
  },
  {
    name: 'GET /users/{userId}/consents with a revoked and an active consent',
    status: 200,
    run: async (r) => {
      r.job('success');
      const list = (await r.get(`${u1}/consents`, { auth: serverAuth() })).body as {
        data: Array<{ id: string }>;
      };
      await r.delete(`${u1}/consents/${list.data[0]!.id}`, { auth: serverAuth() });
      r.job('success');
      return r.get(`${u1}/consents`, { auth: clientAuth('u1') });
    },
    shows: (body) =>
      expect(
        (body as { data: Array<{ status: string }> }).data.map((c) => c.status).sort(),
      ).toEqual(['active', 'revoked']),
  },
  {
    name: 'GET /users/{userId}/consents of a user without consents',
    status: 200,
    run: (r) => r.get(`${u1}/consents`, { auth: clientAuth('u1') }),
  },
  {
    name: "GET /users/{userId}/consents 401 with another user's CLIENT_ACCESS token",
    status: 401,
    run: (r) => r.get(`${u1}/consents`, { auth: clientAuth('u2') }),
  },
  {
    name: 'GET /users/{userId}/consents 403 with an expired token',
    status: 403,
    run: (r) => {
      const auth = bearer(control.clientToken('u1', { expiresInSeconds: 1 }));
      control.advance(1000);
      return r.get(`${u1}/consents`, { auth });
    },
  },
  {
    name: 'GET /users/{userId}/consents 404',
    status: 404,
    run: (r) => r.get('/users/nobody/consents', { auth: serverAuth() }),
  },
  {
    name: 'DELETE /users/{userId}/consents/{consentId}',
    status: 204,
    run: async (r) => {
      r.job('success');
      const list = (await r.get(`${u1}/consents`, { auth: clientAuth('u1') })).body as {
        data: Array<{ id: string }>;
      };
      return r.delete(`${u1}/consents/${list.data[0]!.id}`, { auth: clientAuth('u1') });
    },
  },
  {
    name: 'DELETE /users/{userId}/consents/{consentId} 401 without a token',
    status: 401,
    run: (r) => r.delete(`${u1}/consents/c1`),
  },
  {
    name: 'DELETE /users/{userId}/consents/{consentId} 404',
    status: 404,
    run: (r) => r.delete(`${u1}/consents/no-such-consent`, { auth: clientAuth('u1') }),
  },
];

const authLinkCases: Case[] = [
  {
    name: 'POST /users/{userId}/auth_link with a mobile',
    status: 201,
    run: (r) => {
      control.createUser({ id: 'u1' });
      return r.post(`${u1}/auth_link`, { auth: serverAuth(), json: { mobile: '+61410000000' } });
    },
  },
  {
    name: "POST /users/{userId}/auth_link with the user's mobile",
    status: 201,
    run: (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      return r.post(`${u1}/auth_link`, { auth: clientAuth('u1') });
    },
  },
  {
    name: 'POST /users/{userId}/auth_link 400 when nobody has a mobile',
    status: 400,
    run: (r) => {
      control.createUser({ id: 'u1' });
      return r.post(`${u1}/auth_link`, { auth: serverAuth(), json: {} });
    },
  },
  {
    name: "POST /users/{userId}/auth_link 401 with another user's CLIENT_ACCESS token",
    status: 401,
    run: (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      return r.post(`${u1}/auth_link`, { auth: clientAuth('u2') });
    },
  },
  {
    name: 'POST /users/{userId}/auth_link 403 with an expired token',
    status: 403,
    run: (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      const auth = bearer(control.serverToken({ expiresInSeconds: 1 }));
      control.advance(1000);
      return r.post(`${u1}/auth_link`, { auth });
    },
  },
  {
    name: 'POST /users/{userId}/auth_link 404',
    status: 404,
    run: (r) =>
      r.post('/users/nobody/auth_link', { auth: serverAuth(), json: { mobile: '+61410000000' } }),
  },
  {
    name: 'GET /users/{userId}/auth_link',
    status: 200,
    run: async (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      await r.post(`${u1}/auth_link`, { auth: serverAuth() });
      return r.get(`${u1}/auth_link`, { auth: serverAuth() });
    },
  },
  {
    name: 'GET /users/{userId}/auth_link 410 after DELETE',
    status: 410,
    run: async (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      await r.post(`${u1}/auth_link`, { auth: serverAuth() });
      await r.delete(`${u1}/auth_link`, { auth: serverAuth() });
      return r.get(`${u1}/auth_link`, { auth: serverAuth() });
    },
  },
  {
    name: 'GET /users/{userId}/auth_link 410 after 7 days',
    status: 410,
    run: async (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      await r.post(`${u1}/auth_link`, { auth: serverAuth() });
      control.advance(7 * 86_400_000);
      return r.get(`${u1}/auth_link`, { auth: serverAuth() });
    },
  },
  {
    name: 'GET /users/{userId}/auth_link 401 without a token',
    status: 401,
    run: (r) => r.get(`${u1}/auth_link`),
  },
  {
    name: 'GET /users/{userId}/auth_link 404',
    status: 404,
    run: (r) => r.get('/users/nobody/auth_link', { auth: serverAuth() }),
  },
  {
    name: 'DELETE /users/{userId}/auth_link',
    status: 204,
    run: async (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      await r.post(`${u1}/auth_link`, { auth: serverAuth() });
      return r.delete(`${u1}/auth_link`, { auth: clientAuth('u1') });
    },
  },
  {
    name: 'DELETE /users/{userId}/auth_link 401 with a garbled token',
    status: 401,
    run: (r) => r.delete(`${u1}/auth_link`, { auth: 'Bearer x.y.z' }),
  },
  {
    name: 'DELETE /users/{userId}/auth_link 404',
    status: 404,
    run: (r) => r.delete('/users/nobody/auth_link', { auth: serverAuth() }),
  },
];

/** Events of every kind the mock emits: consent and connection created, consent revoked, connection deleted. */
async function makeEvents(r: Run) {
  r.job('success');
  const list = (await r.get(`${u1}/consents`, { auth: serverAuth() })).body as {
    data: Array<{ id: string }>;
  };
  await r.delete(`${u1}/consents/${list.data[0]!.id}`, { auth: serverAuth() });
}

const eventCases: Case[] = [
  {
    name: 'GET /events with every kind of event',
    status: 200,
    run: async (r) => {
      await makeEvents(r);
      return r.get('/events', { auth: serverAuth() });
    },
    shows: (body) =>
      expect(
        (body as { data: Array<{ entity: string; eventType: string }> }).data.map(
          (e) => `${e.entity}.${e.eventType}`,
        ),
      ).toEqual(['connection.deleted', 'consent.revoked', 'connection.created', 'consent.created']),
  },
  {
    name: "GET /events?filter=user.id.eq('…'),event.entity.eq('consent')",
    status: 200,
    run: async (r) => {
      await makeEvents(r);
      return r.get("/events?filter=user.id.eq('u1'),event.entity.eq('consent')", {
        auth: serverAuth(),
      });
    },
  },
  {
    name: 'GET /events with none',
    status: 200,
    run: (r) => r.get('/events', { auth: serverAuth() }),
  },
  {
    name: 'GET /events 400 with an unknown filter',
    status: 400,
    run: (r) => r.get("/events?filter=institution.id.eq('AU00000')", { auth: serverAuth() }),
  },
  {
    name: 'GET /events 401 without a token',
    status: 401,
    run: (r) => r.get('/events'),
  },
  {
    name: 'GET /events 403 with a CLIENT_ACCESS token',
    status: 403,
    run: (r) => r.get('/events', { auth: clientAuth('u1') }),
  },
  ...(
    ['consent.created', 'connection.created', 'consent.revoked', 'connection.deleted'] as const
  ).map((kind): Case => ({
    name: `GET /events/{id} (${kind})`,
    status: 200,
    run: async (r) => {
      await makeEvents(r);
      const [entity, eventType] = kind.split('.');
      const events = (await r.get('/events', { auth: serverAuth() })).body as {
        data: Array<{ id: string; entity: string; eventType: string }>;
      };
      const event = events.data.find((e) => e.entity === entity && e.eventType === eventType);
      if (!event) throw new Error(`no ${kind} event`);
      return r.get(`/events/${event.id}`, { auth: serverAuth() });
    },
  })),
  {
    name: 'GET /events/{id} 403 with a CLIENT_ACCESS token',
    status: 403,
    run: (r) => r.get('/events/e1', { auth: clientAuth('u1') }),
  },
  {
    name: 'GET /events/{id} 404',
    status: 404,
    run: (r) => r.get('/events/no-such-event', { auth: serverAuth() }),
  },
  {
    name: 'GET /events/types',
    status: 200,
    run: (r) => r.get('/events/types', { auth: serverAuth() }),
  },
  {
    name: 'GET /events/types 401 with a garbled token',
    status: 401,
    run: (r) => r.get('/events/types', { auth: 'Bearer garbled' }),
  },
  {
    name: 'GET /events/types 403 with a CLIENT_ACCESS token',
    status: 403,
    run: (r) => r.get('/events/types', { auth: clientAuth('u1') }),
  },
  {
    name: 'GET /events/types/{id}',
    status: 200,
    run: (r) => r.get('/events/types/consent.revoked', { auth: serverAuth() }),
  },
  {
    name: 'GET /events/types/{id} 403 with an expired token',
    status: 403,
    run: (r) => {
      const auth = bearer(control.serverToken({ expiresInSeconds: 1 }));
      control.advance(1000);
      return r.get('/events/types/consent.revoked', { auth });
    },
  },
  {
    name: 'GET /events/types/{id} 404',
    status: 404,
    run: (r) => r.get('/events/types/no.such-type', { auth: serverAuth() }),
  },
];

/** Failures injected with control.failNext, on routes that document the status. */
const faultCases: Case[] = [
  {
    name: 'GET /jobs/{jobId} 500 (injected)',
    status: 500,
    run: (r) => {
      const { jobId } = r.job('success');
      control.failNext(1, 500);
      return r.getJob(jobId);
    },
  },
  {
    name: 'GET /users/{userId}/auth_link 503 (injected)',
    status: 503,
    run: (r) => {
      control.failNext(1, 503);
      return r.get(`${u1}/auth_link`, { auth: serverAuth() });
    },
  },
  {
    name: 'GET /events/types 429 (injected)',
    status: 429,
    run: (r) => {
      control.failNext(1, 429, { retryAfter: 2 });
      return r.get('/events/types', { auth: serverAuth() });
    },
  },
];

const groups: Record<string, Case[]> = {
  tokens: tokenCases,
  users: userCases,
  jobs: jobCases,
  consents: consentCases,
  'auth links': authLinkCases,
  events: eventCases,
  'injected faults': faultCases,
};
const allCases = Object.values(groups).flat();

// --- the tests --------------------------------------------------------------

/** `METHOD /template` of a mock handler, or undefined for the catch-all. */
function handlerOperation(handler: (typeof handlers)[number]): string | undefined {
  const { method, path } = handler.info as { method: unknown; path: unknown };
  if (typeof method !== 'string' || typeof path !== 'string') return undefined;
  if (!path.startsWith(API)) throw new Error(`handler outside the API: ${method} ${path}`);
  const found = specOf(path.slice(API.length).replace(/:[^/]+/g, 'x1'));
  return found ? `${method.toUpperCase()} ${found.template}` : `${method.toUpperCase()} ${path}`;
}

const implemented = handlers
  .map(handlerOperation)
  .filter((operation): operation is string => operation !== undefined);

const specOperations = (spec: SpecName) =>
  operations(spec).map(([method, path]) => `${method.toUpperCase()} ${path}`);

let everything: Promise<Checked[]> | undefined;
/** Every exchange of every case (run once, for the checks over the whole set). */
const runEverything = () =>
  (everything ??= (async () => {
    const all: Checked[] = [];
    for (const c of allCases) all.push(...(await runCase(c)).checked);
    return all;
  })());

describe('createBasiqMock', () => {
  for (const [group, cases] of Object.entries(groups)) {
    describe(`${group} against core.yml / data.yml`, () => {
      it.each(cases.map((c) => [c.name, c] as const))(
        'should answer %s as the spec says',
        async (_name, c) => {
          const { last, checked } = await runCase(c);
          expect(last?.status, JSON.stringify(last?.body)).toBe(c.status);
          c.shows?.(last?.body);
          expect(checked.flatMap((x) => x.remaining)).toEqual([]);
        },
      );
    });
  }

  it('should implement only operations of core.yml or data.yml, each once', () => {
    const known = new Set([...specOperations('core'), ...specOperations('data')]);
    expect(implemented.length).toBeGreaterThan(0);
    expect(implemented.filter((operation) => !known.has(operation))).toEqual([]);
    expect(new Set(implemented).size).toBe(implemented.length);
  });

  it('should leave exactly these spec operations unimplemented', () => {
    const done = new Set(implemented);
    expect(specOperations('core').filter((operation) => !done.has(operation))).toEqual([]);
    expect(specOperations('data').filter((operation) => !done.has(operation))).toEqual([
      'GET /users/{userId}/accounts',
      'GET /users/{userId}/accounts/{accountId}',
      'GET /users/{userId}/transactions',
      'GET /users/{userId}/transactions/{transactionId}',
      'GET /users/{userId}/connections',
      'POST /users/{userId}/connections/refresh',
      'GET /users/{userId}/connections/{connectionId}',
      'DELETE /users/{userId}/connections/{connectionId}',
      'POST /users/{userId}/connections/{connectionId}/purge',
      'POST /users/{userId}/statements',
      'GET /connectors',
      'GET /connectors/{connectorId}/{method}',
    ]);
  });

  it('should get a request on every route it implements from the cases above', async () => {
    const sent = new Set((await runEverything()).map((x) => x.operation));
    expect([...sent].sort()).toEqual([...implemented].sort());
  });
});

describe('SPEC_DEVIATIONS', () => {
  it('should each name a status the spec documents for one of its operations', () => {
    for (const deviation of SPEC_DEVIATIONS) {
      const [method = '', path = ''] = deviation.operation.split(' ');
      const spec = specOperations('core').includes(deviation.operation) ? 'core' : 'data';
      expect(specOperations(spec), deviation.operation).toContain(deviation.operation);
      expect(
        validateResponse({ spec, method, path, status: deviation.status, body: undefined }).join(),
        `${deviation.operation} ${deviation.status}`,
      ).not.toContain('status not in spec');
    }
  });

  it('should each have a one-line reason and a stateless pattern', () => {
    for (const { error, reason } of SPEC_DEVIATIONS) {
      expect(reason, String(error)).toMatch(/^[^\n]{30,250}$/);
      expect(error.global || error.sticky, String(error)).toBe(false);
      expect(error.source, 'anchor the pattern').toMatch(/^\^/);
    }
  });

  it('should each still excuse an error of some mock response (no stale exception)', async () => {
    const used = new Set((await runEverything()).flatMap((x) => x.used));
    expect(
      SPEC_DEVIATIONS.filter((d) => !used.has(d)).map(
        (d) => `${d.operation} ${d.status} ${d.error}`,
      ),
    ).toEqual([]);
  });
});

describe('excuseSpecDeviations', () => {
  const operation = 'GET /jobs/{jobId}';
  const overlap = `${operation} 200: / must match exactly one schema in oneOf (passing: [0,1])`;
  const overlapDeviation = SPEC_DEVIATIONS.find(
    (d) =>
      d.operation === operation &&
      d.status === 200 &&
      d.error.test(overlap.slice(`${operation} 200: `.length)),
  );

  it('should excuse an error a deviation matches and say which deviation did', () => {
    expect(overlapDeviation).toBeDefined();
    expect(excuseSpecDeviations([overlap], operation, 200)).toEqual({
      remaining: [],
      used: [overlapDeviation],
    });
  });

  it('should keep an error of another status, another operation or another message', () => {
    const otherStatus = overlap.replace(' 200:', ' 404:');
    expect(excuseSpecDeviations([otherStatus], operation, 404).remaining).toEqual([otherStatus]);
    const otherOperation = overlap.replace(operation, 'GET /users/{userId}/jobs');
    expect(
      excuseSpecDeviations([otherOperation], 'GET /users/{userId}/jobs', 200).remaining,
    ).toEqual([otherOperation]);
    const otherMessage = `${operation} 200: /steps/0/status must be string`;
    expect(excuseSpecDeviations([otherMessage, overlap], operation, 200)).toEqual({
      remaining: [otherMessage],
      used: [overlapDeviation],
    });
  });

  it('should keep an error whose line is labelled for another operation than the one given', () => {
    expect(excuseSpecDeviations([overlap], 'GET /users/{userId}/jobs', 200).remaining).toEqual([
      overlap,
    ]);
    expect(excuseSpecDeviations([overlap], operation, 500).remaining).toEqual([overlap]);
  });
});
