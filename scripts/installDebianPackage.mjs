// Installs one of Debian's packages for the tests (chromium, redis-server) when this machine
// can: running as root, with apt-get. Says so on stdout first; returns whether it tried.
import { execSync } from 'node:child_process';

function hasAptGet() {
  try {
    execSync('command -v apt-get', { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
}

/** Installs `name` with apt-get when running as root on a machine that has it. */
export function installDebianPackage(name, why) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !hasAptGet()) return false;
  console.log(`basiq-react: ${why}; installing Debian ${name}…`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${name}`, {
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: '/bin/sh',
  });
  return true;
}
