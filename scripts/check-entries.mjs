// Checks the built entries as a user gets them, imported by package name:
// - the shipped `.d.ts` files (what editors show as docs) cite no document outside the package;
// - the main entry starts with 'use client';
// - `basiq-react/testing` starts the mock over HTTP, mints a token and runs a job to success;
// - `basiq-react/server` mints a client token through the mock and loads no React, and a
//   browser bundle (the `browser` condition) gets an error instead of the API-key code.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    `basiq-react: built entries work (${declarations.length} .d.ts files cite nothing outside; server: ${seen.size} modules, no React, refused under the browser condition; testing: job of ${job.steps.length} steps done on ${server.url})`,
  );
} finally {
  await server.close();
}
