// Ships the default theme as `basiq-react/styles.css`: the shared variables and rules, then
// each component's stylesheet (src/components/*.css), in name order.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const parts = [
  'src/styles.css',
  ...readdirSync('src/components')
    .filter((name) => name.endsWith('.css'))
    .sort()
    .map((name) => `src/components/${name}`),
];
mkdirSync('dist', { recursive: true });
writeFileSync('dist/styles.css', parts.map((file) => readFileSync(file, 'utf8')).join('\n'));
