import { focusManager } from '@tanstack/react-query';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionStatus, useBasiqEvents, type BasiqFlowEvent } from '../../src';
import { advance, createFaultbed, mfa, startJob, status } from '../faults/faultbed';
import { expectWellFormed, MFA_SUCCESS, recordEvents, SUCCESS } from '../support/flowEvents';
import { setupMswServer } from '../support/server';
import { setHidden } from '../support/visibility';

const server = setupMswServer();
afterEach(() => {
  Reflect.deleteProperty(document, 'visibilityState');
  focusManager.setFocused(undefined);
});

/** A provider whose `onEvent` records, and a job of `scenario` shown by ConnectionStatus. */
function showJob(scenario: Parameters<typeof startJob>[1]) {
  const recorded = recordEvents();
  const bed = createFaultbed(server, { provider: { onEvent: recorded.onEvent } });
  const jobId = startJob(bed.control, scenario);
  bed.render(<ConnectionStatus jobId={jobId} />);
  return { bed, jobId, ...recorded };
}

describe('useBasiqEvents', () => {
  it('should tell each step of a successful connection once, in order, then accounts-ready and job-succeeded', async () => {
    const { jobId, events, lines } = showJob('success');
    await advance(15_000);
    expect(status.phase()).toBe('success');
    expect(lines()).toEqual(SUCCESS);
    expectWellFormed(events, jobId);
  });

  it('should tell a right MFA answer as submitted then accepted, between the challenge and the data', async () => {
    const { jobId, events, lines } = showJob('mfa-token');
    await advance(2000);
    expect(mfa.state()).toBe('idle');
    mfa.answer();
    await advance(15_000);
    expect(status.phase()).toBe('success');
    expect(lines()).toEqual(MFA_SUCCESS);
    expectWellFormed(events, jobId);
  });

  it('should tell a wrong MFA answer as refused with a new challenge, then the right one as accepted', async () => {
    const { jobId, events, lines } = showJob('mfa-wrong-then-right');
    await advance(2000);
    mfa.answer();
    await advance(3000);
    expect(mfa.state()).toBe('wrong');
    mfa.answer();
    await advance(15_000);
    expect(status.phase()).toBe('success');
    expect(lines()).toEqual([
      'job-step verify-credentials in-progress',
      'job-step verify-credentials success',
      'job-step mfa-challenge in-progress',
      'mfa-required token 1',
      'mfa-submitted',
      'mfa-refused null',
      'mfa-required token 1',
      'mfa-submitted',
      'job-step mfa-challenge success',
      'mfa-accepted',
      ...MFA_SUCCESS.slice(MFA_SUCCESS.indexOf('mfa-accepted') + 1),
    ]);
    expectWellFormed(events, jobId);
  });

  it('should end a failed connection with job-failed naming the step, the code and the advice', async () => {
    const { jobId, events, lines } = showJob('invalid-credentials');
    await advance(5000);
    expect(status.phase()).toBe('failed');
    expect(lines()).toEqual([
      'job-step verify-credentials in-progress',
      'job-step verify-credentials failed',
      'job-failed verify-credentials invalid-credentials credentials',
    ]);
    expectWellFormed(events, jobId);
  });

  it('should tell the third wrong MFA answer as refused with the failure code, then job-failed', async () => {
    const { lines } = showJob('mfa-token');
    await advance(2000);
    for (let i = 0; i < 3; i++) {
      mfa.answer('000000');
      await advance(3000);
    }
    expect(status.phase()).toBe('failed');
    expect(lines().slice(3)).toEqual([
      'mfa-required token 1',
      'mfa-submitted',
      'mfa-refused null',
      'mfa-required token 1',
      'mfa-submitted',
      'mfa-refused null',
      'mfa-required token 1',
      'mfa-submitted',
      'job-step mfa-challenge failed',
      'mfa-refused invalid-credentials',
      'job-failed mfa-challenge invalid-credentials credentials',
    ]);
  });

  it('should end an unanswered challenge that expired with job-failed only: no answer was refused', async () => {
    const { lines } = showJob('mfa-token');
    await advance(2000);
    // The challenge waits without polling; the user leaves and comes back after its 2 minutes.
    setHidden(true);
    await advance(121_000, 1000);
    setHidden(false);
    await advance(100);
    expect(status.phase()).toBe('failed');
    expect(lines().slice(3)).toEqual([
      'mfa-required token 1',
      'job-step mfa-challenge failed',
      'job-failed mfa-challenge job-timed-out timedOut',
    ]);
  });

  it('should give useBasiqEvents listeners the very events onEvent gets, from where they mount', async () => {
    const recorded = recordEvents();
    const heard: BasiqFlowEvent[] = [];
    function Listener() {
      const [count, setCount] = useState(0);
      useBasiqEvents((event) => {
        heard.push(event);
        setCount((n) => n + 1);
      });
      return <output>{count}</output>;
    }
    const bed = createFaultbed(server, { provider: { onEvent: recorded.onEvent } });
    const jobId = startJob(bed.control, 'success');
    bed.render(
      <>
        <Listener />
        <ConnectionStatus jobId={jobId} />
      </>,
    );
    await advance(15_000);
    expect(heard).toEqual(recorded.events);
    expect(heard.map((event) => event.type)).toContain('job-succeeded');
  });

  it('should put no token and none of the user’s data in any event', async () => {
    const { bed, events } = showJob('mfa-token');
    await advance(2000);
    mfa.answer('999999');
    await advance(3000);
    mfa.answer();
    await advance(15_000);
    const text = JSON.stringify(events);
    expect(text).not.toMatch(/eyJ/); // a JWT
    expect(text).not.toContain('999999');
    expect(text).not.toContain('123456');
    expect(text).not.toContain('XXXX XXX 178'); // the challenge's prompt
    expect(text).not.toContain(bed.control.clientToken('u1').slice(0, 20));
  });
});
