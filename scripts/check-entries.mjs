// Checks the built entries as a user gets them, imported by package name:
// - the shipped `.d.ts` files (what editors show as docs) cite no document outside the package;
// - the main entry starts with 'use client';
// - `basiq-react/testing` starts the mock over HTTP, mints a token and runs a job to success;
// - `basiq-react/server` mints a client token through the mock and loads no React, and a
//   browser bundle (the `browser` condition) gets an error instead of the API-key code;
// - the development warnings are in an app's development bundle of the main entry, and none of
//   their text is in its production bundle;
// - an app that renders the quick start's components ships their texts and no other
//   component's.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { defaultLabels } from 'basiq-react';
import { createTokenHandler } from 'basiq-react/server';
import { createBasiqMock, startMockBasiqServer } from 'basiq-react/testing';

function fail(message) {
  console.error(`basiq-react: ${message}`);
  process.exit(1);
}

// Type declarations carry the TSDoc into users' editors: no numbered section of a design
// document (the section sign) and no path to a folder outside the repository.
const declarations = readdirSync('dist', { recursive: true })
  .filter((file) => file.endsWith('.d.ts'))
  .map((file) => join('dist', file));
if (declarations.length === 0) fail('dist has no .d.ts files; run `npm run build`');
for (const file of declarations) {
  const text = readFileSync(file, 'utf8');
  const cite = /\u00a7|DESIGN\b|\.\.\/shared\b/.exec(text);
  if (cite) fail(`${file} cites "${cite[0]}", a document outside the package`);
}

// React Server Components must treat the main entry (hooks, components) as client code.
if (!/^["']use client["'];/.test(readFileSync('dist/index.js', 'utf8'))) {
  fail("dist/index.js does not start with 'use client'");
}

// No React anywhere in the server entry's module graph.
const seen = new Set();
const visit = (file) => {
  if (seen.has(file)) return;
  seen.add(file);
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from\s+"([^"]+)"/g)) {
    if (/^(react|react-dom|@tanstack\/react-query)(\/|$)/.test(spec))
      fail(`${file} imports ${spec}`);
    if (spec.startsWith('.'))
      visit(
        new URL(spec, `file://${process.cwd()}/${file}`).pathname.slice(process.cwd().length + 1),
      );
  }
};
visit('dist/server.js');

try {
  execFileSync(
    process.execPath,
    ['--conditions=browser', '-e', "await import('basiq-react/server')"],
    {
      stdio: 'pipe',
    },
  );
  fail('basiq-react/server loaded under the browser condition');
} catch (error) {
  if (!/server only/.test(String(error.stderr)))
    fail(`unexpected browser-condition error: ${error.stderr}`);
}

// The main entry bundled as an app's bundler does (size-limit's esbuild, as `npm run size`
// measures): `process.env.NODE_ENV` defined, minified for production. Every warning sits in an
// `if (process.env.NODE_ENV !== 'production')` branch, so production drops its text.
const bundleAsApp = async (mode) =>
  (
    await build({
      entryPoints: ['dist/index.js'],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', 'ofetch'],
      define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
      minify: mode === 'production',
      logLevel: 'silent',
    })
  ).outputFiles[0].text;
const development = await bundleAsApp('development');
const production = await bundleAsApp('production');
// Every kind passed to warnOnce, found in the unminified development bundle, so a new warning
// is covered without being listed; the listed ones must exist.
const kinds = [
  ...new Set([...development.matchAll(/\bwarnOnce\d*\(\s*"([^"]+)"/g)].map((m) => m[1])),
];
for (const kind of [
  'job-ids-unread',
  'token-url-cross-origin',
  'unknown-labels',
  'user-switched',
  'styles-missing',
]) {
  if (!kinds.includes(kind))
    fail(`no warnOnce('${kind}', …) in a development bundle of dist/index.js`);
}
// A phrase of each message: kept in development (so a reworded message is noticed here), gone in
// production, as are the kinds and warnOnce's prefix.
const phrases = [
  'but no useConsentRedirect() is mounted',
  'another origin than this page',
  'has keys no component reads',
  'userId changed from one user to another',
  'basiq-react/styles.css is not loaded',
];
for (const phrase of phrases) {
  if (!development.includes(phrase)) fail(`the development bundle lacks the warning "${phrase}"`);
}
const leaks = [
  ...phrases.filter((phrase) => production.includes(phrase)),
  ...kinds.filter((kind) => new RegExp(`["'\`]${kind}["'\`]`).test(production)),
  ...(/basiq-react: \$\{/.test(production) ? ["warnOnce's prefix"] : []),
];
if (leaks.length)
  fail(`a production bundle of dist/index.js keeps warning text: ${leaks.join(', ')}`);

// Each component merges only its own label sections, so texts tree-shake with components.
// (Non-ASCII texts are left out: the minifier may escape them.)
const textsOf = (labels) =>
  JSON.stringify(labels)
    .match(/"[^"]*"/g)
    .map((text) => JSON.parse(text))
    .filter((text) => text.length > 12 && /^[\x20-\x7e]+$/.test(text));
const quickStart = (
  await build({
    stdin: {
      contents: "export { BasiqProvider, ConnectButton, ConnectionStatus } from 'basiq-react';",
      resolveDir: process.cwd(),
    },
    bundle: true,
    write: false,
    format: 'esm',
    external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', 'ofetch'],
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: true,
    logLevel: 'silent',
  })
).outputFiles[0].text;
const shipped = (labels) => textsOf(labels).filter((text) => quickStart.includes(text));
if (shipped(defaultLabels.connectionStatus).length === 0)
  fail("a bundle of ConnectionStatus lacks ConnectionStatus's texts");
const strays = shipped({ a: defaultLabels.consentList, b: defaultLabels.authLinkPanel });
if (strays.length) fail(`the quick start's bundle ships other components' texts: ${strays[0]}`);

const server = await startMockBasiqServer({ clock: 'manual' });
try {
  if (!Array.isArray(createBasiqMock().handlers))
    throw new Error('createBasiqMock gave no handlers');
  const { jobId } = server.control.createJob({ userId: 'user-1', stepMs: 10 });
  const handler = createTokenHandler({
    apiKey: 'test-api-key',
    baseUrl: server.url,
    getUserId: () => 'user-1',
  });
  const response = await handler(
    new Request('http://app.test/api/basiq/token', { method: 'POST' }),
  );
  const { access_token: token } = await response.json();
  server.control.advance(100);
  const job = await fetch(`${server.url}/jobs/${jobId}`, {
    headers: { authorization: `Bearer ${token}` },
  }).then((r) => r.json());
  if (!job.steps.every((step) => step.status === 'success')) {
    throw new Error(`the job did not finish: ${JSON.stringify(job.steps)}`);
  }
  console.log(
    `basiq-react: built entries work (${declarations.length} .d.ts files cite nothing outside; server: ${seen.size} modules, no React, refused under the browser condition; testing: job of ${job.steps.length} steps done on ${server.url}; ${kinds.length} kinds of development warning, none in a production bundle; the quick start ships no other component's texts)`,
  );
} finally {
  await server.close();
}
