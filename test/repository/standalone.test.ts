import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A clone of this repository is all a user has: nothing tracked may read, link or cite a file
// beside or above it (a sibling folder of the maintainers, a document of theirs).

const root = fileURLToPath(new URL('../..', import.meta.url));
const UNTRACKED = new Set(['node_modules', 'dist', '.git', 'storybook-static', 'test-results']);

/** Tracked files (git), or every file outside build output when the tree is not a clone. */
function trackedFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
  } catch {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(root, join(entry.parentPath, entry.name)))
      .filter((file) => !UNTRACKED.has(file.split(sep)[0]!));
  }
}

/** Text files only; the lockfile and Basiq's vendored spec are not ours to word. */
const textFiles = trackedFiles()
  .filter((file) => !/\.(png|jpe?g|gif|ico|woff2?)$/.test(file))
  .filter((file) => file !== 'package-lock.json' && !file.startsWith('spec/basiq/'))
  .map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Relative paths (`../x`) that, read from the file's own folder, leave the repository. */
function pathsAbove(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:\.\.\/)+[\w.@-]*/g)) {
    const target = resolve(root, dirname(file), match[0]);
    if (relative(root, target).startsWith('..')) {
      found.push(`${file}:${lineOf(text, match.index)} ${match[0]}`);
    }
  }
  return found;
}

describe('the repository', () => {
  it('should have files to check', () => {
    expect(textFiles.map(({ file }) => file)).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'src/index.ts']),
    );
  });

  it('should name no folder beside or above the repository in any tracked file', () => {
    const outside = textFiles.flatMap(({ file, text }) => [
      ...pathsAbove(file, text),
      ...[...text.matchAll(/\.\.\/shared\b|\/work\/|\/home\/\w+\/|\/Users\/\w+\//g)].map(
        (match) => `${file}:${lineOf(text, match.index)} ${match[0]}`,
      ),
    ]);
    expect(outside).toEqual([]);
  });

  it('should cite no numbered section of a document (the section sign) in any tracked file', () => {
    const section = String.fromCharCode(0xa7);
    const cited = textFiles.flatMap(({ file, text }) =>
      text.includes(section) ? [`${file}:${lineOf(text, text.indexOf(section))}`] : [],
    );
    expect(cited).toEqual([]);
  });

  it('should read Basiq OpenAPI files from the vendored copy, with their licence and notice', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
    expect(scripts['gen:types']).toContain('spec/basiq/core.yml');
    const notice = readFileSync(join(root, 'spec/basiq/NOTICE'), 'utf8');
    expect(notice).toMatch(/basiqio\/api-ref at commit\s+[0-9a-f]{40}/);
    expect(readFileSync(join(root, 'spec/basiq/LICENSE'), 'utf8')).toContain('Apache License');
  });
});
