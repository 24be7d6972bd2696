// Makes sure the Redis tests have a redis-server: installs Debian's when it can, otherwise
// stops with one line saying what to install. Never skips silently, and starts no service:
// the tests run `redis-server --port <free port> …` themselves and stop it afterwards.
import { installDebianPackage } from './installDebianPackage.mjs';
import { findRedisServer } from './redis.mjs';

if (!findRedisServer()) {
  if (!process.env.REDIS_SERVER_PATH) installDebianPackage('redis-server', 'no redis-server found');
  if (!findRedisServer()) {
    console.error(
      process.env.REDIS_SERVER_PATH
        ? `basiq-react: REDIS_SERVER_PATH is ${process.env.REDIS_SERVER_PATH}, which does not exist: point it at a redis-server or unset it.`
        : 'basiq-react: the Redis tests need redis-server: install it (Debian: `sudo apt-get install redis-server`) or set REDIS_SERVER_PATH.',
    );
    process.exit(1);
  }
}
