import { describe, expect, it, vi } from 'vitest';
import { memoryTokenCache, type CachedToken, type TokenCache } from '../../src/server';

const token = (name: string): CachedToken => ({
  access_token: name,
  expiresAt: Date.now() + 60_000,
});

/** The memory cache answers synchronously. */
const read = (cache: TokenCache, userId: string) => cache.get(userId) as CachedToken | undefined;

describe('memoryTokenCache', () => {
  it('should drop the least recently used user past maxEntries, not the oldest minted', () => {
    const cache = memoryTokenCache({ maxEntries: 2 });
    cache.set('a', token('a'), 60_000);
    cache.set('b', token('b'), 60_000);
    expect(read(cache, 'a')?.access_token).toBe('a'); // a is now the most recently used
    cache.set('c', token('c'), 60_000);
    expect(read(cache, 'b')).toBeUndefined();
    expect(read(cache, 'a')?.access_token).toBe('a');
    expect(read(cache, 'c')?.access_token).toBe('c');
  });

  it('should keep a user who keeps asking cached while 10,001 others ask in turn', () => {
    const cache = memoryTokenCache();
    cache.set('regular', token('regular'), 60_000);
    let hits = 0;
    for (let i = 0; i < 10_001; i++) {
      cache.set(`user-${i}`, token(`user-${i}`), 60_000);
      if (read(cache, 'regular')) hits++;
    }
    expect(hits).toBe(10_001);
  });

  it('should forget a token after its ttl, and on delete', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const cache = memoryTokenCache();
    cache.set('a', token('a'), 1_000);
    cache.set('b', token('b'), 60_000);
    vi.advanceTimersByTime(1_000);
    expect(read(cache, 'a')).toBeUndefined();
    cache.delete!('b');
    expect(read(cache, 'b')).toBeUndefined();
    vi.useRealTimers();
  });
});
