// Makes sure the Redis tests have a redis-server: installs Debian's when it can, otherwise
// stops with one line saying what to install. Never skips silently, and starts no service:
// the tests run `redis-server --port <free port> …` themselves and stop it afterwards.
import { execSync } from 'node:child_process';
import { findRedisServer } from './redis.mjs';

function hasAptGet() {
  try {
    execSync('command -v apt-get', { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
}

if (!findRedisServer()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && hasAptGet() && !process.env.REDIS_SERVER_PATH) {
    console.log('basiq-react: no redis-server found; installing Debian redis-server…');
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server',
      { stdio: ['ignore', 'ignore', 'inherit'], shell: '/bin/sh' },
    );
  }
  if (!findRedisServer()) {
    console.error(
      process.env.REDIS_SERVER_PATH
        ? `basiq-react: REDIS_SERVER_PATH is ${process.env.REDIS_SERVER_PATH}, which does not exist: point it at a redis-server or unset it.`
        : 'basiq-react: the Redis tests need redis-server: install it (Debian: `sudo apt-get install redis-server`) or set REDIS_SERVER_PATH.',
    );
    process.exit(1);
  }
}
