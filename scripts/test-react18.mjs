// Runs the jsdom and browser test projects against React 18.3 (`vitest.react18.config.ts`).
// The peer range promises React 18, but the lockfile holds React 19 for every other script, so
// React 18 goes into a throwaway folder of its own, outside package.json and package-lock.json.
// Arguments are passed to Vitest (`node scripts/test-react18.mjs test/hooks`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// vitest.react18.config.ts reads React from the same folder.
const folder = fileURLToPath(new URL('../node_modules/.cache/basiq-react18/', import.meta.url));
// Exact versions: the run asserts them (test/setup/react18.ts).
const wanted = { react: '18.3.1', 'react-dom': '18.3.1' };

const installedVersion = (name) => {
  const manifest = `${folder}node_modules/${name}/package.json`;
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : undefined;
};

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (Object.entries(wanted).some(([name, version]) => installedVersion(name) !== version)) {
  const started = performance.now();
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    `${folder}package.json`,
    JSON.stringify({ name: 'basiq-react18', private: true, dependencies: wanted }, null, 2) + '\n',
  );
  const install = spawnSync(
    npm,
    ['install', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts'],
    { cwd: folder, stdio: 'inherit', shell: process.platform === 'win32' },
  );
  if (install.status !== 0) {
    console.error(`basiq-react: installing React ${wanted.react} into ${folder} failed.`);
    process.exit(install.status ?? 1);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`basiq-react: installed React ${wanted.react} into ${folder} in ${seconds} s`);
}

// The browser project needs Chromium, found or installed as for `npm run test:unit`.
await import('./ensure-chromium.mjs');

const vitest = spawnSync(
  process.execPath,
  [
    fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url)),
    'run',
    '--config',
    'vitest.react18.config.ts',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exit(vitest.status ?? 1);
