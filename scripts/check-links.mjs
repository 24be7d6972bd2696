// Fails when a relative link or an anchor in the project's Markdown does not resolve: README.md,
// CONTRIBUTING.md, docs/**/*.md (the generated API reference included) and examples/**/*.md.
// remark-validate-links checks files and headings, also headings in other files when they are
// all processed in one run of unified-engine (its plain API checks only the file's own).
// Nothing here reaches the network: external URLs are not checked.
import { fileURLToPath } from 'node:url';
import { remark } from 'remark';
import remarkValidateLinks from 'remark-validate-links';
import { engine } from 'unified-engine';

const root = fileURLToPath(new URL('..', import.meta.url));

engine(
  {
    processor: remark(),
    cwd: root,
    files: ['README.md', 'CONTRIBUTING.md', 'docs', 'examples'],
    extensions: ['md'],
    ignorePatterns: ['**/node_modules/**'],
    plugins: [[remarkValidateLinks, { repository: false, root }]],
    detectConfig: false,
    detectIgnore: false,
    output: false,
    out: false,
    quiet: true,
    frail: true,
    silentlyIgnore: false,
  },
  (error, code, context) => {
    if (error) {
      console.error(`basiq-react: link check could not run: ${error.message}`);
      process.exit(1);
    }
    const count = context?.files?.length ?? 0;
    if (code !== 0) {
      console.error('basiq-react: fix the links above (paths are relative to the file).');
      process.exit(1);
    }
    console.log(`basiq-react: every relative link and anchor resolves (${count} Markdown files)`);
  },
);
