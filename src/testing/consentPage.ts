// A stand-in for Basiq's hosted consent UI: pick banks and a scenario, then go back to the
// app with `jobIds` and `state`, as the real page does once the user has connected.
import { INSTITUTIONS } from './fixtures.js';
import { readToken } from './jwt.js';
import { readBody } from './requestLimits.js';
import type { createMockInternals } from './createBasiqMock.js';
import { SCENARIOS, type MockScenario } from './scenarios.js';
import type { StepDurations } from './types.js';

type Mock = ReturnType<typeof createMockInternals>;

export interface ConsentPageOptions {
  /** Where the page sends the user back (your app's consent redirect URL). */
  redirectUrl?: string;
  /** Step durations of the jobs the page starts. */
  stepMs?: StepDurations;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page's one style sheet: the page's CSP allows it by its hash and nothing else inline. */
const STYLE =
  'body{font:16px system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}fieldset{margin:0 0 1rem;border:1px solid #ccc;border-radius:8px}label{display:block;margin:.25rem 0}button{font:inherit;padding:.5rem 1rem;margin-right:.5rem}';
/** SHA-256 of STYLE, base64: change both together (the consent page's test recomputes it). */
const STYLE_HASH = '3Mm93aZbWoUYMzAuovoh0WOMsSED3GsN4Q2v5oTWNl4=';

function page(title: string, body: string, status = 200): Response {
  // The empty icon keeps the browser from asking for /favicon.ico, which the mock has not got.
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title><link rel="icon" href="data:,"><style>${STYLE}</style></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function userOf(mock: Mock, token: string | null): string | undefined {
  const claims = readToken(`Bearer ${token ?? ''}`);
  const valid =
    claims?.scope === 'CLIENT_ACCESS' && claims.userid && claims.exp * 1000 > mock.now();
  return valid ? claims.userid : undefined;
}

const refused = () =>
  page(
    'Link expired',
    '<p role="alert">This consent link has no valid CLIENT_ACCESS token. Go back to the app and start again.</p>',
    401,
  );

function back(options: ConsentPageOptions, jobIds: string[], state: string | null): Response {
  if (!options.redirectUrl) {
    const list = jobIds.map((id) => `<li><code>${escape(id)}</code></li>`).join('');
    return page(
      'Done',
      `<p role="status">${jobIds.length ? 'Jobs started:' : 'Nothing was connected.'}</p><ul>${list}</ul>`,
    );
  }
  const url = new URL(options.redirectUrl);
  if (jobIds.length) {
    url.searchParams.set('jobId', jobIds[0]!);
    url.searchParams.set('jobIds', jobIds.join(','));
  }
  if (state) url.searchParams.set('state', state);
  return new Response(null, { status: 303, headers: { location: url.href } });
}

function form(url: URL): string {
  const hidden = ['token', 'state', 'action', 'connectionId']
    .map((name) => [name, url.searchParams.get(name)] as const)
    .filter(([, value]) => value)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escape(value!)}">`)
    .join('');
  const banks = INSTITUTIONS.map(
    ({ id, name }, i) =>
      `<label><input type="checkbox" name="institutionId" value="${escape(id)}"${
        url.searchParams.get('institutionId') === id ||
        (i === 0 && !url.searchParams.get('institutionId'))
          ? ' checked'
          : ''
      }> ${escape(name)}</label>`,
  ).join('');
  const scenarios = SCENARIOS.map((s) => `<option value="${s}">${s}</option>`).join('');
  return `<form method="post" action="/consent/connect">${hidden}<fieldset><legend>Banks to connect</legend>${banks}</fieldset><label for="scenario">Scenario</label><select id="scenario" name="scenario">${scenarios}</select><p><button type="submit" name="decision" value="connect">Connect</button><button type="submit" name="decision" value="cancel">Cancel</button></p></form>`;
}

/**
 * Answers `/consent/…` requests, or returns undefined for any other path. Every answer, pages
 * and the redirect back alike, carries the headers of a careful consent page. Its URL carries
 * the user's token, so no request it leads to names it as the referrer (a redirect's own policy
 * decides the `Referer` of the request it leads to). Its CSP allows its own style and its empty
 * icon, nothing else: no scripts, no other loads, forms only to itself and to the app it sends
 * the user back to (Chromium checks a form's redirects against `form-action` too, and refuses
 * the way back without the app's origin there).
 */
export async function consentPage(
  mock: Mock,
  request: Request,
  options: ConsentPageOptions,
): Promise<Response | undefined> {
  const response = await answer(mock, request, options);
  if (!response) return undefined;
  const back = options.redirectUrl ? ` ${new URL(options.redirectUrl).origin}` : '';
  const headers = {
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    // Basiq's consent UI cannot be framed; neither can its stand-in.
    'x-frame-options': 'DENY',
    'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src data:; form-action 'self'${back}; frame-ancestors 'none'; base-uri 'none'`,
  };
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

async function answer(
  mock: Mock,
  request: Request,
  options: ConsentPageOptions,
): Promise<Response | undefined> {
  const url = new URL(request.url);
  if (url.pathname === '/consent/home' && request.method === 'GET') {
    if (!userOf(mock, url.searchParams.get('token'))) return refused();
    return page('Connect your bank (mock Basiq)', form(url));
  }
  if (url.pathname === '/consent/connect' && request.method === 'POST') {
    const read = await readBody(request);
    if (!read.ok) {
      return page('Not sent', '<p role="alert">The form could not be read.</p>', read.status);
    }
    const fields = new URLSearchParams(read.text);
    const userId = userOf(mock, fields.get('token'));
    if (!userId) return refused();
    const state = fields.get('state');
    if (fields.get('decision') === 'cancel') return back(options, [], state);
    const scenario = (SCENARIOS as readonly string[]).includes(fields.get('scenario') ?? '')
      ? (fields.get('scenario') as MockScenario)
      : 'success';
    const connectionId = fields.get('connectionId');
    const connection = connectionId ? mock.store.connection(connectionId) : undefined;
    if (connectionId && connection?.userId !== userId) {
      return page(
        'Connection not found',
        '<p role="alert">This connection is not yours to update.</p>',
        404,
      );
    }
    const { stepMs } = options;
    const jobs = connection
      ? [mock.store.startJob({ userId, connectionId: connection.id, scenario, stepMs })]
      : // Once per bank, however often the form names it.
        [...new Set(fields.getAll('institutionId'))]
          .filter((id) => INSTITUTIONS.some((i) => i.id === id))
          .map((institutionId) => mock.store.startJob({ userId, institutionId, scenario, stepMs }));
    return back(
      options,
      jobs.map((job) => job.id),
      state,
    );
  }
  return undefined;
}
