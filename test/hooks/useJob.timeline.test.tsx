import { describe, expect, it } from 'vitest';
import { runFixedLoop, runKit } from '../support/referenceTimeline';
import { setupMswServer } from '../support/server';

const server = setupMswServer();

describe('useJob (reference timeline)', () => {
  it('should poll at most 0.6× a fixed 2 s loop, show MFA no later, and stop at the end', async ({
    annotate,
  }) => {
    const loop = await runFixedLoop(server);
    server.resetHandlers();
    const kit = await runKit(server);
    await annotate(`kit ${JSON.stringify(kit)} / fixed 2 s loop ${JSON.stringify(loop)}`);
    expect(kit.requests).toBeLessThanOrEqual(0.6 * loop.requests);
    expect(kit.mfaLagMs).toBeLessThanOrEqual(loop.mfaLagMs);
    expect(kit.requestsAfterTerminal).toBe(0);
  });
});
