// `npm run demo`: the whole integration over real HTTP on loopback, in three servers:
// - the mock Basiq (`startMockBasiqServer` from basiq-react/testing) with its stand-in consent page;
// - the app's backend (node:http): `/api/basiq/token` is `createTokenHandler` from
//   basiq-react/server for a fake signed-in user, `/api/config` tells the page where Basiq is;
// - the app: the Vite dev server of examples/demo, or with `--preview` its production build
//   served by `vite preview` under a strict Content-Security-Policy; `/api` is proxied to the
//   backend either way.
// With BASIQ_API_KEY set, the real Basiq replaces the mock (see examples/demo/README.md).
// The kit is imported by package name, as a user gets it, so dist/ is built first when it is
// missing or older than the sources. `startDemo({ mode: 'preview' })` is what the end-to-end
// test runs: the dev server cannot run under `style-src 'self'` (it injects <style> elements and
// an inline react-refresh preamble), the build can.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const demoConfig = path.join(root, 'examples/demo/vite.config.ts');
/** Where `mode: 'preview'` builds the demo: out of the tree, rebuilt on every start. */
const previewDir = path.join(root, 'node_modules/.cache/basiq-demo-dist');

/** The demo's fake session: everyone who opens the page is this user. */
const DEMO_USER = { id: 'demo-user', name: 'Demo User', mobile: '+61400000000' };

const BUILT = [
  'dist/index.js',
  'dist/index.d.ts',
  'dist/server.js',
  'dist/server/index.d.ts',
  'dist/testing.js',
  'dist/testing/index.d.ts',
  'dist/styles.css',
];
const SOURCES = ['src', 'vite.config.ts', 'tsconfig.build.json', 'scripts/copy-css.mjs'];

function newest(file) {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A directory's own time changes when a file is added, renamed or deleted.
  return readdirSync(file).reduce(
    (latest, name) => Math.max(latest, newest(path.join(file, name))),
    stat.mtimeMs,
  );
}

/** True when dist/ lacks an entry or is older than anything it is built from. */
export function distIsStale() {
  const built = BUILT.map((file) => path.join(root, file));
  if (!built.every((file) => existsSync(file))) return true;
  const oldestBuilt = Math.min(...built.map((file) => statSync(file).mtimeMs));
  return SOURCES.some((source) => newest(path.join(root, source)) > oldestBuilt);
}

/**
 * Runs `npm run build` when dist/ is missing or stale (see {@link distIsStale}); throws with the
 * build's output when it fails.
 *
 * @param {(line: string) => void} log
 * @param {boolean} quiet - keep the build's output unless it fails
 */
export function ensureBuilt(log, quiet) {
  if (!distIsStale()) return;
  log('basiq-react: dist/ is missing or stale, running `npm run build`…');
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    // Under Vitest NODE_ENV is 'test', and a build made with it uses React's development JSX
    // runtime, which the built package does not declare.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `npm run build failed (${result.status ?? result.signal})\n${result.stdout ?? ''}${result.stderr ?? ''}`,
    );
  }
}

const port = (value, fallback) => {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw new Error(`basiq-react demo: not a port: ${value}`);
  }
  return number;
};

function listen(server, listenPort) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(`http://127.0.0.1:${server.address().port}`);
    });
  });
}

function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * The Content-Security-Policy the demo's build is served with: nothing inline, scripts and
 * styles from the app's own origin only, `fetch` to the app and to Basiq's API. `form-action`
 * names no other origin: the kit opens the consent UI with `location.assign`, which no CSP
 * directive governs. An app whose form submission ends at the consent UI (a form posted to it,
 * or to a route that redirects there) would add its origin: Chromium checks redirects too.
 *
 * @param {string | undefined} basiqBaseUrl The Basiq API the page talks to; unknown while starting.
 */
export function demoContentSecurityPolicy(basiqBaseUrl) {
  const basiq = basiqBaseUrl ? ` ${new URL(basiqBaseUrl).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self'${basiq}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Not for the kit: the usual hardening, so that an injected <base> or plugin loads nothing.
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * The page's URL never holds a token, but the landing URL holds `state` and `jobIds` until
 * `useConsentRedirect` cleans it: send it nowhere.
 */
const REFERRER_POLICY = 'no-referrer';

const json = (res, status, body) =>
  res
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));

/**
 * Starts the demo: the mock Basiq (or, with an API key, nothing: the real one), the app's
 * backend and the app (Vite's dev server, or its build under `vite preview` with a CSP), all
 * on 127.0.0.1.
 *
 * @param {import('./demo.d.mts').DemoOptions} [options]
 * @returns {Promise<import('./demo.d.mts').RunningDemo>}
 */
export async function startDemo(options = {}) {
  const env = process.env;
  const quiet = options.quiet ?? false;
  const log = options.log ?? ((line) => console.log(line));
  const appPort = options.port ?? port(env.DEMO_PORT, 5173);
  const apiPort = options.apiPort ?? port(env.DEMO_API_PORT, 0);
  const mockPort = options.mockPort ?? port(env.MOCK_BASIQ_PORT, 0);
  const stepMs = options.stepMs ?? Number(env.DEMO_STEP_MS || 1500);
  const apiKey = options.apiKey ?? env.BASIQ_API_KEY;
  const mode = options.mode ?? 'dev';
  if (mode !== 'dev' && mode !== 'preview') {
    throw new Error(`basiq-react demo: mode is 'dev' or 'preview', not ${mode}`);
  }

  ensureBuilt(log, quiet);
  // Only now: these resolve to dist/ through package.json's exports.
  const { createTokenHandler, createBasiqServerClient } = await import('basiq-react/server');

  const closers = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) {
      await closer().catch((error) => console.error('basiq-react demo: closing failed', error));
    }
  };

  try {
    // 1. The app's backend. Its settings are filled in below, once the app's URL is known
    //    (the mock redirects there); no request reaches it before.
    let app;
    const backend = createServer((req, res) => {
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      if (!app) return json(res, 503, { error: 'Starting' });
      if (pathname === '/api/config') return json(res, 200, app.config);
      if (pathname === '/api/basiq/token') {
        // The two-line adapter from node:http to the Web handler.
        void app
          .tokenHandler(
            new Request(new URL(req.url, `http://${req.headers.host}`), {
              method: req.method,
              headers: req.headers,
            }),
          )
          .then(async (response) =>
            res
              .writeHead(response.status, Object.fromEntries(response.headers))
              .end(await response.text()),
          )
          .catch((error) => {
            console.error('basiq-react demo: token handler failed', error);
            if (!res.headersSent) json(res, 500, { error: 'Token handler failed' });
          });
        return;
      }
      json(res, 404, { error: 'Not found' });
    });
    const apiUrl = await listen(backend, apiPort);
    closers.push(() => closeServer(backend));

    // 2. The app: Vite's dev server, or the production build under `vite preview`.
    const vite = await import('vite');
    const logLevel = quiet ? 'error' : 'info';
    let server;
    if (mode === 'dev') {
      server = await vite.createServer({
        configFile: demoConfig,
        logLevel,
        clearScreen: false,
        server: {
          host: '127.0.0.1',
          port: appPort,
          proxy: { '/api': apiUrl },
          headers: { 'referrer-policy': REFERRER_POLICY },
        },
      });
      closers.push(() => server.close());
      await server.listen();
    } else {
      await vite.build({
        configFile: demoConfig,
        logLevel,
        clearScreen: false,
        build: { outDir: previewDir, emptyOutDir: true },
      });
      server = await vite.preview({
        configFile: demoConfig,
        logLevel,
        clearScreen: false,
        build: { outDir: previewDir },
        preview: { host: '127.0.0.1', port: appPort, proxy: { '/api': apiUrl } },
        plugins: [
          {
            name: 'basiq-demo-security-headers',
            // Runs before Vite's own middlewares: every answer, index.html included, gets them.
            // Per request, since Basiq's origin (the mock's port) is known only further down.
            configurePreviewServer({ middlewares }) {
              middlewares.use((_req, res, next) => {
                res.setHeader('content-security-policy', demoContentSecurityPolicy(app?.basiq));
                res.setHeader('referrer-policy', REFERRER_POLICY);
                res.setHeader('x-content-type-options', 'nosniff');
                next();
              });
            },
          },
        ],
      });
      closers.push(() => server.close());
    }
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('basiq-react demo: Vite did not say where it listens');

    // 3. Basiq: the mock on loopback, or the real API with BASIQ_API_KEY.
    let baseUrl;
    let consentBaseUrl;
    let userId = DEMO_USER.id;
    let mockUrl;
    if (apiKey) {
      baseUrl = env.BASIQ_BASE_URL || 'https://au-api.basiq.io';
      consentBaseUrl = env.BASIQ_CONSENT_URL || 'https://consent.basiq.io';
      if (env.BASIQ_USER_ID) {
        userId = env.BASIQ_USER_ID;
      } else {
        const basiq = createBasiqServerClient({ apiKey, baseUrl });
        ({ id: userId } = await basiq.createUser({
          email: env.BASIQ_USER_EMAIL || 'demo-user@example.com',
          mobile: env.BASIQ_USER_MOBILE || DEMO_USER.mobile,
        }));
        log(
          `basiq-react demo: created Basiq user ${userId} (set BASIQ_USER_ID=${userId} to reuse it)`,
        );
      }
    } else {
      const { startMockBasiqServer } = await import('basiq-react/testing');
      const mock = await startMockBasiqServer({ port: mockPort, redirectUrl: url, stepMs });
      closers.push(() => mock.close());
      mock.control.createUser({ id: DEMO_USER.id, mobile: DEMO_USER.mobile });
      baseUrl = mockUrl = mock.url;
      consentBaseUrl = mock.consentUrl;
      log(mock.banner);
    }

    app = {
      basiq: baseUrl,
      config: {
        user: { id: userId, name: DEMO_USER.name },
        baseUrl,
        consentBaseUrl,
        mode: apiKey ? 'basiq' : 'mock',
      },
      tokenHandler: createTokenHandler({
        apiKey: apiKey ?? 'test-api-key',
        baseUrl,
        // Your own session decides who is signed in; here it is always the demo user.
        getUserId: () => userId,
        onError: (error) => console.error('basiq-react demo: token endpoint', error),
      }),
    };
    log(`App backend on ${apiUrl} (/api/basiq/token for ${userId}, /api/config)`);
    if (mode === 'preview') {
      log(
        `App: the production build, with Content-Security-Policy: ${demoContentSecurityPolicy(baseUrl)}`,
      );
    }
    return { url, apiUrl, mockUrl, mode, close };
  } catch (error) {
    await close();
    throw error;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const demo = await startDemo({ mode: process.argv.includes('--preview') ? 'preview' : 'dev' });
  console.log(`\n  basiq-react demo: open ${demo.url}  (Ctrl-C stops it)\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    demo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
