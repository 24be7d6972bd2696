// React commits of a <ConnectionStatus> subtree while 20 polls answer the very same job: a job
// held in verify-credentials, polled about every second, on fake timers.
import { act, render } from '@testing-library/react';
import { Profiler } from 'react';
import { it, vi } from 'vitest';
import { ConnectionStatus } from '../src';
import { createTestbed, USER } from '../test/support/basiqTestbed';
import { setupMswServer } from '../test/support/server';
import { record } from './support/record';

const POLLS = 20;
const STEP_MS = 100;

const server = setupMswServer();

it('measures ConnectionStatus renders across 20 identical polls', async () => {
  vi.useFakeTimers();
  const bed = createTestbed(server);
  const { jobId } = bed.control.createJob({
    userId: USER,
    stepMs: { 'verify-credentials': 60 * 60_000 },
  });
  // Every poll's body, to show the premise holds: nothing changed between polls.
  const bodies: string[] = [];
  const onResponse = async ({ request, response }: { request: Request; response: Response }) => {
    if (new URL(request.url).pathname === `/jobs/${jobId}`) bodies.push(await response.text());
  };
  server.events.on('response:mocked', onResponse);

  let commits = 0;
  const { container } = render(
    <Profiler id="ConnectionStatus" onRender={() => commits++}>
      <ConnectionStatus jobId={jobId} />
    </Profiler>,
    { wrapper: bed.wrapper },
  );
  const phase = () =>
    container.querySelector<HTMLElement>('.basiq-ConnectionStatus')?.dataset.phase;
  const step = () => act(() => vi.advanceTimersByTimeAsync(STEP_MS));
  while (phase() !== 'in-progress') await step();

  const settledPolls = bed.jobPolls(jobId);
  const settledCommits = commits;
  const commitsByPoll: number[] = [];
  for (let poll = 1; poll <= POLLS; poll++) {
    const before = commits;
    while (bed.jobPolls(jobId) < settledPolls + poll) await step();
    // Lets the answer to this poll land (and render, if it does) before the next one.
    await step();
    commitsByPoll.push(commits - before);
  }
  server.events.removeListener('response:mocked', onResponse);
  vi.useRealTimers();

  record('renders', {
    rendersOver20IdenticalPolls: commits - settledCommits,
    identicalPolls: {
      polls: bed.jobPolls(jobId) - settledPolls,
      // Shows the Profiler sees commits at all: mount, then the job's arrival.
      commitsUntilSettled: settledCommits,
      responsesIdentical: new Set(bodies).size === 1,
      commitsByPoll,
    },
  });
});
