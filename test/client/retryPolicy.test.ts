import { describe, expect, it } from 'vitest';
import { RETRY_DEFAULTS, backoffDelay, parseRetryAfter } from '../../src/client/retryPolicy';

describe('parseRetryAfter', () => {
  it('should read seconds and HTTP dates, and ignore junk', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('should grow exponentially with full jitter and stay under maxDelayMs', () => {
    const max = () => 0.999999;
    expect(backoffDelay(0, RETRY_DEFAULTS, max)).toBe(499);
    expect(backoffDelay(2, RETRY_DEFAULTS, max)).toBe(1_999);
    expect(backoffDelay(10, RETRY_DEFAULTS, max)).toBe(9_999);
    expect(backoffDelay(3, RETRY_DEFAULTS, () => 0)).toBe(0);
  });
});
