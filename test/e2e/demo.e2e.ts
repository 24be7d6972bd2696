// The demo app end to end, as a user clicks through it: real HTTP on loopback (mock Basiq,
// the app's token endpoint, Vite), real Chromium. Every request the page sends is inspected:
// any token it carries (Authorization header, `token` query or form field) or receives from
// the token endpoint must be the demo user's CLIENT_ACCESS token.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page, type Request } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { startDemo, type RunningDemo } from '../../scripts/demo.mjs';

interface SeenToken {
  where: string;
  scope?: unknown;
  userid?: unknown;
}

interface SeenRequest {
  method: string;
  url: string;
  resourceType: string;
}

function claimsOf(token: string): { scope?: unknown; userid?: unknown } {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    return typeof payload === 'object' && payload ? payload : {};
  } catch {
    return { scope: 'not a JWT' };
  }
}

let demo: RunningDemo | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  [demo, browser] = await Promise.all([
    // Builds dist/ first if it is missing or stale.
    startDemo({ port: 0, quiet: true, log: () => {} }),
    chromium.launch({ executablePath: findChromium(), args: chromiumArgs }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

/** Records every request and every token the page sends or receives. */
function watch(page: Page) {
  const requests: SeenRequest[] = [];
  const tokens: SeenToken[] = [];
  const pending: Promise<unknown>[] = [];
  const pageErrors: string[] = [];
  const see = (where: string, token: string) => tokens.push({ where, ...claimsOf(token) });

  async function inspect(request: Request) {
    const url = new URL(request.url());
    const label = `${request.method()} ${url.origin}${url.pathname}`;
    requests.push({
      method: request.method(),
      url: request.url(),
      resourceType: request.resourceType(),
    });
    const headers = await request.allHeaders();
    const authorization = headers['authorization'];
    if (authorization !== undefined) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
      // Anything but a bearer token (e.g. Basic with the API key) must never leave the page.
      if (!bearer) see(`Authorization of ${label}`, 'not a bearer token');
      else see(`Authorization of ${label}`, bearer[1]!);
    }
    for (const token of url.searchParams.getAll('token')) see(`token query of ${label}`, token);
    const body = request.postData();
    if (body && /x-www-form-urlencoded/.test(headers['content-type'] ?? '')) {
      for (const token of new URLSearchParams(body).getAll('token')) {
        see(`token field of ${label}`, token);
      }
    }
  }

  page.on('request', (request) => pending.push(inspect(request)));
  page.on('response', (response) => {
    if (new URL(response.url()).pathname !== '/api/basiq/token' || !response.ok()) return;
    pending.push(
      response
        .json()
        .then((body: { access_token: string }) =>
          see('answer of /api/basiq/token', body.access_token),
        ),
    );
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { requests, tokens, pageErrors, settled: () => Promise.allSettled(pending) };
}

it('connects a bank through MFA, lists and revokes the consent, with CLIENT_ACCESS tokens only', async () => {
  const page = await browser!.newPage({
    viewport: { width: 960, height: 900 },
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  const seen = watch(page);
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

  await seen.settled();
  await page.close();

  // The consent page came back with the job's ids (before the page cleaned the address).
  const landing = seen.requests.find(
    (request) => request.resourceType === 'document' && request.url.includes('jobIds='),
  );
  expect(landing?.url.startsWith(app.origin)).toBe(true);
  // The page asked its own backend for tokens, never Basiq (or the mock) itself.
  expect(seen.requests.filter((request) => new URL(request.url).pathname === '/token')).toEqual([]);
  expect(seen.tokens.some((token) => token.where.startsWith('Authorization'))).toBe(true);
  expect(seen.tokens.some((token) => token.where.startsWith('token query'))).toBe(true);
  expect(seen.tokens.some((token) => token.where.startsWith('answer of'))).toBe(true);
  expect(seen.tokens.some((token) => token.where.startsWith('token field'))).toBe(true);
  expect(
    seen.tokens.filter((token) => token.scope !== 'CLIENT_ACCESS' || token.userid !== 'demo-user'),
  ).toEqual([]);
  expect(seen.pageErrors).toEqual([]);
});
