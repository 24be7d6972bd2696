// Finds the redis-server that the Redis tests start (on a free port, as the test's own child
// process). No system service is used or started.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The path of a redis-server executable on this machine, or undefined. */
export function findRedisServer() {
  const fromEnv = process.env.REDIS_SERVER_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  try {
    const onPath = execFileSync('/bin/sh', ['-c', 'command -v redis-server'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (onPath && existsSync(onPath)) return onPath;
  } catch {
    // Not on PATH: try Debian's place.
  }
  return existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined;
}
