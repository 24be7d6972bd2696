import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useJob } from '../../src';
import { createBrowserTestbed, expectNoAxeViolations, USER } from '../support/browserTestbed';

describe('useJob (in Chromium)', () => {
  it('should follow a job to success through the mock, with an accessible result', async () => {
    vi.useFakeTimers();
    const bed = createBrowserTestbed();
    const { jobId } = bed.control.createJob({ userId: USER, stepMs: 100 });
    function Show() {
      const { phase } = useJob(jobId);
      return <button type="button">{phase ?? 'loading'}</button>;
    }
    bed.render(<Show />);
    await vi.advanceTimersByTimeAsync(5000);
    expect(screen.getByRole('button').textContent).toBe('success');
    vi.useRealTimers();
    await expectNoAxeViolations();
  });
});
