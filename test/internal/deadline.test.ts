import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deadline } from '../../src/internal/deadline';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('deadline', () => {
  it('should abort with a TimeoutError after ms, not before', () => {
    const { signal } = deadline(1_000);
    vi.advanceTimersByTime(999);
    expect(signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(DOMException);
    expect(signal.reason.name).toBe('TimeoutError');
  });

  it("should abort with the caller's reason when the caller aborts", () => {
    const caller = new AbortController();
    const { signal } = deadline(1_000, caller.signal);
    const reason = new Error('user left');
    caller.abort(reason);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
    vi.advanceTimersByTime(1_000);
    expect(signal.reason).toBe(reason);
  });

  it("should start aborted, with the caller's reason, when the caller already aborted", () => {
    const caller = new AbortController();
    caller.abort('gone');
    const { signal } = deadline(1_000, caller.signal);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('gone');
  });

  it('should never time out once cleared', () => {
    const { signal, clear } = deadline(1_000);
    clear();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5_000);
    expect(signal.aborted).toBe(false);
  });

  it("should stop following the caller's signal once cleared", () => {
    const caller = new AbortController();
    const { signal, clear } = deadline(1_000, caller.signal);
    clear();
    caller.abort(new Error('late'));
    expect(signal.aborted).toBe(false);
  });
});
