// Makes sure the browser tests have a Chromium: installs Debian's when it can,
// otherwise stops with one line saying what to install. Never skips silently.
import { execSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';

function hasAptGet() {
  try {
    execSync('command -v apt-get', { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
}

if (!findChromium()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && hasAptGet()) {
    console.log('basiq-react: no Chromium found; installing Debian chromium (about a minute)…');
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        shell: '/bin/sh',
      },
    );
  }
  if (!findChromium()) {
    console.error(
      'basiq-react: browser tests need Chromium: install it (Debian: `sudo apt-get install chromium`) or set CHROMIUM_PATH.',
    );
    process.exit(1);
  }
}
