import { expect } from 'vitest';
import type { MockScenario } from '../../../src/testing';
import { control, MFA, serverAuth, u1 } from './case';
import type { Case, Run } from './case';

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

/** GET /jobs/{jobId} at every stage of every scenario that changes its shape. */
export const jobStageCases: Case[] = [
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
];
