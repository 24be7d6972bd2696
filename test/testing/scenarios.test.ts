import { describe, expect, it } from 'vitest';
import type { JobPhase } from '../../src';
import { SCENARIOS } from '../../src/testing';
import type { MockScenario } from '../../src/testing';
import { setupMswServer } from '../support/server';
import { API, createSetup, RIGHT, USER } from './scenariosFixtures';

const server = setupMswServer();
const setup = createSetup(server);

const CONNECTION = ['verify-credentials', 'retrieve-accounts', 'retrieve-transactions'];
const WITH_MFA = [
  'verify-credentials',
  'mfa-challenge',
  'retrieve-accounts',
  'retrieve-transactions',
];
const ASKS: JobPhase[] = ['in-progress', 'mfa-required', 'in-progress', 'success'];

interface Expectation {
  jobType: string;
  titles: string[];
  /** The distinct phases seen in order, polling every 50 ms with 100 ms steps. */
  phases: JobPhase[];
  failure?: { step: string; code: string };
  mfa?: { method: string; prompts: number };
  /** Whether the normalized job names the connection. */
  namesConnection: boolean;
}

const EXPECTED: Record<MockScenario, Expectation> = {
  success: {
    jobType: 'connection',
    titles: CONNECTION,
    phases: ['in-progress', 'success'],
    namesConnection: true,
  },
  'mfa-token': {
    jobType: 'connection',
    titles: WITH_MFA,
    phases: ASKS,
    mfa: { method: 'token', prompts: 1 },
    namesConnection: true,
  },
  'mfa-questions': {
    jobType: 'connection',
    titles: WITH_MFA,
    phases: ASKS,
    mfa: { method: 'security-questions', prompts: 3 },
    namesConnection: true,
  },
  'mfa-wrong-then-right': {
    jobType: 'connection',
    titles: WITH_MFA,
    phases: [
      'in-progress',
      'mfa-required',
      'in-progress',
      'mfa-required',
      'in-progress',
      'success',
    ],
    mfa: { method: 'token', prompts: 1 },
    namesConnection: true,
  },
  'invalid-credentials': {
    jobType: 'connection',
    titles: CONNECTION,
    phases: ['in-progress', 'failed'],
    failure: { step: 'verify-credentials', code: 'invalid-credentials' },
    namesConnection: true,
  },
  'user-action-required': {
    jobType: 'connection',
    titles: CONNECTION,
    phases: ['in-progress', 'failed'],
    failure: { step: 'verify-credentials', code: 'account-not-accessible-requires-user-action' },
    namesConnection: true,
  },
  'service-unavailable': {
    jobType: 'connection',
    titles: CONNECTION,
    phases: ['in-progress', 'failed'],
    failure: { step: 'verify-credentials', code: 'service-unavailable' },
    namesConnection: true,
  },
  statement: {
    jobType: 'statement',
    titles: ['verify-credentials', 'retrieve-accounts', 'retrieve-statements'],
    phases: ['in-progress', 'success'],
    namesConnection: true,
  },
  report: {
    jobType: 'report',
    titles: ['create-report'],
    phases: ['in-progress', 'success'],
    namesConnection: false,
  },
  'array-result': {
    jobType: 'connection',
    titles: WITH_MFA,
    phases: ASKS,
    mfa: { method: 'token', prompts: 1 },
    namesConnection: true,
  },
};

describe('createBasiqMock scenarios', () => {
  it('should have an expectation for every scenario it exports', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...SCENARIOS].sort());
    expect(SCENARIOS).toHaveLength(10);
  });

  it.each(SCENARIOS)('should drive a %s job to its terminal state', async (scenario) => {
    const expected = EXPECTED[scenario];
    const { control, client } = setup();
    const { jobId, connectionId } = control.createJob({ userId: USER, scenario, stepMs: 100 });
    expect(connectionId).toEqual(expect.any(String));
    const phases: JobPhase[] = [];
    let job = await client.getJob(jobId);
    for (let poll = 0; poll < 40; poll++) {
      if (phases.at(-1) !== job.phase) phases.push(job.phase);
      expect(job).toMatchObject({ id: jobId, jobType: expected.jobType });
      expect(job.steps.map((s) => s.title)).toEqual(expected.titles);
      expect(job.connectionId).toBe(expected.namesConnection ? connectionId : undefined);
      // Steps run in order: done ones, then at most one running (or failed) one, then pending.
      const open = job.steps.findIndex((s) => s.status !== 'success');
      if (open >= 0) {
        expect(['in-progress', 'failed', 'pending']).toContain(job.steps[open]!.status);
        expect(job.steps.slice(open + 1).every((s) => s.status === 'pending')).toBe(true);
      }
      if (job.phase === 'mfa-required') {
        expect(job.mfa).toMatchObject({ jobId, method: expected.mfa?.method });
        expect(job.mfa!.prompts).toHaveLength(expected.mfa!.prompts);
        await client.submitMfa(
          jobId,
          job.mfa!.prompts.map(() => RIGHT),
        );
      } else {
        expect(job.mfa).toBeUndefined();
      }
      if (job.isTerminal) break;
      control.advance(50);
      job = await client.getJob(jobId);
    }
    expect(phases).toEqual(expected.phases);
    expect(job.isTerminal).toBe(true);
    if (expected.failure) {
      expect(job.failure).toMatchObject(expected.failure);
      expect(job.failure!.title).toEqual(expect.any(String));
      expect(job.failure!.detail).toEqual(expect.any(String));
      expect(job.steps.map((s) => s.status)).toEqual(['failed', 'pending', 'pending']);
      expect(job.steps[0]!.result).toMatchObject({ type: 'error', code: expected.failure.code });
    } else {
      expect(job.failure).toBeUndefined();
      expect(job.steps.every((s) => s.status === 'success')).toBe(true);
    }
  });

  it('should end each step with a link to the data it retrieved', async () => {
    const { control, client, at } = setup();
    const { jobId, connectionId } = control.createJob({ userId: USER, stepMs: 10 });
    at(30);
    const job = await client.getJob(jobId);
    expect(job.phase).toBe('success');
    const bank = "?filter=institution.id.eq('AU00000')";
    expect(job.steps.map((s) => s.result)).toEqual([
      { type: 'link', url: `/users/${USER}/connections/${connectionId}` },
      { type: 'link', url: `/users/${USER}/accounts${bank}` },
      { type: 'link', url: `/users/${USER}/transactions${bank}` },
    ]);
    expect(job.links).toEqual({
      self: `${API}/jobs/${jobId}`,
      source: `${API}/users/${USER}/connections/${connectionId}`,
    });
  });
});
