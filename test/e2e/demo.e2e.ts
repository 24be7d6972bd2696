// The demo app end to end, as a user clicks through it: real HTTP on loopback (mock Basiq,
// the app's token endpoint, the demo's production build), real Chromium. The app is served
// under a strict Content-Security-Policy (no inline scripts or styles) and the page must run
// without a single violation, uncaught error or console message. Every request the page sends
// is inspected: any token it carries (Authorization header, `token` query or form field) or
// receives from the token endpoint must be the demo user's CLIENT_ACCESS token, and no
// `Referer` may carry one.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { startDemo, type RunningDemo } from '../../scripts/demo.mjs';
import { JWT_PATTERN, probeInlineStyle, watchPage } from './support/watchPage';

let demo: RunningDemo | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  [demo, browser] = await Promise.all([
    // Builds dist/ first if it is missing or stale, then the demo itself.
    startDemo({ mode: 'preview', port: 0, quiet: true, log: () => {} }),
    chromium.launch({ executablePath: findChromium(), args: chromiumArgs }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

it('should connect a bank through MFA, list and revoke the consent, with CLIENT_ACCESS tokens only, under a strict CSP', async () => {
  const page = await browser!.newPage({
    viewport: { width: 960, height: 900 },
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  const seen = await watchPage(page, { tokenPath: '/api/basiq/token' });
  const app = new URL(demo!.url);

  await page.goto(demo!.url);
  await page.getByRole('heading', { name: 'basiq-react demo' }).waitFor();
  const consents = page.locator('.basiq-ConsentList');
  await consents.and(page.locator('[data-state="empty"]')).waitFor();

  // Connect → the (stand-in) consent page.
  await page.locator('.basiq-ConnectButton[data-state="ready"]').waitFor();
  await page.getByRole('button', { name: 'Connect your bank' }).click();
  await page.waitForURL((url) => url.pathname === '/consent/home');
  expect(new URL(page.url()).origin).toBe(demo!.mockUrl);
  await page.getByRole('checkbox').first().check();
  await page.getByLabel('Scenario').selectOption('mfa-token');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();

  // Back on the app with the job: ConnectionStatus, then the bank's MFA challenge.
  await page.waitForURL((url) => url.origin === app.origin);
  const status = page.locator('.basiq-ConnectionStatus');
  await status.waitFor();
  const code = page.locator('.basiq-MfaForm input');
  await code.waitFor({ timeout: 20_000 });
  await code.fill('123456');
  await page.locator('.basiq-MfaForm-submit').click();
  await page.locator('.basiq-ConnectionStatus[data-phase="success"]').waitFor({ timeout: 30_000 });

  // The new consent appears in the list (refetched when the job succeeded).
  const consent = consents.locator('.basiq-ConsentList-item[data-status="active"]');
  await consent.waitFor({ timeout: 15_000 });
  // `useConsentRedirect({ clean: true })` took jobId, jobIds and state out of the address.
  expect(new URL(page.url()).search).toBe('');

  // The finished page, for the README: taken when missing or asked for, so runs leave the tree clean.
  if (process.env.UPDATE_SCREENSHOTS || !existsSync('docs/demo.png')) {
    await mkdir('docs', { recursive: true });
    await page.locator('.demo').screenshot({ path: 'docs/demo.png' });
  }

  // Revoke it, confirming inline.
  await consent.getByRole('button', { name: /^Revoke consent/ }).click();
  await consents.getByRole('button', { name: 'Yes, revoke' }).click();
  await consents.and(page.locator('[data-state="empty"]')).waitFor();

  // Reloaded from the mock: the consent is gone there too.
  await page.reload();
  await consents.and(page.locator('[data-state="empty"]')).waitFor();

  // The policy is enforced and its violations are heard: an inline style set now is refused.
  expect(await probeInlineStyle(page, seen)).toMatchObject({ directive: 'style-src-attr' });

  await seen.settled();
  await page.close();

  // Every page of the app came with the CSP and the referrer policy: without them the checks
  // below would pass for nothing. First visit, landing from the consent page, reload.
  const appPages = seen.documents.filter((answer) => answer.url.startsWith(app.origin));
  expect(appPages.map((answer) => answer.status)).toEqual([200, 200, 200]);
  for (const answer of appPages) {
    expect(answer.contentSecurityPolicy).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; " +
        `connect-src 'self' ${demo!.mockUrl}; form-action 'self'; frame-ancestors 'none'; ` +
        "base-uri 'none'; object-src 'none'",
    );
    expect(answer.referrerPolicy).toBe('no-referrer');
  }
  // Nothing the page did broke the policy, threw, or complained on the console (the consent
  // page on the mock's origin, under its own policy, included).
  expect(seen.violations).toEqual([]);
  expect(seen.pageErrors).toEqual([]);
  expect(seen.console).toEqual([]);

  // The consent page came back with the job's ids (before the page cleaned the address).
  const landing = seen.requests.find(
    (request) => request.resourceType === 'document' && request.url.includes('jobIds='),
  );
  expect(landing?.url.startsWith(app.origin)).toBe(true);
  // The consent page's URL carries the token: the way back to the app names no referrer at all
  // (the stand-in, like a careful consent page, sends `Referrer-Policy: no-referrer`).
  expect(landing?.referer).toBeUndefined();
  expect(
    seen.requests.filter(
      (request) =>
        request.referer !== undefined &&
        (JWT_PATTERN.test(request.referer) || new URL(request.referer).searchParams.has('token')),
    ),
  ).toEqual([]);
  // The page asked its own backend for tokens, never Basiq (or the mock) itself.
  expect(seen.requests.filter((request) => new URL(request.url).pathname === '/token')).toEqual([]);
  expect(seen.tokens.some((token) => token.where.startsWith('Authorization'))).toBe(true);
  expect(seen.tokens.some((token) => token.where.startsWith('token query'))).toBe(true);
  expect(seen.tokens.some((token) => token.where.startsWith('answer of'))).toBe(true);
  expect(seen.tokens.some((token) => token.where.startsWith('token field'))).toBe(true);
  expect(
    seen.tokens.filter((token) => token.scope !== 'CLIENT_ACCESS' || token.userid !== 'demo-user'),
  ).toEqual([]);
});
