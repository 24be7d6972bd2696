import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The README's code is what people paste: the Next.js example runs it as it stands, so the
// end-to-end test of the example is a test of the README.

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

/** The README's fenced block that starts with the comment `// <file>`. */
function readmeBlock(file: string): string | undefined {
  for (const [, body] of read('README.md').matchAll(/```tsx?\n([\s\S]*?)```/g)) {
    if (body!.startsWith(`// ${file}\n`)) return body;
  }
  return undefined;
}

describe('examples/nextjs', () => {
  it("should have the README's token route verbatim", () => {
    const route = 'app/api/basiq/token/route.ts';
    expect(readmeBlock(route)).toBeDefined();
    expect(read(`examples/nextjs/${route}`)).toBe(readmeBlock(route));
  });

  it('should install basiq-react and the peers it needs, and nothing from this repository', () => {
    const manifest = JSON.parse(read('examples/nextjs/package.json')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies)).toEqual(
      expect.arrayContaining([
        'basiq-react',
        '@tanstack/react-query',
        'next',
        'react',
        'react-dom',
      ]),
    );
    const specs = Object.values({ ...manifest.dependencies, ...manifest.devDependencies });
    expect(specs.filter((spec) => /^(file|link|workspace):|\.\.\//.test(spec))).toEqual([]);
  });
});
