import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { basiqKeys, createBasiqClient, submitMfaMutationOptions, type Job } from '../../src';
import { createBasiqMock } from '../../src/testing';
import { setupMswServer } from '../support/server';

const server = setupMswServer();
const USER = 'user-1';

/** A job waiting for its MFA answer, in a QueryClient's cache, and the mutation's function. */
async function challenged() {
  const { handlers, control } = createBasiqMock({ clock: 'manual' });
  server.use(...handlers);
  const { jobId } = control.createJob({ userId: USER, scenario: 'mfa-token', stepMs: 1000 });
  control.advance(1000);
  const client = createBasiqClient({ getToken: async () => control.clientToken(USER) });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const job = await client.getJob(jobId);
  expect(job.phase).toBe('mfa-required');
  queryClient.setQueryData(basiqKeys.job(jobId), job);
  const { mutationFn, mutationKey } = submitMfaMutationOptions(client, queryClient, jobId);
  const posts = () =>
    control.requests().filter((r) => r.method === 'POST' && r.path === `/jobs/${jobId}/mfa`).length;
  return { jobId, job, queryClient, send: mutationFn!, mutationKey, posts };
}

describe('submitMfaMutationOptions', () => {
  it('should key the mutation with basiqKeys.submitMfa', async () => {
    const { jobId, mutationKey } = await challenged();
    expect(mutationKey).toEqual(basiqKeys.submitMfa(jobId));
  });

  it('should post an answer sent again after the first returned only once, while the job has not moved on', async () => {
    const { send, posts } = await challenged();
    const first = await send(['123456'], undefined as never);
    const again = await send(['123456'], undefined as never);
    expect(again).toEqual(first);
    expect(posts()).toBe(1);
  });

  it('should post a different answer to the same challenge', async () => {
    const { send, posts } = await challenged();
    await send(['111111'], undefined as never);
    // The mock, like Basiq, refuses an answer while it checks the first (400): it was sent.
    await send(['123456'], undefined as never).catch(() => {});
    expect(posts()).toBe(2);
  });

  it('should post the same answer again once the job has moved on (a new challenge)', async () => {
    const { jobId, job, queryClient, send, posts } = await challenged();
    await send(['123456'], undefined as never);
    // A refetch that brings anything new replaces the cached object (structural sharing).
    queryClient.setQueryData<Job>(basiqKeys.job(jobId), { ...job, updated: 'later' });
    await send(['123456'], undefined as never).catch(() => {});
    expect(posts()).toBe(2);
  });

  it('should join a second answer sent while the first is on its way', async () => {
    const { send, posts } = await challenged();
    await Promise.all([send(['123456'], undefined as never), send(['123456'], undefined as never)]);
    expect(posts()).toBe(1);
  });
});
