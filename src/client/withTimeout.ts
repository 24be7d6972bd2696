/**
 * Runs `run` with a signal that aborts when `timeoutMs` passes (reason: a
 * `TimeoutError` DOMException) or when `signal` aborts (its reason). We combine
 * the signals ourselves: ofetch ignores its `timeout` whenever a signal is given,
 * and `AbortSignal.any` is missing from browsers we support.
 */
export async function withTimeout<T>(
  timeoutMs: number,
  signal: AbortSignal | undefined,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? setTimeout(
          () => controller.abort(new DOMException('The request timed out', 'TimeoutError')),
          timeoutMs,
        )
      : undefined;
  try {
    return await run(controller.signal);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
