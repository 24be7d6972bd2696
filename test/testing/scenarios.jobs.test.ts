import { describe, expect, it } from 'vitest';
import { setupMswServer } from '../support/server';
import { API, createSetup, iso, RIGHT, USER } from './scenariosFixtures';

const DAY = 86_400_000;

const server = setupMswServer();
const setup = createSetup(server);

describe('createBasiqMock statement and report jobs', () => {
  it('should send statement jobs with createdDate, updatedDate and sourceId', async () => {
    const { control, client, raw, at, start } = setup();
    const { jobId, connectionId } = control.createJob({
      userId: USER,
      scenario: 'statement',
      stepMs: 1000,
    });
    let body = await raw(jobId);
    expect(body).toMatchObject({
      type: 'job',
      id: jobId,
      jobType: 'statement',
      createdDate: iso(start),
      updatedDate: iso(start),
      sourceId: connectionId,
      links: {
        self: `${API}/jobs/${jobId}`,
        source: `${API}/users/${USER}/connections/${connectionId}`,
      },
    });
    expect(body).not.toHaveProperty('created');
    expect(body).not.toHaveProperty('updated');
    at(3000);
    body = await raw(jobId);
    expect(body.updatedDate).toBe(iso(start + 3000));
    expect(body.steps.at(-1)).toEqual({
      title: 'retrieve-statements',
      status: 'success',
      result: { type: 'link', url: `/users/${USER}/statements` },
    });
    const job = await client.getJob(jobId);
    expect(job).toMatchObject({
      phase: 'success',
      jobType: 'statement',
      created: iso(start),
      updated: iso(start + 3000),
      connectionId,
    });
  });

  it('should send report jobs with a top-level status, partner ids and relative links', async () => {
    const { control, client, raw, at, start } = setup();
    const { jobId } = control.createJob({ userId: USER, scenario: 'report', stepMs: 1000 });
    let body = await raw(jobId);
    expect(body).toMatchObject({
      type: 'job',
      id: jobId,
      jobType: 'report',
      status: 'in-progress',
      partnerId: expect.any(String),
      applicationId: expect.any(String),
      created: iso(start),
      steps: [{ title: 'create-report', status: 'in-progress', result: null }],
      links: { self: `/jobs/${jobId}`, source: `/reports/${jobId}` },
    });
    expect((await client.getJob(jobId)).phase).toBe('in-progress');
    at(1000);
    body = await raw(jobId);
    expect(body).toMatchObject({
      status: 'success',
      updated: iso(start + 1000),
      steps: [{ status: 'success', result: { type: 'link', url: `/reports/${jobId}` } }],
    });
    expect(await client.getJob(jobId)).toMatchObject({
      phase: 'success',
      isTerminal: true,
      links: { self: `/jobs/${jobId}`, source: `/reports/${jobId}` },
    });
  });
});

describe('createBasiqMock connections and job lists', () => {
  it('should refresh an existing connection with control.createJob({ connectionId })', async () => {
    const { control, client, at } = setup();
    const first = control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: 100 });
    at(10);
    const again = control.createJob({ userId: USER, connectionId: first.connectionId });
    expect(again.jobId).not.toBe(first.jobId);
    expect(again.connectionId).toBe(first.connectionId);
    // The refresh plays the connection's scenario at its step durations.
    at(110);
    expect(await client.getJob(again.jobId)).toMatchObject({
      phase: 'mfa-required',
      connectionId: first.connectionId,
    });
    expect(() =>
      control.createJob({ userId: 'someone-else', connectionId: first.connectionId! }),
    ).toThrow(TypeError);
  });

  it('should list a user’s jobs newest first, filtered by connection', async () => {
    const { control, client, at } = setup();
    const a1 = control.createJob({ userId: USER, stepMs: 100 });
    at(10);
    const b1 = control.createJob({ userId: USER, scenario: 'invalid-credentials', stepMs: 100 });
    at(20);
    const a2 = control.createJob({ userId: USER, connectionId: a1.connectionId });
    control.createJob({ userId: 'u2', stepMs: 100 });
    at(500);
    const all = await client.listUserJobs(USER);
    expect(all.map((j) => j.id)).toEqual([a2.jobId, b1.jobId, a1.jobId]);
    const onA = await client.listUserJobs(USER, { connectionId: a1.connectionId! });
    expect(onA.map((j) => j.id)).toEqual([a2.jobId, a1.jobId]);
    expect(onA.every((j) => j.connectionId === a1.connectionId)).toBe(true);
    expect(onA.map((j) => j.phase)).toEqual(['success', 'success']);
    const onB = await client.listUserJobs(USER, { connectionId: b1.connectionId! });
    expect(onB).toMatchObject([{ id: b1.jobId, phase: 'failed' }]);
    expect(await client.listUserJobs(USER, { connectionId: 'unknown' })).toEqual([]);
  });

  it('should drop jobs older than 7 days from the list', async () => {
    const { control, client, at } = setup();
    const old = control.createJob({ userId: USER, stepMs: 100 });
    at(DAY);
    const recent = control.createJob({ userId: USER, connectionId: old.connectionId });
    at(7 * DAY - 1);
    expect((await client.listUserJobs(USER)).map((j) => j.id)).toEqual([recent.jobId, old.jobId]);
    at(7 * DAY + 1);
    expect((await client.listUserJobs(USER)).map((j) => j.id)).toEqual([recent.jobId]);
    expect(
      (await client.listUserJobs(USER, { connectionId: old.connectionId! })).map((j) => j.id),
    ).toEqual([recent.jobId]);
  });

  it('should answer a connection refresh with the running job, or a new one once it finished', async () => {
    const { control, client, post, at } = setup();
    const { jobId, connectionId } = control.createJob({
      userId: USER,
      scenario: 'mfa-token',
      stepMs: 100,
    });
    const path = `/users/${USER}/connections/${connectionId}/refresh`;
    let response = await post(path);
    expect(response).toEqual({
      status: 202,
      body: { type: 'job', id: jobId, links: { self: `${API}/jobs/${jobId}` } },
    });
    // A job waiting for MFA is still running.
    at(100);
    expect((await post(path)).body.id).toBe(jobId);
    await client.submitMfa(jobId, [RIGHT]);
    at(400);
    expect((await client.getJob(jobId)).phase).toBe('success');
    response = await post(path);
    expect(response.status).toBe(202);
    const next = String(response.body.id);
    expect(next).not.toBe(jobId);
    expect(response.body.links).toEqual({ self: `${API}/jobs/${next}` });
    expect((await post(path)).body.id).toBe(next);
    expect(await client.getJob(next)).toMatchObject({ phase: 'in-progress', connectionId });
    at(500);
    expect((await client.getJob(next)).phase).toBe('mfa-required');
    expect((await client.listUserJobs(USER, { connectionId })).map((j) => j.id)).toEqual([
      next,
      jobId,
    ]);
    expect((await post(`/users/${USER}/connections/unknown/refresh`)).status).toBe(404);
  });
});
