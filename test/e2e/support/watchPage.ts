// What a page did, for the end-to-end tests: every request it sent, every token it sent or
// received from its token endpoint (with the token's claims, never the token), the security
// headers of every document it loaded, uncaught errors, console errors and warnings, and
// Content-Security-Policy violations.
import type { ConsoleMessage, Page, Request, Response } from 'playwright';

export interface SeenToken {
  where: string;
  scope?: unknown;
  userid?: unknown;
}

export interface SeenRequest {
  method: string;
  url: string;
  resourceType: string;
  /** The `Referer` header the browser sent, if any. */
  referer?: string;
}

export interface SeenViolation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
  sample: string;
}

export interface SeenDocument {
  url: string;
  status: number;
  /** The `Content-Security-Policy` header it came with, if any. */
  contentSecurityPolicy?: string;
  /** The `Referrer-Policy` header it came with, if any. */
  referrerPolicy?: string;
}

export interface WatchedPage {
  requests: SeenRequest[];
  /** Every document response: the pages it loaded and the redirects on the way. */
  documents: SeenDocument[];
  tokens: SeenToken[];
  pageErrors: string[];
  /**
   * Console messages of type `error` or `warning` (hydration warnings, CSP reports, failed
   * loads, …), each followed by the URL it came from when Chromium gives one.
   */
  console: string[];
  /** `securitypolicyviolation` events of every document the page loaded. */
  violations: SeenViolation[];
  /** Waits for the request and response inspections still running. */
  settled: () => Promise<unknown>;
}

/** The claims of a JWT (nothing else of it is kept). */
export function claimsOf(token: string): { scope?: unknown; userid?: unknown } {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    return typeof payload === 'object' && payload ? payload : {};
  } catch {
    return { scope: 'not a JWT' };
  }
}

/** Something shaped like a JWT (three base64url parts, the first two JSON objects). */
export const JWT_PATTERN = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*/;

/**
 * Starts watching `page`: call before the first `goto`. `tokenPath` is the app's token
 * endpoint, whose answers are inspected too.
 */
export async function watchPage(
  page: Page,
  { tokenPath = '/api/basiq/token' }: { tokenPath?: string } = {},
): Promise<WatchedPage> {
  const watched: WatchedPage = {
    requests: [],
    documents: [],
    tokens: [],
    pageErrors: [],
    console: [],
    violations: [],
    settled: () => Promise.allSettled(pending),
  };
  const pending: Promise<unknown>[] = [];
  const see = (where: string, token: string) => watched.tokens.push({ where, ...claimsOf(token) });

  async function inspect(request: Request) {
    const url = new URL(request.url());
    const label = `${request.method()} ${url.origin}${url.pathname}`;
    const headers = await request.allHeaders();
    watched.requests.push({
      method: request.method(),
      url: request.url(),
      resourceType: request.resourceType(),
      referer: headers['referer'],
    });
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

  // Runs in every document before its own scripts, so no violation is missed.
  await page.exposeFunction('__basiqSawViolation', (violation: SeenViolation) => {
    watched.violations.push(violation);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (
        window as unknown as { __basiqSawViolation: (violation: SeenViolation) => void }
      ).__basiqSawViolation({
        directive: event.effectiveDirective,
        blockedURI: event.blockedURI,
        sourceFile: event.sourceFile,
        sample: event.sample,
      });
    });
  });

  page.on('request', (request) => pending.push(inspect(request)));
  async function inspectDocument(response: Response) {
    // `headers()` leaves out security headers; `allHeaders()` has them all.
    const headers = await response.allHeaders();
    watched.documents.push({
      url: response.url(),
      status: response.status(),
      contentSecurityPolicy: headers['content-security-policy'],
      referrerPolicy: headers['referrer-policy'],
    });
  }

  page.on('response', (response) => {
    if (response.request().resourceType() === 'document') pending.push(inspectDocument(response));
    if (new URL(response.url()).pathname !== tokenPath || !response.ok()) return;
    pending.push(
      response
        .json()
        .then((body: { access_token: string }) => see(`answer of ${tokenPath}`, body.access_token)),
    );
  });
  page.on('pageerror', (error) => watched.pageErrors.push(error.message));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      // With its source: a failed resource load names no URL in its text.
      const { url } = message.location();
      watched.console.push(`${message.type()}: ${message.text()}${url ? ` (${url})` : ''}`);
    }
  });
  return watched;
}

/**
 * Sets a `style` attribute on the page's root element and takes it off again, then waits for
 * the `securitypolicyviolation` this causes under a `style-src` without `'unsafe-inline'`: proof
 * that the page is under such a policy and that `watched` hears of violations, so an empty
 * `violations` list means something. The probe's violation, and the console error Chromium
 * logs with it, are taken off their lists; the violation is returned, or undefined when none
 * came within `timeoutMs`.
 */
export async function probeInlineStyle(
  page: Page,
  watched: WatchedPage,
  timeoutMs = 5_000,
): Promise<SeenViolation | undefined> {
  const violations = watched.violations.length;
  const messages = watched.console.length;
  const logged = () =>
    watched.console.findIndex(
      (message, i) => i >= messages && /Content Security Policy/.test(message),
    );
  await page.evaluate(() => {
    document.documentElement.setAttribute('style', 'outline: 0');
    document.documentElement.removeAttribute('style');
  });
  const deadline = Date.now() + timeoutMs;
  while ((watched.violations.length === violations || logged() < 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (logged() >= 0) watched.console.splice(logged(), 1);
  return watched.violations.splice(violations, 1)[0];
}
