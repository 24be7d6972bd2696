// The reference timeline (docs/benchmarks.md), played by useJob and by a fixed 2 s loop (the same module
// the polling test asserts on).
import { it } from 'vitest';
import { runFixedLoop, runKit } from '../test/support/referenceTimeline';
import { setupMswServer } from '../test/support/server';
import { record } from './support/record';

const server = setupMswServer();

it('measures polling on the reference timeline', async () => {
  const loop = await runFixedLoop(server);
  server.resetHandlers();
  const kit = await runKit(server);
  record('polling', {
    polling: {
      kitRequests: kit.requests,
      fixedLoopRequests: loop.requests,
      kitMfaLagMs: kit.mfaLagMs,
      fixedLoopMfaLagMs: loop.mfaLagMs,
      kitCompletionLagMs: kit.completionLagMs,
      fixedLoopCompletionLagMs: loop.completionLagMs,
      requestsAfterTerminal: kit.requestsAfterTerminal,
      fixedLoopRequestsAfterTerminal: loop.requestsAfterTerminal,
    },
  });
});
