// A connection in progress survives a reload: the demo (production build, strict CSP) in
// Chromium connects a bank with the `mfa-token` scenario, is reloaded while the bank verifies
// the credentials and again while the MFA form waits, and finishes. The demo is the README's
// quick start: `useConsentRedirect({ clean: true })` and `ConnectionStatus`, no code for reloads.
// At every point the tab's storage holds ids only, never a token.
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { startDemo, type RunningDemo } from '../../scripts/demo.mjs';
import { JWT_PATTERN, watchPage } from './support/watchPage';

// Each mock step takes this long: time to reload while the credentials are being verified.
const STEP_MS = 5_000;

let demo: RunningDemo | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  [demo, browser] = await Promise.all([
    startDemo({ mode: 'preview', port: 0, quiet: true, log: () => {}, stepMs: STEP_MS }),
    chromium.launch({ executablePath: findChromium(), args: chromiumArgs }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

interface Storages {
  session: Record<string, string>;
  local: Record<string, string>;
}

/** Everything in the tab's sessionStorage and localStorage. */
const storages = (page: Page): Promise<Storages> =>
  page.evaluate(() => ({ session: { ...sessionStorage }, local: { ...localStorage } }));

/**
 * The tab keeps ids only: the states it issued and the jobs it follows (with their deadline).
 * No token, nothing in localStorage. Returns the followed job ids.
 */
async function keptJobIds(page: Page): Promise<string[]> {
  const { session, local } = await storages(page);
  expect(local).toEqual({});
  expect(JSON.stringify(session)).not.toMatch(JWT_PATTERN);
  for (const key of Object.keys(session)) {
    expect(['basiq-react:consent-states', 'basiq-react:connections-in-progress']).toContain(key);
  }
  for (const state of JSON.parse(session['basiq-react:consent-states'] ?? '[]') as unknown[]) {
    expect(state).toMatch(/^[0-9a-f]{32}$/);
  }
  const kept = session['basiq-react:connections-in-progress'];
  if (kept === undefined) return [];
  const { jobs, returns } = JSON.parse(kept) as {
    jobs: Array<{ id: string; until: number }>;
    returns: string[];
  };
  expect(Object.keys(JSON.parse(kept)).sort()).toEqual(['jobs', 'returns']);
  expect(returns).toEqual([expect.stringMatching(/^[0-9a-f]{32}:[\w-]+$/)]);
  for (const job of jobs) {
    expect(Object.keys(job).sort()).toEqual(['id', 'until']);
    expect(job.id).toMatch(/^[\w-]+$/);
    // At most the provider's maxPollMs (15 minutes) from the return.
    expect(job.until - Date.now()).toBeLessThanOrEqual(15 * 60_000);
  }
  return jobs.map((job) => job.id);
}

it('should resume a connection after a reload during verification and again at the MFA form, then finish', async () => {
  const page = await browser!.newPage({ viewport: { width: 960, height: 900 } });
  const seen = await watchPage(page, { tokenPath: '/api/basiq/token' });
  const app = new URL(demo!.url);
  const status = page.locator('.basiq-ConnectionStatus');
  const code = page.locator('.basiq-MfaForm input');

  await page.goto(demo!.url);
  await page.locator('.basiq-ConnectButton[data-state="ready"]').waitFor();
  expect(await keptJobIds(page)).toEqual([]);
  await page.getByRole('button', { name: 'Connect your bank' }).click();
  await page.waitForURL((url) => url.pathname === '/consent/home');
  await page.getByRole('checkbox').first().check();
  await page.getByLabel('Scenario').selectOption('mfa-token');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();

  // Back with the job; the bank is verifying the credentials.
  await page.waitForURL((url) => url.origin === app.origin);
  const verifying = status.locator('.basiq-ConnectionStatus-step').first();
  await verifying.and(page.locator('[data-status="in-progress"]')).waitFor();
  const landing = seen.requests.find(
    (request) => request.resourceType === 'document' && request.url.includes('jobIds='),
  );
  const jobId = new URL(landing!.url).searchParams.get('jobIds')!;
  expect(jobId).toMatch(/^[\w-]+$/);
  expect(new URL(page.url()).search).toBe('');
  expect(await keptJobIds(page)).toEqual([jobId]);

  // Reload 1, during verification: the status comes back and carries on to the MFA form.
  await page.reload();
  await status.waitFor();
  expect(new URL(page.url()).search).toBe('');
  expect(await keptJobIds(page)).toEqual([jobId]);
  await code.waitFor({ timeout: 3 * STEP_MS });

  // Reload 2, while the MFA form waits: it comes back with the form.
  await page.reload();
  await status.waitFor();
  await code.waitFor();
  expect(await status.getAttribute('data-phase')).toBe('mfa-required');
  expect(await keptJobIds(page)).toEqual([jobId]);

  await code.fill('123456');
  await page.locator('.basiq-MfaForm-submit').click();
  await page
    .locator('.basiq-ConnectionStatus[data-phase="success"]')
    .waitFor({ timeout: 6 * STEP_MS });
  const consent = page.locator('.basiq-ConsentList-item[data-status="active"]');
  await consent.waitFor({ timeout: 15_000 });

  // The job ended: the tab follows it no more, and a reload resumes nothing.
  expect(await keptJobIds(page)).toEqual([]);
  await page.reload();
  await consent.waitFor();
  await page.locator('.basiq-ConnectButton[data-state="ready"]').waitFor();
  expect(await status.count()).toBe(0);
  expect(await keptJobIds(page)).toEqual([]);

  await seen.settled();
  await page.close();
  expect(seen.violations).toEqual([]);
  expect(seen.pageErrors).toEqual([]);
  expect(seen.console).toEqual([]);
  // Only the app's own token endpoint minted tokens, all CLIENT_ACCESS for the demo user.
  expect(
    seen.tokens.filter((token) => token.scope !== 'CLIENT_ACCESS' || token.userid !== 'demo-user'),
  ).toEqual([]);
}, 120_000);
