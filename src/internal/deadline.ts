/**
 * One signal for one try of a request: it aborts when the caller's `signal` does, or after
 * `ms` with a `TimeoutError` (so the two can be told apart). ofetch's own `timeout` is ignored
 * when a signal is given, hence this. Not `AbortSignal.timeout`: tests move time with fake
 * timers, which only `setTimeout` follows. Call `clear()` once the try is over.
 */
export function deadline(ms: number, signal?: AbortSignal) {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('Timed out', 'TimeoutError')),
    ms,
  );
  // AbortSignal.any is missing from browsers the kit supports (Safari < 17.4): follow by hand.
  const follow = () => controller.abort(signal?.reason);
  if (signal?.aborted) follow();
  else signal?.addEventListener('abort', follow);
  const clear = () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', follow);
  };
  return { signal: controller.signal, clear };
}
