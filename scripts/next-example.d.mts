import type { startMockBasiqServer } from '../src/testing/index.js';

/** The scratch folder of the Next.js example's build. */
export const workDir: string;

/** `next build`'s route table, cut from its output. */
export function routeTable(output: string): string;

/** Packs the kit, installs it into a fresh copy of examples/nextjs and builds it (or reuses the last build). */
export function buildNextExample(options?: { log?: (line: string) => void }): {
  appDir: string;
  routes: string;
  reused: boolean;
};

/** A running `next start` of the example, against the mock Basiq. */
export interface RunningNextExample {
  /** The app, e.g. `http://127.0.0.1:41234`. */
  url: string;
  mock: Awaited<ReturnType<typeof startMockBasiqServer>>;
  /** The Basiq user everyone who signs in becomes. */
  user: { id: string; mobile: string };
  /** What `next start` printed so far. */
  output: string[];
  close(): Promise<void>;
}

/** Serves the built example with `next start` against the mock Basiq started by the example's script. */
export function startNextExample(options?: { stepMs?: number }): Promise<RunningNextExample>;
