// The Next.js example (examples/nextjs) built from the package as users get it: `npm pack` of
// dist/, a fresh copy of the example in a scratch folder outside this repository (so nothing
// resolves from the repository's node_modules), `npm install` of the tarball there, and
// `next build`. `node scripts/next-example.mjs` prints the build's route table;
// `startNextExample()` then serves it with `next start` against the mock Basiq, for the
// end-to-end test. Reruns reuse the install and the build while nothing they came from changed.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuilt } from './demo.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const example = path.join(root, 'examples/nextjs');
/** The scratch folder: the tarball, the app, and the stamp of what was built (one per clone). */
export const workDir = path.join(
  os.tmpdir(),
  `basiq-react-nextjs-example-${createHash('sha256').update(root).digest('hex').slice(0, 8)}`,
);
const appDir = path.join(workDir, 'app');
const SKIP = new Set(['node_modules', '.next', 'next-env.d.ts', 'package-lock.json']);

function run(command, args, { cwd, quiet = false, env = process.env } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    stdio: quiet ? 'pipe' : ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal}) in ${cwd}\n${result.stdout ?? ''}${result.stderr ?? ''}`,
    );
  }
  return `${result.stdout ?? ''}${result.stderr ?? ''}`;
}

/** Every file of the example, sorted, for the stamp. */
function exampleFiles(dir = example, prefix = '') {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !SKIP.has(entry.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) =>
      entry.isDirectory()
        ? exampleFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
        : [`${prefix}${entry.name}`],
    );
}

/** `next build`'s route table (from "Route (app)" to the legend). */
export function routeTable(output) {
  const start = output.indexOf('Route (app)');
  if (start < 0) return '';
  const end = output.indexOf('ƒ  (Dynamic)', start);
  return output.slice(start, end < 0 ? undefined : output.indexOf('\n', end)).trimEnd();
}

/**
 * Packs the kit, installs the tarball into a fresh copy of examples/nextjs and runs `next build`
 * there; skipped when the tarball and the example are what the last build came from.
 *
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {{ appDir: string, routes: string, reused: boolean }}
 */
export function buildNextExample({ log = (line) => console.log(line) } = {}) {
  ensureBuilt(log, true);
  mkdirSync(workDir, { recursive: true });
  for (const name of readdirSync(workDir)) {
    if (name.endsWith('.tgz')) rmSync(path.join(workDir, name));
  }
  const packed = JSON.parse(
    run('npm', ['pack', '--json', '--pack-destination', workDir], { cwd: root, quiet: true }),
  )[0];
  const tarball = path.join(workDir, packed.filename);
  const hash = createHash('sha256');
  hash.update(readFileSync(tarball));
  for (const file of exampleFiles())
    hash.update(file).update(readFileSync(path.join(example, file)));
  const stamp = hash.digest('hex');
  const stampFile = path.join(workDir, 'stamp.json');
  const last = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')) : {};
  if (last.stamp === stamp && existsSync(path.join(appDir, '.next/BUILD_ID'))) {
    return { appDir, routes: last.routes, reused: true };
  }

  // A fresh copy of the example; an earlier install is kept only when its package.json is the same.
  const packageJson = readFileSync(path.join(example, 'package.json'), 'utf8');
  const keepInstall =
    last.packageJson === packageJson && existsSync(path.join(appDir, 'node_modules'));
  for (const name of existsSync(appDir) ? readdirSync(appDir) : []) {
    if (!(keepInstall && name === 'node_modules'))
      rmSync(path.join(appDir, name), { recursive: true, force: true });
  }
  cpSync(example, appDir, {
    recursive: true,
    filter: (source) => !SKIP.has(path.basename(source)),
  });
  // The tarball under a name of its own each time, so npm never keeps an older one.
  const named = path.join(workDir, `basiq-react-${stamp.slice(0, 12)}.tgz`);
  cpSync(tarball, named);
  log(
    `basiq-react: installing ${packed.filename} (${(packed.size / 1024).toFixed(1)} kB) into ${appDir}…`,
  );
  const started = Date.now();
  run('npm', ['install', '--no-audit', '--no-fund', named], { cwd: appDir, quiet: true });
  log(`basiq-react: installed in ${((Date.now() - started) / 1000).toFixed(1)} s; next build…`);
  const built = Date.now();
  const output = run(
    process.execPath,
    [path.join(appDir, 'node_modules/next/dist/bin/next'), 'build'],
    {
      cwd: appDir,
      quiet: true,
      // The build has none of the deployment's settings: the app must build without them.
      env: { BASIQ_API_KEY: '', BASIQ_BASE_URL: '', BASIQ_CONSENT_URL: '', BASIQ_USER_ID: '' },
    },
  );
  for (const problem of [
    'Error:',
    'error TS',
    'useLayoutEffect does nothing',
    'window is not defined',
  ]) {
    if (output.includes(problem)) throw new Error(`next build printed "${problem}":\n${output}`);
  }
  const routes = routeTable(output);
  log(`basiq-react: next build in ${((Date.now() - built) / 1000).toFixed(1)} s\n${routes}`);
  writeFileSync(stampFile, JSON.stringify({ stamp, routes, packageJson }));
  return { appDir, routes, reused: false };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Serves the built example with `next start` on 127.0.0.1 against the mock Basiq, which the
 * example's own `scripts/mock-basiq.mjs` starts (from the installed basiq-react/testing).
 *
 * @param {{ stepMs?: number }} [options]
 */
export async function startNextExample({ stepMs = 1500 } = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { startMock, EXAMPLE_USER } = await import(
    pathToFileURL(path.join(appDir, 'scripts/mock-basiq.mjs')).href
  );
  const { mock, env } = await startMock({ appUrl: `${url}/`, stepMs });
  const output = [];
  const next = spawn(
    process.execPath,
    [
      path.join(appDir, 'node_modules/next/dist/bin/next'),
      'start',
      '-H',
      '127.0.0.1',
      '-p',
      String(port),
    ],
    {
      cwd: appDir,
      env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  next.stdout.on('data', (chunk) => output.push(String(chunk)));
  next.stderr.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise((resolve) => next.once('exit', resolve));
  const close = async () => {
    next.kill('SIGTERM');
    await exited;
    await mock.close();
  };
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (next.exitCode !== null) throw new Error(`next start exited:\n${output.join('')}`);
      const ready = await fetch(url, { redirect: 'manual' }).then(
        (response) => response.status < 500,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`next start did not answer:\n${output.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { url, mock, user: EXAMPLE_USER, output, close };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { reused, routes } = buildNextExample();
  if (reused) console.log(`basiq-react: the Next.js example is up to date\n${routes}`);
  if (process.argv.includes('--start')) {
    const app = await startNextExample();
    console.log(`\n  basiq-react Next.js example: open ${app.url}  (Ctrl-C stops it)\n`);
    const stop = () => app.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
}
