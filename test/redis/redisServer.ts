// A throwaway redis-server for the Redis tests: on a free loopback port, no persistence, the
// test's own child process (never a system service), stopped by the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { findRedisServer } from '../../scripts/redis.mjs';

/** A loopback port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestRedisServer {
  port: number;
  /** `redis://127.0.0.1:<port>` */
  url: string;
  /** Starts it again on the same port, empty (after {@link TestRedisServer.stop}). */
  start(): Promise<void>;
  /**
   * Stops it (SIGTERM, then SIGKILL after 5 s; with `crash`, SIGKILL at once, as if it died
   * with commands in flight); safe to call when it is not running.
   */
  stop(options?: { crash?: boolean }): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open, nothing answers. */
  pause(): void;
  /** Lets a frozen server go on (SIGCONT). */
  resume(): void;
}

/** Every server still running, killed if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Runs `redis-server` on `port` until it says it accepts connections. */
function launch(binary: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start on port ${port} in 10 s:\n${output}`));
    }, 10_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready to accept connections/.test(output)) {
        clearTimeout(timer);
        child.stdout!.off('data', read);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code ?? signal}) on port ${port}:\n${output}`));
    });
  });
}

/** Starts a redis-server on a free loopback port (or `port`). */
export async function startRedisServer(port?: number): Promise<TestRedisServer> {
  const binary = findRedisServer();
  if (!binary) throw new Error('no redis-server: run `node scripts/ensure-redis.mjs`');
  const at = port ?? (await freePort());
  let child: ChildProcess | undefined = await launch(binary, at);
  return {
    port: at,
    url: `redis://127.0.0.1:${at}`,
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) return;
      child = await launch(binary, at);
    },
    async stop({ crash = false } = {}) {
      const stopping = child;
      child = undefined;
      if (!stopping || stopping.exitCode !== null || stopping.signalCode !== null) return;
      if (crash) stopping.kill('SIGKILL');
      stopping.kill('SIGCONT');
      stopping.kill('SIGTERM');
      const killer = setTimeout(() => stopping.kill('SIGKILL'), 5_000);
      await exited(stopping);
      clearTimeout(killer);
    },
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
  };
}
