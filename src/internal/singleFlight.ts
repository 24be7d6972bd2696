/**
 * Shares one promise per key while it runs: a call for a key already in flight gets the same
 * promise instead of starting the work again (one token fetch for 50 hooks, one mint per user,
 * one MFA answer however often it is submitted). The key is free again once it settles.
 */
export function singleFlight<K, V>(): (key: K, run: () => Promise<V>) => Promise<V> {
  const inflight = new Map<K, Promise<V>>();
  return (key, run) => {
    let pending = inflight.get(key);
    if (!pending) {
      pending = run().finally(() => inflight.delete(key));
      inflight.set(key, pending);
    }
    return pending;
  };
}
