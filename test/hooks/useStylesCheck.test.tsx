// jsdom loads no stylesheet a bundler imports, so the check stays silent there; these tests
// present jsdom as Chrome to run it, and add the theme as a <style> element where it is loaded.
import { render } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { AuthLinkPanel } from '../../src/components/AuthLinkPanel';
import { ConnectButton } from '../../src/components/ConnectButton';
import { ConnectionStatus } from '../../src/components/ConnectionStatus';
import { ConsentList } from '../../src/components/ConsentList';
import { MfaForm } from '../../src/components/MfaForm';
import { STYLES_CHECK_DELAY_MS } from '../../src/hooks/useStylesCheck';
import { resetWarnings } from '../../src/internal/warnOnce';
import { advance, createTestbed, USER } from '../support/basiqTestbed';
import { setupMswServer } from '../support/server';

const server = setupMswServer();

// Vitest hands jsdom no CSS (a `?raw` import is empty too): read the theme off the disk.
const theme = readFileSync('src/styles.css', 'utf8');

const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

let warn: MockInstance<typeof console.warn>;
const warnings = () =>
  warn.mock.calls.map(([text]) => String(text)).filter((text) => text.startsWith('basiq-react:'));

function addStyle(css: string) {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
}

/** Renders `ui` (given a job waiting for MFA) under a provider on the mock Basiq. */
function start(ui: (jobId: string) => ReactElement, userAgent: string | null = CHROME) {
  if (userAgent) vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(userAgent);
  vi.useFakeTimers();
  const bed = createTestbed(server);
  const { jobId } = bed.control.createJob({ userId: USER, scenario: 'mfa-token' });
  return render(ui(jobId), { wrapper: bed.wrapper });
}

const status = () => <ConnectionStatus jobIds={[]} />;

beforeEach(() => {
  resetWarnings();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  document.head.querySelectorAll('style').forEach((style) => style.remove());
});

describe('useStylesCheck', () => {
  it.each<[string, (jobId: string) => ReactElement]>([
    ['ConnectButton', () => <ConnectButton />],
    ['ConnectionStatus', (jobId) => <ConnectionStatus jobId={jobId} />],
    ['MfaForm', (jobId) => <MfaForm jobId={jobId} />],
    ['ConsentList', () => <ConsentList userId={USER} />],
    ['AuthLinkPanel', () => <AuthLinkPanel userId={USER} />],
  ])(
    'should warn once, a second after %s mounts, when styles.css is not loaded',
    async (_name, ui) => {
      start(ui);
      await advance(STYLES_CHECK_DELAY_MS - 1);
      expect(warnings()).toEqual([]);
      await advance(1);
      expect(warnings()).toEqual([
        "basiq-react: a component rendered, but basiq-react/styles.css is not loaded (--basiq-styles is not set on :root), so it shows unstyled. Add import 'basiq-react/styles.css' once, where your app starts. If you style the components with your own CSS instead, add --basiq-styles: 1 to your :root rule to say so.",
      ]);
    },
  );

  it('should not warn when styles.css is loaded', async () => {
    addStyle(theme);
    start(status);
    await advance(STYLES_CHECK_DELAY_MS * 2);
    expect(warnings()).toEqual([]);
  });

  it('should not warn when the app sets the marker in its own CSS instead', async () => {
    addStyle(':root { --basiq-styles: 1; } .basiq-ConnectButton-button { color: teal; }');
    start(() => <ConnectButton />);
    await advance(STYLES_CHECK_DELAY_MS * 2);
    expect(warnings()).toEqual([]);
  });

  it('should not warn when the component is gone before the check', async () => {
    start(status).unmount();
    await advance(STYLES_CHECK_DELAY_MS * 2);
    expect(warnings()).toEqual([]);
  });

  it.each([
    ['jsdom', null],
    [
      'happy-dom',
      'Mozilla/5.0 (X11; Linux x64) AppleWebKit/537.36 (KHTML, like Gecko) HappyDOM/20.0.0',
    ],
  ])('should not check in %s, which loads no stylesheets', async (_name, userAgent) => {
    start(status, userAgent);
    await advance(STYLES_CHECK_DELAY_MS * 2);
    expect(warnings()).toEqual([]);
  });
});
