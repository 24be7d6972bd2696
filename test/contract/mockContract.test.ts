import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBasiqMock } from '../../src/testing';
import type { BasiqMockControl, MockScenario } from '../../src/testing';
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
const server_ = () => bearer(control.serverToken());
const client = (userId: string) => bearer(control.clientToken(userId));

/** A run of one case: every exchange it made, in order. */
class Run {
  readonly exchanges: Exchange[] = [];

  constructor(readonly control: BasiqMockControl) {}

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
    return this.post(`/jobs/${jobId}/mfa`, { auth: client(userId), json: { 'mfa-response': answers } });
  }

  getJob(jobId: string, userId = 'u1') {
    return this.get(`/jobs/${jobId}`, { auth: client(userId) });
  }
}

interface Case {
  name: string;
  /** The status the last exchange must have. */
  status: number;
  run: (run: Run) => Promise<unknown>;
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
  return { ...exchange, operation, errors, ...excuseSpecDeviations(errors, operation, exchange.status) };
}

async function runCase(c: Case): Promise<{ last: Checked | undefined; checked: Checked[] }> {
  control.reset();
  const run = new Run(control);
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
        auth: server_(),
        json: { email: 'max@hooli.com', mobile: '+61410888666', firstName: 'Max', lastName: 'Hooli' },
      }),
  },
  {
    name: 'POST /users with an email only',
    status: 201,
    run: (r) => r.post('/users', { auth: server_(), json: { email: 'max@hooli.com' } }),
  },
  {
    name: 'POST /users 400 without email or mobile',
    status: 400,
    run: (r) => r.post('/users', { auth: server_(), json: { firstName: 'Max' } }),
  },
  {
    name: 'POST /users 401 without a token',
    status: 401,
    run: (r) => r.post('/users', { json: { email: 'max@hooli.com' } }),
  },
  {
    name: 'POST /users 403 with a CLIENT_ACCESS token',
    status: 403,
    run: (r) => r.post('/users', { auth: client('u1'), json: { email: 'max@hooli.com' } }),
  },
  {
    name: 'GET /users/{userId} of a new user',
    status: 200,
    run: (r) => {
      control.createUser({ id: 'u1', email: 'max@hooli.com', mobile: '+61410888666' });
      return r.get(u1, { auth: server_() });
    },
  },
  {
    name: 'GET /users/{userId} with a connection',
    status: 200,
    run: (r) => {
      r.job('success');
      return r.get(u1, { auth: server_() });
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
    run: (r) => r.get('/users/nobody', { auth: server_() }),
  },
  {
    name: 'POST /users/{userId} (update)',
    status: 200,
    run: (r) => {
      control.createUser({ id: 'u1', email: 'max@hooli.com' });
      return r.post(u1, { auth: server_(), json: { mobile: '+61410888666', firstName: 'Max' } });
    },
  },
  {
    name: 'POST /users/{userId} 403 with a CLIENT_ACCESS token',
    status: 403,
    run: (r) => r.post(u1, { auth: client('u1'), json: { firstName: 'Max' } }),
  },
  {
    name: 'POST /users/{userId} 404',
    status: 404,
    run: (r) => r.post('/users/nobody', { auth: server_(), json: { firstName: 'Max' } }),
  },
  {
    name: 'DELETE /users/{userId}',
    status: 204,
    run: (r) => {
      r.job('success');
      return r.delete(u1, { auth: server_() });
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
    run: (r) => r.delete('/users/nobody', { auth: server_() }),
  },
];

/** GET /jobs/{jobId} at one stage of a scenario. */
const jobStage = (
  scenario: MockScenario,
  stage: string,
  drive: (r: Run, jobId: string) => Promise<unknown> | void,
): Case => ({
  name: `GET /jobs/{jobId} ${scenario}: ${stage}`,
  status: 200,
  run: async (r) => {
    const { jobId } = r.job(scenario);
    await drive(r, jobId);
    return r.getJob(jobId);
  },
});

const nothing = () => undefined;
const wait = (ms: number) => () => control.advance(ms);
/** To the MFA challenge, answered right, checked. */
const passMfa = (answers: string[]) => async (r: Run, jobId: string) => {
  control.advance(1000);
  await r.answer(jobId, answers);
  control.advance(1000);
};

const jobCases: Case[] = [
  jobStage('success', 'just created (first step in progress, the rest pending)', nothing),
  jobStage('success', 'retrieving accounts', wait(1500)),
  jobStage('success', 'done', wait(3000)),
  jobStage('mfa-token', 'MFA challenge waiting', wait(1000)),
  jobStage('mfa-token', 'checking the MFA answer', async (r, jobId) => {
    control.advance(1000);
    await r.answer(jobId, [MFA]);
    control.advance(500);
  }),
  jobStage('mfa-token', 'after MFA success', passMfa([MFA])),
  jobStage('mfa-token', 'done', async (r, jobId) => {
    await passMfa([MFA])(r, jobId);
    control.advance(2000);
  }),
  jobStage('mfa-token', 'failed: MFA challenge expired', wait(1000 + 120_000)),
  jobStage('mfa-token', 'failed: three wrong MFA answers', async (r, jobId) => {
    control.advance(1000);
    for (let i = 0; i < 3; i += 1) {
      await r.answer(jobId, ['000000']);
      control.advance(1000);
    }
  }),
  jobStage('mfa-questions', 'three questions waiting', wait(1000)),
  jobStage('mfa-questions', 'after MFA success', passMfa([MFA, MFA, MFA])),
  jobStage('mfa-wrong-then-right', 'asking again after a wrong answer', passMfa([MFA])),
  jobStage('mfa-wrong-then-right', 'done', async (r, jobId) => {
    await passMfa([MFA])(r, jobId);
    await r.answer(jobId, [MFA]);
    control.advance(3000);
  }),
  jobStage('invalid-credentials', 'failed', wait(1000)),
  jobStage('user-action-required', 'failed', wait(1000)),
  jobStage('service-unavailable', 'failed', wait(1000)),
  jobStage('statement', 'in progress', wait(1500)),
  jobStage('statement', 'done', wait(3000)),
  jobStage('report', 'in progress', nothing),
  jobStage('report', 'done', wait(1000)),
  jobStage('array-result', 'MFA challenge waiting (array result)', wait(1000)),
  jobStage('array-result', 'after MFA success (array result)', passMfa([MFA])),
  jobStage('success', 'after its consent was revoked (no source link)', async (r) => {
    control.advance(3000);
    const consents = (await r.get(`${u1}/consents`, { auth: server_() })).body as {
      data: Array<{ id: string }>;
    };
    await r.delete(`${u1}/consents/${consents.data[0]!.id}`, { auth: server_() });
  }),
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
    run: (r) => r.get('/jobs/no-such-job', { auth: server_() }),
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
      return r.get(`${u1}/jobs`, { auth: client('u1') });
    },
  },
  {
    name: "GET /users/{userId}/jobs?filter=connection.id.eq('…')",
    status: 200,
    run: (r) => {
      const { connectionId } = r.job('success');
      r.job('mfa-token');
      control.advance(3000);
      return r.get(`${u1}/jobs?filter=connection.id.eq('${connectionId}')`, { auth: client('u1') });
    },
  },
  {
    name: 'GET /users/{userId}/jobs of a user without jobs',
    status: 200,
    run: (r) => r.get(`${u1}/jobs`, { auth: client('u1') }),
  },
  {
    name: 'GET /users/{userId}/jobs 400 with an unknown filter',
    status: 400,
    run: (r) => r.get(`${u1}/jobs?filter=institution.id.eq('AU00000')`, { auth: client('u1') }),
  },
  {
    name: "GET /users/{userId}/jobs 401 with another user's CLIENT_ACCESS token",
    status: 401,
    run: (r) => r.get(`${u1}/jobs`, { auth: client('u2') }),
  },
  {
    name: 'GET /users/{userId}/jobs 404',
    status: 404,
    run: (r) => r.get('/users/nobody/jobs', { auth: server_() }),
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
    run: (r) => r.post('/jobs/no-such-job/mfa', { auth: server_(), json: { 'mfa-response': [MFA] } }),
  },
  {
    name: 'POST /users/{userId}/connections/{connectionId}/refresh (new job)',
    status: 202,
    run: (r) => {
      const { connectionId } = r.job('success');
      control.advance(3000);
      return r.post(`${u1}/connections/${connectionId!}/refresh`, { auth: client('u1') });
    },
  },
  {
    name: 'POST /users/{userId}/connections/{connectionId}/refresh (the running job)',
    status: 202,
    run: (r) => {
      const { connectionId } = r.job('success');
      return r.post(`${u1}/connections/${connectionId!}/refresh`, { auth: server_() });
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
    run: (r) => r.post(`${u1}/connections/no-such-connection/refresh`, { auth: client('u1') }),
  },
];

const consentCases: Case[] = [
  {
    name: 'GET /users/{userId}/consents with an active consent',
    status: 200,
    run: (r) => {
      r.job('success');
      return r.get(`${u1}/consents`, { auth: client('u1') });
    },
  },
  {
    name: 'GET /users/{userId}/consents with a revoked and an active consent',
    status: 200,
    run: async (r) => {
      r.job('success');
      const list = (await r.get(`${u1}/consents`, { auth: server_() })).body as {
        data: Array<{ id: string }>;
      };
      await r.delete(`${u1}/consents/${list.data[0]!.id}`, { auth: server_() });
      r.job('success');
      return r.get(`${u1}/consents`, { auth: client('u1') });
    },
  },
  {
    name: 'GET /users/{userId}/consents of a user without consents',
    status: 200,
    run: (r) => r.get(`${u1}/consents`, { auth: client('u1') }),
  },
  {
    name: "GET /users/{userId}/consents 401 with another user's CLIENT_ACCESS token",
    status: 401,
    run: (r) => r.get(`${u1}/consents`, { auth: client('u2') }),
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
    run: (r) => r.get('/users/nobody/consents', { auth: server_() }),
  },
  {
    name: 'DELETE /users/{userId}/consents/{consentId}',
    status: 204,
    run: async (r) => {
      r.job('success');
      const list = (await r.get(`${u1}/consents`, { auth: client('u1') })).body as {
        data: Array<{ id: string }>;
      };
      return r.delete(`${u1}/consents/${list.data[0]!.id}`, { auth: client('u1') });
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
    run: (r) => r.delete(`${u1}/consents/no-such-consent`, { auth: client('u1') }),
  },
];

const authLinkCases: Case[] = [
  {
    name: 'POST /users/{userId}/auth_link with a mobile',
    status: 201,
    run: (r) => {
      control.createUser({ id: 'u1' });
      return r.post(`${u1}/auth_link`, { auth: server_(), json: { mobile: '+61410000000' } });
    },
  },
  {
    name: "POST /users/{userId}/auth_link with the user's mobile",
    status: 201,
    run: (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      return r.post(`${u1}/auth_link`, { auth: client('u1') });
    },
  },
  {
    name: 'POST /users/{userId}/auth_link 400 when nobody has a mobile',
    status: 400,
    run: (r) => {
      control.createUser({ id: 'u1' });
      return r.post(`${u1}/auth_link`, { auth: server_(), json: {} });
    },
  },
  {
    name: "POST /users/{userId}/auth_link 401 with another user's CLIENT_ACCESS token",
    status: 401,
    run: (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      return r.post(`${u1}/auth_link`, { auth: client('u2') });
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
    run: (r) => r.post('/users/nobody/auth_link', { auth: server_(), json: { mobile: '+61410000000' } }),
  },
  {
    name: 'GET /users/{userId}/auth_link',
    status: 200,
    run: async (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      await r.post(`${u1}/auth_link`, { auth: server_() });
      return r.get(`${u1}/auth_link`, { auth: server_() });
    },
  },
  {
    name: 'GET /users/{userId}/auth_link 410 after DELETE',
    status: 410,
    run: async (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      await r.post(`${u1}/auth_link`, { auth: server_() });
      await r.delete(`${u1}/auth_link`, { auth: server_() });
      return r.get(`${u1}/auth_link`, { auth: server_() });
    },
  },
  {
    name: 'GET /users/{userId}/auth_link 410 after 7 days',
    status: 410,
    run: async (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      await r.post(`${u1}/auth_link`, { auth: server_() });
      control.advance(7 * 86_400_000);
      return r.get(`${u1}/auth_link`, { auth: server_() });
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
    run: (r) => r.get('/users/nobody/auth_link', { auth: server_() }),
  },
  {
    name: 'DELETE /users/{userId}/auth_link',
    status: 204,
    run: async (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      await r.post(`${u1}/auth_link`, { auth: server_() });
      return r.delete(`${u1}/auth_link`, { auth: client('u1') });
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
    run: (r) => r.delete('/users/nobody/auth_link', { auth: server_() }),
  },
];

/** Events of every kind the mock emits: consent and connection created, consent revoked, connection deleted. */
async function makeEvents(r: Run) {
  r.job('success');
  const list = (await r.get(`${u1}/consents`, { auth: server_() })).body as {
    data: Array<{ id: string }>;
  };
  await r.delete(`${u1}/consents/${list.data[0]!.id}`, { auth: server_() });
}

const eventCases: Case[] = [
  {
    name: 'GET /events with every kind of event',
    status: 200,
    run: async (r) => {
      await makeEvents(r);
      return r.get('/events', { auth: server_() });
    },
  },
  {
    name: "GET /events?filter=user.id.eq('…'),event.entity.eq('consent')",
    status: 200,
    run: async (r) => {
      await makeEvents(r);
      return r.get("/events?filter=user.id.eq('u1'),event.entity.eq('consent')", {
        auth: server_(),
      });
    },
  },
  {
    name: 'GET /events with none',
    status: 200,
    run: (r) => r.get('/events', { auth: server_() }),
  },
  {
    name: 'GET /events 400 with an unknown filter',
    status: 400,
    run: (r) => r.get("/events?filter=institution.id.eq('AU00000')", { auth: server_() }),
  },
  {
    name: 'GET /events 401 without a token',
    status: 401,
    run: (r) => r.get('/events'),
  },
  {
    name: 'GET /events 403 with a CLIENT_ACCESS token',
    status: 403,
    run: (r) => r.get('/events', { auth: client('u1') }),
  },
  ...(['consent.created', 'connection.created', 'consent.revoked', 'connection.deleted'] as const).map(
    (kind): Case => ({
      name: `GET /events/{id} (${kind})`,
      status: 200,
      run: async (r) => {
        await makeEvents(r);
        const [entity, eventType] = kind.split('.');
        const events = (await r.get('/events', { auth: server_() })).body as {
          data: Array<{ id: string; entity: string; eventType: string }>;
        };
        const event = events.data.find((e) => e.entity === entity && e.eventType === eventType);
        if (!event) throw new Error(`no ${kind} event`);
        return r.get(`/events/${event.id}`, { auth: server_() });
      },
    }),
  ),
  {
    name: 'GET /events/{id} 403 with a CLIENT_ACCESS token',
    status: 403,
    run: (r) => r.get('/events/e1', { auth: client('u1') }),
  },
  {
    name: 'GET /events/{id} 404',
    status: 404,
    run: (r) => r.get('/events/no-such-event', { auth: server_() }),
  },
  {
    name: 'GET /events/types',
    status: 200,
    run: (r) => r.get('/events/types', { auth: server_() }),
  },
  {
    name: 'GET /events/types 401 with a garbled token',
    status: 401,
    run: (r) => r.get('/events/types', { auth: 'Bearer garbled' }),
  },
  {
    name: 'GET /events/types 403 with a CLIENT_ACCESS token',
    status: 403,
    run: (r) => r.get('/events/types', { auth: client('u1') }),
  },
  {
    name: 'GET /events/types/{id}',
    status: 200,
    run: (r) => r.get('/events/types/consent.revoked', { auth: server_() }),
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
    run: (r) => r.get('/events/types/no.such-type', { auth: server_() }),
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
      return r.get(`${u1}/auth_link`, { auth: server_() });
    },
  },
  {
    name: 'GET /events/types 429 (injected)',
    status: 429,
    run: (r) => {
      control.failNext(1, 429, { retryAfter: 2 });
      return r.get('/events/types', { auth: server_() });
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

describe('createBasiqMock responses against core.yml / data.yml', () => {
  for (const [group, cases] of Object.entries(groups)) {
    describe(group, () => {
      it.each(cases.map((c) => [c.name, c] as const))(
        'should answer %s as the spec says',
        async (_name, c) => {
          const { last, checked } = await runCase(c);
          expect(last?.status, JSON.stringify(last?.body)).toBe(c.status);
          expect(checked.flatMap((x) => x.remaining)).toEqual([]);
        },
      );
    });
  }
});

/** `METHOD /template` of a mock handler, or undefined for the catch-all. */
function handlerOperation(handler: (typeof handlers)[number]): string | undefined {
  const { method, path } = handler.info as { method: unknown; path: unknown };
  if (typeof method !== 'string' || typeof path !== 'string' || method === 'all') return undefined;
  if (!path.startsWith(API)) throw new Error(`handler outside the API: ${method} ${path}`);
  const concrete = path.slice(API.length).replace(/:[^/]+/g, 'x1');
  const found = specOf(concrete);
  return found ? `${method.toUpperCase()} ${found.template}` : `${method.toUpperCase()} ${path}`;
}

describe('createBasiqMock routes', () => {
  const implemented = handlers
    .map(handlerOperation)
    .filter((operation): operation is string => operation !== undefined);
  const specOperations = (spec: SpecName) =>
    operations(spec).map(([method, path]) => `${method.toUpperCase()} ${path}`);

  it('should implement only operations of core.yml or data.yml', () => {
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

  it('should be sent a request on every route it implements by the cases above', async () => {
    const sent = new Set<string>();
    for (const c of allCases) {
      const { last } = await runCase(c);
      if (last) sent.add(last.operation);
    }
    expect([...sent].sort()).toEqual([...implemented].sort());
  });
});

describe('SPEC_DEVIATIONS', () => {
  it('should each name a documented response of a spec operation, with a one-line reason', () => {
    const documented = new Set([
      ...operations('core').map(([m, p]) => `${m.toUpperCase()} ${p}`),
      ...operations('data').map(([m, p]) => `${m.toUpperCase()} ${p}`),
    ]);
    for (const deviation of SPEC_DEVIATIONS) {
      expect(documented, deviation.operation).toContain(deviation.operation);
      expect(deviation.error.global || deviation.error.sticky, String(deviation.error)).toBe(false);
      expect(deviation.reason).toMatch(/^[^\n]{20,}$/);
    }
  });

  it('should each still excuse an error of some mock response (no stale exception)', async () => {
    const used = new Set<SpecDeviation>();
    for (const c of allCases) {
      const { checked } = await runCase(c);
      for (const x of checked) x.used.forEach((d) => used.add(d));
    }
    expect(SPEC_DEVIATIONS.filter((d) => !used.has(d)).map((d) => `${d.operation} ${d.status} ${d.error}`)).toEqual([]);
  });
});

it('DEBUG dump', async () => {
  const seen = new Map<string, string[]>();
  for (const c of allCases) {
    const { checked } = await runCase(c);
    for (const x of checked) for (const e of x.errors) {
      const k = e.replace(/\/\d+\//g, '/N/').replace(/\/\d+ /g, '/N ');
      if (!seen.has(k)) seen.set(k, []);
      if (!seen.get(k)!.includes(c.name)) seen.get(k)!.push(c.name);
    }
  }
  for (const [k, v] of seen) console.warn(k, '\n     <-', v.slice(0, 4).join(' | '), v.length > 4 ? `(+${v.length - 4})` : '');
});
