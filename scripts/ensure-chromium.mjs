// Makes sure the browser tests have a Chromium: installs Debian's when it can,
// otherwise stops with one line saying what to install. Never skips silently.
import { findChromium } from './chromium.mjs';
import { installDebianPackage } from './installDebianPackage.mjs';

if (!findChromium()) {
  installDebianPackage('chromium', 'no Chromium found (about a minute)');
  if (!findChromium()) {
    console.error(
      'basiq-react: browser tests need Chromium: install it (Debian: `sudo apt-get install chromium`) or set CHROMIUM_PATH.',
    );
    process.exit(1);
  }
}
