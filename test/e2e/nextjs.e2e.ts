// The Next.js App Router example (examples/nextjs) end to end, built from the packed package
// (scripts/next-example.mjs) and served by `next start` under its strict Content-Security-Policy,
// against the mock Basiq over HTTP. A user signs in, connects a bank on the stand-in consent
// page, comes back, answers MFA and revokes the consent; every request the page sends is
// inspected, and any CSP violation, hydration warning or console error fails the test.
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { buildNextExample, startNextExample } from '../../scripts/next-example.mjs';
import { JWT_PATTERN, probeInlineStyle, watchPage } from './support/watchPage';

let app: Awaited<ReturnType<typeof startNextExample>> | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  // Built by `npm run test:e2e` before Vitest starts; this only checks it is current.
  buildNextExample({ log: () => {} });
  [app, browser] = await Promise.all([
    startNextExample(),
    chromium.launch({ executablePath: findChromium(), args: chromiumArgs }),
  ]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Signs in through the example's sign-in route and returns the session cookie. */
async function signIn(): Promise<string> {
  const response = await fetch(`${app!.url}/api/sign-in`, { method: 'POST', redirect: 'manual' });
  expect(response.status).toBe(303);
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/^session=[^;]+;.*HttpOnly/i);
  return cookie.split(';')[0]!;
}

describe('examples/nextjs', () => {
  it('should server-render the page with a nonce on every script and no token in the HTML', async () => {
    const cookie = await signIn();
    const response = await fetch(app!.url, { headers: { cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`Signed in as <code>${app!.user.id}</code>`);

    const policy = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(policy).toContain("style-src 'self';");
    expect(policy).toContain(`connect-src 'self' ${app!.mock.url};`);
    expect(policy).not.toMatch(/unsafe-(inline|eval)|strict-dynamic/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');

    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    // Nothing that needs 'unsafe-inline' for styles: no <style> element, no style attribute.
    expect(html).not.toMatch(/<style\b|\sstyle="/);
    expect(html).not.toMatch(JWT_PATTERN);
    // Two requests, two nonces.
    const again = await fetch(app!.url, { headers: { cookie } });
    expect(again.headers.get('content-security-policy')).not.toBe(policy);
  });

  it('should connect a bank through MFA and revoke the consent, with CLIENT_ACCESS tokens only', async () => {
    const page = await browser!.newPage({ viewport: { width: 960, height: 900 } });
    const seen = await watchPage(page);
    const origin = new URL(app!.url).origin;
    const documents: Array<{ url: string; policy?: string }> = [];
    page.on('response', (response) => {
      // Redirects (the sign-in's 303) render nothing: only pages need the policy.
      if (response.request().resourceType() === 'document' && response.status() < 300) {
        documents.push({
          url: response.url(),
          policy: response.headers()['content-security-policy'],
        });
      }
    });

    await page.goto(app!.url);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${app!.user.id}`).waitFor();
    const consents = page.locator('.basiq-ConsentList');
    await consents.and(page.locator('[data-state="empty"]')).waitFor();

    // Connect → the stand-in consent page on the mock's origin.
    await page.locator('.basiq-ConnectButton[data-state="ready"]').waitFor();
    await page.getByRole('button', { name: 'Connect your bank' }).click();
    await page.waitForURL((url) => url.pathname === '/consent/home');
    expect(new URL(page.url()).origin).toBe(app!.mock.url);
    await page.getByRole('checkbox').first().check();
    await page.getByLabel('Scenario').selectOption('mfa-token');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();

    // Back on the app: the job's status, then the bank's MFA challenge.
    await page.waitForURL((url) => url.origin === origin);
    await page.locator('.basiq-ConnectionStatus').waitFor();
    const code = page.locator('.basiq-MfaForm input');
    await code.waitFor({ timeout: 20_000 });
    await code.fill('123456');
    await page.locator('.basiq-MfaForm-submit').click();
    await page
      .locator('.basiq-ConnectionStatus[data-phase="success"]')
      .waitFor({ timeout: 30_000 });
    const consent = consents.locator('.basiq-ConsentList-item[data-status="active"]');
    await consent.waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).search).toBe('');

    await consent.getByRole('button', { name: /^Revoke consent/ }).click();
    await consents.getByRole('button', { name: 'Yes, revoke' }).click();
    await consents.and(page.locator('[data-state="empty"]')).waitFor();
    await page.reload();
    await consents.and(page.locator('[data-state="empty"]')).waitFor();
    // The watch really sees violations: an inline style is refused and reported.
    expect(await probeInlineStyle(page, seen)).toMatchObject({ directive: 'style-src-attr' });

    await seen.settled();
    await page.close();

    // Every page of the app came with the policy; the policy was never broken.
    const appDocuments = documents.filter((document) => document.url.startsWith(origin));
    expect(appDocuments.length).toBeGreaterThanOrEqual(3);
    expect(appDocuments.filter((document) => !document.policy?.includes("'nonce-"))).toEqual([]);
    expect(seen.violations).toEqual([]);
    expect(seen.pageErrors).toEqual([]);
    expect(seen.console).toEqual([]);

    // Only this user's CLIENT_ACCESS token, in every place a token went.
    expect(seen.tokens.some((token) => token.where.startsWith('Authorization'))).toBe(true);
    expect(seen.tokens.some((token) => token.where.startsWith('token query'))).toBe(true);
    expect(seen.tokens.some((token) => token.where.startsWith('answer of'))).toBe(true);
    expect(
      seen.tokens.filter(
        (token) => token.scope !== 'CLIENT_ACCESS' || token.userid !== app!.user.id,
      ),
    ).toEqual([]);
    expect(seen.requests.filter((request) => new URL(request.url).pathname === '/token')).toEqual(
      [],
    );
    // The consent page's address carries a token; no request names it as its referrer.
    expect(seen.requests.filter((request) => JWT_PATTERN.test(request.referer ?? ''))).toEqual([]);
    const landing = seen.requests.find(
      (request) => request.resourceType === 'document' && request.url.includes('jobIds='),
    );
    expect(landing?.url.startsWith(origin)).toBe(true);
    // `next start` printed no error while it served all this.
    expect(app!.output.join('')).not.toMatch(/error|warn/i);
  });
});
