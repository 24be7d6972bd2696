import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER_ENTRY = resolve(ROOT, 'src/server/index.ts');

/** Imports that would pull React (or react-query) into a server bundle. */
const REACT = /^(react|react-dom|@tanstack\/react-query)(\/|$)/;

/** Every module specifier of a TS/JS source: static imports, re-exports, side-effect and dynamic imports. */
function specifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) found.push(match[1]!);
  }
  return found;
}

/** The file a relative specifier names (`./x.js` is `./x.ts` in the sources). */
function resolveLocal(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(js|mjs|ts|tsx)$/, '');
  const candidates = [`${stem}.ts`, `${stem}.tsx`, base, `${base}/index.ts`, `${base}/index.tsx`];
  const file = candidates.find((candidate) => existsSync(candidate) && candidate.match(/\.tsx?$/));
  if (!file) throw new Error(`${relative(ROOT, from)}: cannot resolve ${specifier}`);
  return file;
}

/** The module graph from `entry`: each source file and the bare packages it imports. */
function importGraph(entry: string) {
  const files = new Map<string, string[]>();
  const bare = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    const imports = specifiers(readFileSync(file, 'utf8'));
    files.set(file, imports);
    for (const specifier of imports) {
      if (specifier.startsWith('.')) queue.push(resolveLocal(file, specifier));
      else bare.set(specifier, [...(bare.get(specifier) ?? []), relative(ROOT, file)]);
    }
  }
  return { files: [...files.keys()].map((file) => relative(ROOT, file)).sort(), bare };
}

describe('basiq-react/server', () => {
  it('should find every kind of import (the graph walk below relies on it)', () => {
    const source = [
      "import { useState } from 'react';",
      "import type { QueryClient } from '@tanstack/react-query';",
      "export { createRoot } from 'react-dom/client';",
      "import './side-effect.js';",
      "const lazy = () => import('./lazy.js');",
      '// import { ignored } from "in-a-comment";',
      '/** @example import { alsoIgnored } from "in-jsdoc"; */',
    ].join('\n');

    expect(specifiers(source).sort()).toEqual([
      './lazy.js',
      './side-effect.js',
      '@tanstack/react-query',
      'react',
      'react-dom/client',
    ]);
    expect(specifiers(readFileSync(resolve(ROOT, 'src/index.ts'), 'utf8'))).not.toEqual([]);
  });

  it('should have no React, react-dom or react-query in its module graph', () => {
    const { files, bare } = importGraph(SERVER_ENTRY);

    // The walk reaches the server modules and the client modules they reuse.
    expect(files).toEqual(
      expect.arrayContaining([
        'src/server/index.ts',
        'src/server/createTokenHandler.ts',
        'src/server/createBasiqServerClient.ts',
        'src/server/postToken.ts',
        'src/server/assertApiKey.ts',
        'src/client/request.ts',
        'src/client/tokenSource.ts',
        'src/client/tokenGuard.ts',
        'src/client/errors.ts',
      ]),
    );
    const reactImports = [...bare].filter(([specifier]) => REACT.test(specifier));
    expect(reactImports, 'React imported by the server entry’s graph').toEqual([]);
    // Nothing from the React side of the package, the browser stub or the mock either.
    expect(
      files.filter((file) =>
        /\.tsx$|^src\/(index|hooks\/|components\/|queries\/|testing\/)|^src\/server\/browser/.test(
          file,
        ),
      ),
    ).toEqual([]);
    // No package but ofetch, which runs on any runtime with fetch (Node, edge, Bun, Deno).
    expect([...bare.keys()].filter((specifier) => !specifier.startsWith('node:'))).toEqual([
      'ofetch',
    ]);
  });

  it('should export the token handler, the server client and the error classes', async () => {
    const entry = await import('../../src/server');

    expect(Object.keys(entry).sort()).toEqual([
      'BasiqApiError',
      'BasiqBackoffError',
      'BasiqError',
      'BasiqNetworkError',
      'BasiqResponseError',
      'BasiqTokenError',
      'BasiqTokenScopeError',
      'createBasiqServerClient',
      'createRedisTokenCache',
      'createTokenHandler',
      'memoryTokenCache',
    ]);
    // The same classes as the browser client's, so `instanceof` works across both.
    const client = await import('../../src/client/errors');
    expect(entry.BasiqApiError).toBe(client.BasiqApiError);
  });

  it('should throw the documented message when a browser bundle imports it', async () => {
    // A variable specifier: browser.ts exports nothing, so tsc refuses a literal `import()` of it.
    const browserStub = '../../src/server/browser';
    await expect(import(/* @vite-ignore */ browserStub)).rejects.toThrow(/server only/);
    await expect(import(/* @vite-ignore */ browserStub)).rejects.toThrow(
      /basiq-react\/server .*API key.*never in code sent to the browser/,
    );
  });

  it('should point the browser export condition at that stub', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, Record<string, string>>;
    };
    const conditions = pkg.exports['./server']!;

    expect(conditions.browser).toBe('./dist/server.browser.js');
    expect(Object.keys(conditions).indexOf('browser')).toBeLessThan(
      Object.keys(conditions).indexOf('default'),
    );
    const viteConfig = readFileSync(resolve(ROOT, 'vite.config.ts'), 'utf8');
    expect(viteConfig).toMatch(/'server\.browser':\s*'src\/server\/browser\.ts'/);
  });
});
