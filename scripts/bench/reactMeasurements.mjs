// The measurements that render React (bench/*.measure.tsx) need jsdom, fake timers and the
// mock Basiq on MSW, so they run under Vitest; each leaves a JSON fragment of the result in a
// temporary directory, merged here.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quietly } from './quietly.mjs';

const VITEST = ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.bench.config.ts'];

/** `{ polling, tokenRequestsWith50Hooks, rendersOver20IdenticalPolls, identicalPolls, accountsReady }`. */
export async function reactMeasurements() {
  const dir = await mkdtemp(join(tmpdir(), 'basiq-bench-'));
  try {
    await quietly(process.execPath, VITEST, { BENCH_OUT_DIR: dir });
    const files = await readdir(dir);
    const parts = await Promise.all(
      files.map(async (file) => JSON.parse(await readFile(join(dir, file), 'utf8'))),
    );
    return Object.assign({}, ...parts);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
