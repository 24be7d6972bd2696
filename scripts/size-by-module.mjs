// What each source module costs the main entry, min+gzip: `node scripts/size-by-module.mjs
// [filter]`. The total is bundled like size-limit does (esbuild, minified, peers external);
// per module, the bytes the gzipped bundle shrinks by without it (module boundaries need an
// unminified-whitespace build, kept here without its comments; the figures still run above the
// real ones).
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const filter = process.argv[2] ?? '';
const options = {
  entryPoints: ['src/index.ts'],
  bundle: true,
  format: 'esm',
  write: false,
  external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'],
  jsx: 'automatic',
  target: 'es2022',
  logLevel: 'silent',
};
const gz = (text) => gzipSync(text, { level: 9 }).length;

const full = await build({ ...options, minify: true });
const split = await build({ ...options, minifyIdentifiers: true, minifySyntax: true });
// Comments (JSDoc in label objects, pure annotations) never reach the minified bundle.
const text = split.outputFiles[0].text
  .replace(/^[ \t]*\/\*\*(?:(?!\*\/)[\s\S])*\*\/[ \t]*\n/gm, '')
  .replace(/^[ \t]*\/\/(?! src\/).*\n/gm, '')
  .replaceAll('/* @__PURE__ */ ', '');
const parts = text.split(/^(?=\/\/ src\/)/m);
const total = gz(text);
// esbuild may put one module's code in several places, each under its name.
const names = [...new Set(parts.map((part) => part.slice(3, part.indexOf('\n'))))];
const rows = names
  .filter((name) => name.startsWith('src/') && name.includes(filter))
  .map((name) => {
    const rest = parts.filter((part) => !part.startsWith(`// ${name}\n`)).join('');
    return { name, bytes: total - gz(rest) };
  })
  .sort((a, b) => b.bytes - a.bytes);
for (const { name, bytes } of rows) console.log(String(bytes).padStart(6), name);
console.log(
  `main entry: ${gz(full.outputFiles[0].contents)} B min+gzip (size-limit reports ~3% less)`,
);
