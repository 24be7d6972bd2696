// Fails when src/client/basiq-api.generated.ts no longer matches Basiq's
// OpenAPI file: run `npm run gen:types` and commit the result.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'src/client/basiq-api.generated.ts';
const fresh = join(mkdtempSync(join(tmpdir(), 'basiq-gen-')), 'api.ts');
execFileSync('npx', ['--no-install', 'openapi-typescript', 'spec/basiq/core.yml', '-o', fresh], {
  stdio: 'ignore',
});
if (readFileSync(committed, 'utf8') !== readFileSync(fresh, 'utf8')) {
  console.error(`basiq-react: ${committed} is stale; run \`npm run gen:types\` and commit it.`);
  process.exit(1);
}
console.log('basiq-react: generated API types match core.yml');
