import { describe, expect, it, vi } from 'vitest';
import type { BasiqFlowEvent } from '../../src';
import { createEventHub } from '../../src/client/createEventHub';

describe('createEventHub', () => {
  it('should stamp each event with the time and give it to every listener, in order', () => {
    let now = 100;
    const hub = createEventHub(() => now++);
    const heard: string[] = [];
    hub.subscribe((event) => heard.push(`a ${event.type} ${event.at}`));
    hub.subscribe((event) => heard.push(`b ${event.type} ${event.at}`));
    hub.emit({ type: 'job-succeeded', jobId: 'j' });
    hub.emit({ type: 'auth-link-deleted', userId: 'u' });
    expect(heard).toEqual([
      'a job-succeeded 100',
      'b job-succeeded 100',
      'a auth-link-deleted 101',
      'b auth-link-deleted 101',
    ]);
  });

  it('should stop giving events to a listener once it unsubscribed', () => {
    const hub = createEventHub();
    const heard: BasiqFlowEvent[] = [];
    const stop = hub.subscribe((event) => heard.push(event));
    hub.emit({ type: 'job-succeeded', jobId: 'j' });
    stop();
    hub.emit({ type: 'job-succeeded', jobId: 'k' });
    expect(heard).toMatchObject([{ jobId: 'j' }]);
  });

  it('should go on to the other listeners when one throws, and report it on the console', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const hub = createEventHub();
    const heard: string[] = [];
    hub.subscribe(() => {
      throw new Error('app bug');
    });
    hub.subscribe((event) => heard.push(event.type));
    hub.emit({ type: 'mfa-submitted', jobId: 'j' });
    expect(heard).toEqual(['mfa-submitted']);
    expect(error).toHaveBeenCalledOnce();
  });
});
