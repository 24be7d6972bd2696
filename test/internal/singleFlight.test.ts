import { describe, expect, it, vi } from 'vitest';
import { singleFlight } from '../../src/internal/singleFlight';

/** A promise with its resolve/reject handles. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('singleFlight', () => {
  it('should run once and share the promise while a key is in flight', async () => {
    const flight = singleFlight<string, number>();
    const work = deferred<number>();
    const run = vi.fn(() => work.promise);
    const first = flight('token', run);
    const second = flight('token', run);
    expect(second).toBe(first);
    expect(run).toHaveBeenCalledTimes(1);
    work.resolve(7);
    await expect(Promise.all([first, second])).resolves.toEqual([7, 7]);
  });

  it('should run different keys independently', async () => {
    const flight = singleFlight<string, string>();
    const run = vi.fn(async () => 'x');
    const a = flight('user-a', run);
    const b = flight('user-b', run);
    expect(b).not.toBe(a);
    expect(run).toHaveBeenCalledTimes(2);
    await Promise.all([a, b]);
  });

  it('should free the key once the work has resolved', async () => {
    const flight = singleFlight<string, number>();
    let calls = 0;
    const run = async () => ++calls;
    await expect(flight('k', run)).resolves.toBe(1);
    await expect(flight('k', run)).resolves.toBe(2);
  });

  it('should reject every caller and free the key after a rejection', async () => {
    const flight = singleFlight<string, string>();
    const work = deferred<string>();
    const first = flight('k', () => work.promise);
    const second = flight('k', () => Promise.resolve('not run'));
    work.reject(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    await expect(second).rejects.toThrow('boom');
    const retry = vi.fn(async () => 'ok');
    await expect(flight('k', retry)).resolves.toBe('ok');
    expect(retry).toHaveBeenCalledTimes(1);
  });
});
