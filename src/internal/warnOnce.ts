// Development warnings: one `console.warn` per kind of misuse, never in production builds
// (bundlers replace `process.env.NODE_ENV` and drop the dead branch, and its text with it).
const warned = new Set<string>();

/**
 * Warns once per `kind` per page load. Call it inside
 * `if (process.env.NODE_ENV !== 'production') { … }` at the call site, so the bundler removes
 * the message text itself from production builds.
 */
export function warnOnce(kind: string, message: string): void {
  if (warned.has(kind)) return;
  warned.add(kind);
  console.warn(`basiq-react: ${message}`);
}

/** For tests: forget which kinds were warned. */
export function resetWarnings(): void {
  warned.clear();
}
