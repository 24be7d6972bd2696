// In Chromium the theme is really loaded (test/setup/styles.ts), as an app loads it; switching
// its stylesheets off shows what an app that forgot `import 'basiq-react/styles.css'` sees.
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { ConnectionStatus } from '../../src/components/ConnectionStatus';
import { STYLES_CHECK_DELAY_MS } from '../../src/hooks/useStylesCheck';
import { resetWarnings } from '../../src/internal/warnOnce';
import { createBrowserTestbed, USER } from '../support/browserTestbed';

let warn: MockInstance<typeof console.warn>;
const warnings = () =>
  warn.mock.calls.map(([text]) => String(text)).filter((text) => text.startsWith('basiq-react:'));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The page's stylesheets that set the theme's marker. */
const themeSheets = () =>
  [...document.styleSheets].filter((sheet) =>
    [...sheet.cssRules].some((rule) => rule.cssText.includes('--basiq-styles')),
  );

beforeEach(() => {
  resetWarnings();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  for (const sheet of themeSheets()) sheet.disabled = false;
});

describe('useStylesCheck', () => {
  it('should not warn when basiq-react/styles.css is loaded', async () => {
    expect(themeSheets()).toHaveLength(1);
    const bed = createBrowserTestbed();
    const { jobId } = bed.control.createJob({ userId: USER });
    const view = bed.render(<ConnectionStatus jobId={jobId} />);
    await sleep(STYLES_CHECK_DELAY_MS + 300);
    expect(getComputedStyle(view.container.firstElementChild!).fontFamily).toContain('system-ui');
    expect(warnings()).toEqual([]);
  });

  it('should warn once, naming the import, when the stylesheet is not loaded', async () => {
    for (const sheet of themeSheets()) sheet.disabled = true;
    const bed = createBrowserTestbed();
    const { jobId } = bed.control.createJob({ userId: USER });
    bed.render(<ConnectionStatus jobId={jobId} />);
    bed.render(<ConnectionStatus jobIds={[]} />);
    await vi.waitFor(() => expect(warnings()).toHaveLength(1), {
      timeout: STYLES_CHECK_DELAY_MS * 3,
    });
    await sleep(300);
    expect(warnings()).toEqual([
      expect.stringContaining(
        "basiq-react/styles.css is not loaded (--basiq-styles is not set on :root), so it shows unstyled. Add import 'basiq-react/styles.css' once",
      ),
    ]);
  });
});
