/**
 * This tab's `sessionStorage`, or undefined where there is none (server rendering) or reading it
 * throws (Safari private mode, storage disabled): callers then keep nothing, which is safe.
 */
export function tabStorage(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}
