/**
 * Validates mock API responses against Basiq's official OpenAPI 3.0 files
 * (spec/basiq/{core,data}.yml, vendored from basiqio/api-ref).
 *
 * The whole parsed spec document is added to Ajv under its file name, and each
 * response schema is compiled as a `$ref` into that document, so
 * `#/components/schemas/...` refs resolve the way they are written. OpenAPI
 * 3.0's `nullable: true` is handled by Ajv 8's built-in `nullable` keyword;
 * `example`/`examples` and other OpenAPI-only keywords are ignored
 * (`strict: false`). As OpenAPI 3.0 requires, keywords next to a `$ref` are
 * ignored (Ajv would otherwise apply them). Spec defects are NOT patched here:
 * callers keep their own list of deviations.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export type SpecName = 'core' | 'data';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Json = Record<string, unknown>;

interface LoadedSpec {
  file: string;
  paths: Json;
  ajv: Ajv;
  validators: Map<string, ValidateFunction>;
  matchers?: Array<{ template: string; regex: RegExp; rank: string }>;
}

const specs = new Map<SpecName, LoadedSpec>();

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * OpenAPI 3.0 Reference Objects: "any properties added SHALL be ignored".
 * Ajv 8 evaluates keywords next to `$ref`, so drop them (a copy; the parsed
 * document is not shared).
 */
function dropRefSiblings(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropRefSiblings);
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string') return { $ref: node.$ref };
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, dropRefSiblings(v)]));
}

function load(spec: SpecName): LoadedSpec {
  const cached = specs.get(spec);
  if (cached) return cached;
  const file = `${spec}.yml`;
  const text = readFileSync(new URL(`../../spec/basiq/${file}`, import.meta.url), 'utf8');
  // `yaml` turns integer map keys (e.g. `201:`) into string property names, so
  // `201:` and `'201':` both end up as the property "201".
  const doc = dropRefSiblings(parse(text));
  if (!isObject(doc) || !isObject(doc.paths)) throw new Error(`${file}: no "paths" object`);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, file);
  const loaded: LoadedSpec = { file, paths: doc.paths, ajv, validators: new Map() };
  specs.set(spec, loaded);
  return loaded;
}

/** RFC 6901 escaping plus URI encoding, for use in a `$ref` fragment. */
function pointerSegment(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
}

function findOperation(loaded: LoadedSpec, method: string, path: string): Json | undefined {
  const item = loaded.paths[path];
  if (!isObject(item)) return undefined;
  const operation = item[method];
  return isObject(operation) ? operation : undefined;
}

/** Exact status key first, then `2XX`-style ranges, then `default`. */
function findStatusKey(responses: Json, status: number): string | undefined {
  const keys = Object.keys(responses);
  const exact = keys.find((k) => k === String(status));
  if (exact !== undefined) return exact;
  const range = `${String(status).charAt(0)}XX`;
  const ranged = keys.find((k) => k.toUpperCase() === range);
  if (ranged !== undefined) return ranged;
  return keys.includes('default') ? 'default' : undefined;
}

function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || body === '';
}

function describeParams(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return ` (${String(params.additionalProperty)})`;
    case 'enum':
      return ` (${JSON.stringify(params.allowedValues)})`;
    case 'oneOf':
      return params.passingSchemas == null
        ? ''
        : ` (passing: ${JSON.stringify(params.passingSchemas)})`;
    default:
      return '';
  }
}

/**
 * Validation errors (empty array = valid) of `body` as the response of
 * `method pathTemplate` with `status`. Throws if the operation is not in the
 * spec (that is a bug in the test, not in the response).
 */
export function validateResponse(args: {
  spec?: SpecName;
  method: string;
  path: string;
  status: number;
  body: unknown;
}): string[] {
  const { spec = 'core', path, status, body } = args;
  const method = args.method.toLowerCase();
  const loaded = load(spec);
  const operation = findOperation(loaded, method, path);
  if (!operation)
    throw new Error(`${loaded.file} has no operation ${method.toUpperCase()} ${path}`);
  const label = `${method.toUpperCase()} ${path} ${status}`;

  const responses = isObject(operation.responses) ? operation.responses : {};
  const statusKey = findStatusKey(responses, status);
  if (statusKey === undefined) {
    return [`${label}: status not in spec (documented: ${Object.keys(responses).join(', ')})`];
  }
  const response = responses[statusKey];
  const content = isObject(response) && isObject(response.content) ? response.content : {};
  const media = content['application/json'];
  if (!isObject(media) || media.schema === undefined) {
    return isEmptyBody(body)
      ? []
      : [`${label}: spec says no body, got ${JSON.stringify(body)?.slice(0, 80)}`];
  }

  const ref = `${loaded.file}#/paths/${[path, method, 'responses', statusKey, 'content', 'application/json', 'schema'].map(pointerSegment).join('/')}`;
  let validate = loaded.validators.get(ref);
  if (!validate) {
    validate = loaded.ajv.compile({ $ref: ref });
    loaded.validators.set(ref, validate);
  }
  if (validate(body)) return [];
  // Each failing oneOf branch reports its own errors, often the same ones.
  const messages = (validate.errors ?? []).map(
    (e) => `${label}: ${e.instancePath || '/'} ${e.message ?? e.keyword}${describeParams(e)}`,
  );
  return [...new Set(messages)];
}

/** Every (method, path template) the spec defines, e.g. `['get', '/jobs/{jobId}']`. */
export function operations(spec: SpecName = 'core'): Array<[method: string, path: string]> {
  const { paths } = load(spec);
  const result: Array<[string, string]> = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) if (isObject(item[method])) result.push([method, path]);
  }
  return result;
}

/**
 * Resolves a concrete path like `/jobs/abc` to its template `/jobs/{jobId}`
 * (undefined if none matches). A query string, fragment or origin is ignored.
 * When several templates match, a literal segment beats a parameter
 * (`/events/types` rather than `/events/{id}`).
 */
export function matchPath(concretePath: string, spec: SpecName = 'core'): string | undefined {
  const loaded = load(spec);
  loaded.matchers ??= Object.keys(loaded.paths)
    .map((template) => {
      const parts = template.split(/(\{[^}/]+\})/);
      const source = parts
        .map((part, i) => (i % 2 === 1 ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      // One digit per segment, 0 = literal, 1 = has a parameter: sorting on it
      // puts the template whose first parameter comes latest first.
      const rank = template
        .split('/')
        .map((segment) => (segment.includes('{') ? '1' : '0'))
        .join('');
      return { template, regex: new RegExp(`^${source}$`), rank };
    })
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  const path = concretePath.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  return loaded.matchers.find((m) => m.regex.test(path))?.template;
}
