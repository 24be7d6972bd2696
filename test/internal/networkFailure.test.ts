import { FetchError, ofetch } from 'ofetch';
import { describe, expect, it } from 'vitest';
import { networkFailure, safeCause } from '../../src/internal/networkFailure';

/** A real ofetch FetchError: the request failed with `failure`, sent with a bearer token. */
async function fetchError(failure: Error): Promise<FetchError> {
  const failing = ofetch.create({}, { fetch: async () => Promise.reject(failure) });
  const headers = { Authorization: 'Bearer secret-token' };
  const error = await failing('https://basiq.test/jobs', { headers, retry: false }).catch(
    (e: unknown) => e,
  );
  if (!(error instanceof FetchError)) throw new Error('expected a FetchError');
  return error;
}

const timeoutError = () => new DOMException('Timed out', 'TimeoutError');

describe('networkFailure', () => {
  it("should say 'aborted' when the caller's signal aborted, whatever the error", async () => {
    const caller = new AbortController();
    caller.abort();
    expect(networkFailure(timeoutError(), caller.signal)).toBe('aborted');
    expect(networkFailure(await fetchError(new TypeError('x')), caller.signal)).toBe('aborted');
  });

  it("should say 'timeout' for a TimeoutError, bare or as a FetchError's cause", async () => {
    const live = new AbortController().signal;
    expect(networkFailure(timeoutError())).toBe('timeout');
    expect(networkFailure(timeoutError(), live)).toBe('timeout');
    expect(networkFailure(await fetchError(timeoutError()))).toBe('timeout');
  });

  it("should say 'network' for anything else", async () => {
    expect(networkFailure(await fetchError(new TypeError('fetch failed')))).toBe('network');
    expect(networkFailure(new TypeError('fetch failed'))).toBe('network');
    expect(networkFailure(new DOMException('Aborted', 'AbortError'))).toBe('network');
    for (const junk of [undefined, null, 'TimeoutError', { message: 'x' }]) {
      expect(networkFailure(junk)).toBe('network');
    }
  });
});

describe('safeCause', () => {
  it("should keep only the name and message of a FetchError's cause", async () => {
    const error = await fetchError(new TypeError('fetch failed'));
    // The FetchError itself does carry the token: that is what must not leak.
    expect(new Headers(error.options?.headers).get('authorization')).toBe('Bearer secret-token');
    const cause = safeCause(error);
    expect(cause).toBeInstanceOf(Error);
    expect(cause).not.toBeInstanceOf(FetchError);
    expect(cause).not.toBe(error.cause);
    expect(cause.name).toBe('TypeError');
    expect(cause.message).toBe('fetch failed');
    expect(cause.cause).toBeUndefined();
    for (const key of ['options', 'headers', 'request', 'response', 'data']) {
      expect(key in cause, key).toBe(false);
    }
    const own = Object.getOwnPropertyNames(cause);
    const seen = [JSON.stringify(cause), cause.message, cause.name, ...own].concat(
      own.map((key) => String((cause as unknown as Record<string, unknown>)[key])),
    );
    for (const text of seen) {
      expect(text.toLowerCase()).not.toContain('secret-token');
      expect(text.toLowerCase()).not.toContain('authorization');
    }
  });

  it('should copy the name and message of a plain error into a new Error', () => {
    const original = new RangeError('too far');
    const cause = safeCause(original);
    expect(cause).not.toBe(original);
    expect(cause).toBeInstanceOf(Error);
    expect([cause.name, cause.message]).toEqual(['RangeError', 'too far']);
  });

  it('should make an Error of a value that is not one', () => {
    expect([safeCause('offline').name, safeCause('offline').message]).toEqual(['Error', 'offline']);
    expect(safeCause(undefined).message).toBe('unknown');
    expect(safeCause(null).message).toBe('unknown');
  });
});
