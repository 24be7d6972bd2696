import { focusManager } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { basiqKeys, ConnectionStatus, useJob, useJobs } from '../../src';
import { advance, createFaultbed, mfa, startJob, status } from '../faults/faultbed';
import {
  describeEvent,
  expectWellFormed,
  MFA_SUCCESS,
  recordEvents,
  SUCCESS,
} from '../support/flowEvents';
import { setupMswServer } from '../support/server';
import { setHidden } from '../support/visibility';

const server = setupMswServer();
afterEach(() => {
  Reflect.deleteProperty(document, 'visibilityState');
  focusManager.setFocused(undefined);
});

/**
 * A recording provider on the mock, and `show(ui)` rendering it under StrictMode. StrictMode is
 * the root element, not a `wrapper`: React runs effects twice only when it is at the root.
 */
function setup() {
  const recorded = recordEvents();
  const bed = createFaultbed(server, { provider: { onEvent: recorded.onEvent } });
  const Provider = bed.wrapper;
  const tree = (ui: ReactNode) => (
    <StrictMode>
      <Provider>{ui}</Provider>
    </StrictMode>
  );
  const show = (ui: ReactNode) => {
    const view = render(tree(ui));
    return { ...view, rerender: (next: ReactNode) => view.rerender(tree(next)) };
  };
  return { bed, show, ...recorded };
}

function Watcher({ jobId }: { jobId: string }) {
  const { phase } = useJob(jobId);
  return <p>{phase}</p>;
}

describe('useBasiqEvents (many watchers, refetches, a hidden tab)', () => {
  it('should tell each change once when 20 components watch one job under StrictMode', async () => {
    const { bed, show, events, lines } = setup();
    const jobId = startJob(bed.control, 'mfa-token');
    show(
      Array.from({ length: 10 }, (_, i) => (
        <div key={i}>
          <ConnectionStatus jobId={jobId} />
          <Watcher jobId={jobId} />
        </div>
      )),
    );
    await advance(2000);
    expect(document.querySelectorAll('.basiq-MfaForm')).toHaveLength(10);
    // The look right after the answer fails: one request, so one request-failed.
    bed.control.failNext(1, 500, { path: new RegExp(`^/jobs/${jobId}$`) });
    mfa.answer();
    await advance(15_000);
    expect(status.phase()).toBe('success');
    const submitted = MFA_SUCCESS.indexOf('mfa-submitted') + 1;
    expect(lines()).toEqual([
      ...MFA_SUCCESS.slice(0, submitted),
      'request-failed BasiqApiError 500 internal-server-error',
      ...MFA_SUCCESS.slice(submitted),
    ]);
    expectWellFormed(events, jobId);
  });

  it('should emit nothing for refetches, focus and remounts that bring no change', async () => {
    const { bed, show, lines } = setup();
    const jobId = startJob(bed.control, 'mfa-token');
    const view = show(<ConnectionStatus jobId={jobId} />);
    await advance(2000);
    const before = lines();
    expect(before.at(-1)).toBe('mfa-required token 1');
    const polls = bed.polls(jobId);

    await bed.queryClient.refetchQueries({ queryKey: basiqKeys.job(jobId) });
    await bed.queryClient.invalidateQueries({ queryKey: basiqKeys.jobs() });
    setHidden(true);
    setHidden(false);
    await advance(2000);
    view.rerender(<Watcher jobId={jobId} />);
    view.rerender(<ConnectionStatus jobId={jobId} />);
    await advance(2000);

    expect(bed.polls(jobId)).toBeGreaterThan(polls + 1);
    expect(lines()).toEqual(before);
  });

  it('should tell, in step order, every change that happened while the tab was hidden, when it is seen', async () => {
    const { bed, show, events, lines } = setup();
    const jobId = startJob(bed.control, 'success');
    show(<ConnectionStatus jobId={jobId} />);
    await advance(500);
    expect(lines()).toEqual(['job-step verify-credentials in-progress']);
    setHidden(true);
    await advance(60_000, 1000);
    expect(lines()).toHaveLength(1);

    setHidden(false);
    await advance(100);
    expect(status.phase()).toBe('success');
    expect(lines()).toEqual([
      'job-step verify-credentials in-progress',
      'job-step verify-credentials success',
      'job-step retrieve-accounts success',
      'accounts-ready',
      'job-step retrieve-transactions success',
      'job-succeeded',
    ]);
    expectWellFormed(events, jobId);
    // One look, so one moment.
    expect(new Set(events.slice(1).map((event) => event.at)).size).toBe(1);
  });

  it('should put the verdict on an MFA answer before the data steps when the tab was hidden meanwhile', async () => {
    const { bed, show, lines } = setup();
    const jobId = startJob(bed.control, 'mfa-token');
    show(<ConnectionStatus jobId={jobId} />);
    await advance(2000);
    mfa.answer();
    await advance(100);
    setHidden(true);
    await advance(60_000, 1000);
    setHidden(false);
    await advance(100);
    expect(lines().slice(4)).toEqual([
      'mfa-submitted',
      'job-step mfa-challenge success',
      'mfa-accepted',
      'job-step retrieve-accounts success',
      'accounts-ready',
      'job-step retrieve-transactions success',
      'job-succeeded',
    ]);
  });

  it('should keep the streams of several jobs apart, each in its own order', async () => {
    const { bed, show, events } = setup();
    const ok = startJob(bed.control, 'success');
    const failing = startJob(bed.control, 'service-unavailable');
    function Both() {
      const { phase } = useJobs([ok, failing]);
      return <p>{phase}</p>;
    }
    show(<Both />);
    await advance(15_000);
    const of = (jobId: string) =>
      events.filter((event) => 'jobId' in event && event.jobId === jobId).map(describeEvent);
    expect(of(ok)).toEqual(SUCCESS);
    expect(of(failing)).toEqual([
      'job-step verify-credentials in-progress',
      'job-step verify-credentials failed',
      'job-failed verify-credentials service-unavailable unavailable',
    ]);
  });
});
