// Finds the Chromium that the browser tests run in. Playwright's own browser
// download cannot work on machines without internet, so we use the system one.
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The path of a Chromium executable on this machine, or undefined. */
export function findChromium() {
  return candidates.find((path) => path && existsSync(path));
}

/** Launch flags that keep Chromium quiet and working on a closed network, as root. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
