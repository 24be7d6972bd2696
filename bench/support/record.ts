// Hands a measurement to scripts/bench.mjs: one JSON file per measurement in the directory it
// names in BENCH_OUT_DIR (the measurement files run in parallel, so they cannot share one file).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function record(name: string, value: unknown) {
  const dir = process.env.BENCH_OUT_DIR;
  if (dir) writeFileSync(join(dir, `${name}.json`), JSON.stringify(value));
  // Run by hand (`npx vitest run --config vitest.bench.config.ts`): show it instead.
  else console.warn(name, value);
}
