// Writes docs/reliability.md: one table row per test of the fault-injection suite
// (test/faults/*.test.ts[x]), read from the test names without running them.
//   node scripts/reliability-doc.mjs           write the doc
//   node scripts/reliability-doc.mjs --check   fail when the committed doc is stale
// Names must be string literals, or template literals over a `for (const x of [literals])`
// loop (each value gives a row); anything else fails, so no row goes missing silently.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const suite = join(root, 'test/faults');
const docPath = join(root, 'docs/reliability.md');

// The families in the order of the issue; files not listed follow, by name.
const ORDER = [
  'rateLimit',
  'serverErrors',
  'network',
  'tokenEndpoint',
  'tokenExpiry',
  'unauthorizedStorm',
  'malformedBodies',
  'pollTimeout',
  'offline',
  'hiddenTab',
];

class NameError extends Error {}

/** The value of a literal, or of a loop variable in `env`. */
function valueOf(node, env, where) {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) {
    return valueOf(node.expression, env, where);
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return node.text;
  if (ts.isIdentifier(node) && env.has(node.text)) return env.get(node.text);
  if (ts.isTemplateExpression(node)) {
    return (
      node.head.text +
      node.templateSpans
        .map((span) => valueOf(span.expression, env, where) + span.literal.text)
        .join('')
    );
  }
  throw new NameError(
    `${where()}: a test name must be a literal (or a template over a for…of loop)`,
  );
}

/** The literal values a `for (const x of [...])` loop runs over, or undefined. */
function loopValues(node, env, where) {
  let list = node.expression;
  while (ts.isAsExpression(list) || ts.isParenthesizedExpression(list)) list = list.expression;
  const declaration = ts.isVariableDeclarationList(node.initializer)
    ? node.initializer.declarations[0]
    : undefined;
  if (!ts.isArrayLiteralExpression(list) || !declaration || !ts.isIdentifier(declaration.name)) {
    return undefined;
  }
  return {
    name: declaration.name.text,
    values: list.elements.map((element) => valueOf(element, env, where)),
  };
}

const CALLS = { describe: 'describe', it: 'it', test: 'it' };

/** Every `it` of a file with the `describe` names above it, in source order. */
function testsOf(file) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const tests = [];
  const visit = (node, path, env) => {
    const where = () => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      return `${relative(root, file)}:${line + 1}`;
    };
    if (ts.isForOfStatement(node)) {
      const loop = loopValues(node, env, where);
      if (loop) {
        for (const value of loop.values) {
          visit(node.statement, path, new Map(env).set(loop.name, value));
        }
        return;
      }
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)
          ? callee.expression.text
          : undefined;
      const kind = CALLS[name];
      if (kind && !ts.isIdentifier(callee)) {
        throw new NameError(`${where()}: ${callee.getText(source)} is not supported here`);
      }
      if (kind) {
        const title = valueOf(node.arguments[0], env, where);
        if (kind === 'it') {
          tests.push({ path, title });
          return;
        }
        node.arguments.slice(1).forEach((child) => visit(child, [...path, title], env));
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, path, env));
  };
  visit(source, [], new Map());
  return tests;
}

const cell = (text) => text.replace(/\|/g, '\\|');
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

function rank(name) {
  const index = ORDER.indexOf(name);
  return index === -1 ? ORDER.length : index;
}

async function render() {
  const files = readdirSync(suite)
    .filter((name) => /\.test\.tsx?$/.test(name))
    .map((name) => ({ name, family: name.replace(/\.(browser\.)?test\.tsx?$/, '') }))
    .sort((a, b) => rank(a.family) - rank(b.family) || a.name.localeCompare(b.name));
  const rows = [];
  for (const { name, family: file } of files) {
    testsOf(join(suite, name)).forEach(({ path, title }, index) => {
      if (!/^should /.test(title)) {
        throw new NameError(`test/faults/${name}: "${title}" must start with "should "`);
      }
      const [family = file, ...inner] = path;
      const row = `[${file} ${index + 1}](../test/faults/${name})`;
      const outcome = capital([...inner, title.replace(/^should /, '')].join(' › '));
      rows.push(`| ${cell(family)} | ${row} | ${cell(outcome)} |`);
    });
  }
  const markdown = [
    '# Reliability: what the user sees when things go wrong',
    '',
    '<!-- Generated by `npm run docs:reliability` from the test names in test/faults/; do not edit. -->',
    '',
    `The fault-injection suite (\`test/faults/\`, ${rows.length} rows, part of \`npm test\`) drives the`,
    "mock Basiq's control API (`failNext`, `dropNext`, `malformNext`, `setLatency`, its clock and its",
    '`/token` route) against the client, the hooks and the components. Each row asserts what the user',
    'sees, what went over the wire, and that nothing is lost: an MFA answer is either accepted or',
    'reported as not sent, and a revoke either happens or is rolled back with a message.',
    '',
    'Row: the test file and the place of the test in it. Outcome: the test name after "should".',
    '',
    '| Fault family | Row | Outcome the user sees |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  const options = (await prettier.resolveConfig(docPath)) ?? {};
  return prettier.format(markdown, { ...options, filepath: docPath });
}

try {
  const fresh = await render();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(docPath, 'utf8');
    } catch {
      // Missing counts as stale.
    }
    if (committed !== fresh) {
      console.error(
        'basiq-react: docs/reliability.md does not match the test names in test/faults/; run `npm run docs:reliability` and commit it.',
      );
      process.exit(1);
    }
    console.log('basiq-react: docs/reliability.md matches test/faults/');
  } else {
    writeFileSync(docPath, fresh);
    console.log(`basiq-react: wrote ${relative(root, docPath)}`);
  }
} catch (error) {
  if (!(error instanceof NameError)) throw error;
  console.error(`basiq-react: reliability doc: ${error.message}`);
  process.exit(1);
}
