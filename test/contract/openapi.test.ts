import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { matchPath, operations, validateResponse } from './openapi';
import type { SpecName } from './openapi';

// The tests read the spec files themselves, to take Basiq's own examples out of
// them, independently of the helper under test.
type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function at(node: unknown, ...keys: string[]): unknown {
  let current = node;
  for (const key of keys) current = isNode(current) ? current[key] : undefined;
  return current;
}

const docs: Record<SpecName, Node> = {
  core: parse(readFileSync(new URL('../../spec/basiq/core.yml', import.meta.url), 'utf8')) as Node,
  data: parse(readFileSync(new URL('../../spec/basiq/data.yml', import.meta.url), 'utf8')) as Node,
};

type Example = [spec: SpecName, method: string, path: string, status: number, name: string];

/** Every media-level `example` / `examples.*.value` of a JSON response, in both specs. */
function responseExamples(): Array<[...Example, unknown]> {
  const found: Array<[...Example, unknown]> = [];
  for (const spec of ['core', 'data'] as const) {
    for (const [path, item] of Object.entries(at(docs[spec], 'paths') as Node)) {
      for (const [method, operation] of Object.entries(item as Node)) {
        const responses = at(operation, 'responses');
        if (!isNode(responses)) continue;
        for (const [status, response] of Object.entries(responses)) {
          const media = at(response, 'content', 'application/json');
          const example = at(media, 'example');
          if (example !== undefined)
            found.push([spec, method, path, Number(status), 'example', example]);
          const examples = at(media, 'examples');
          if (!isNode(examples)) continue;
          for (const [name, entry] of Object.entries(examples)) {
            found.push([spec, method, path, Number(status), name, at(entry, 'value')]);
          }
        }
      }
    }
  }
  return found;
}

/** A body assembled from the property-level `example`s of a component schema. */
function fromPropertyExamples(spec: SpecName, schema: unknown, depth = 0): unknown {
  if (!isNode(schema) || depth > 10) return undefined;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return fromPropertyExamples(spec, at(docs[spec], 'components', 'schemas', name), depth + 1);
  }
  if (schema.example !== undefined) return schema.example;
  if (schema.items !== undefined) {
    const item = fromPropertyExamples(spec, schema.items, depth + 1);
    return item === undefined ? [] : [item];
  }
  if (!isNode(schema.properties)) return undefined;
  const body: Node = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    const value = fromPropertyExamples(spec, property, depth + 1);
    if (value !== undefined) body[key] = value;
  }
  return body;
}

const component = (name: string, spec: SpecName = 'core') =>
  fromPropertyExamples(spec, { $ref: `#/components/schemas/${name}` }) as Node;

const clone = <T>(value: T): T => structuredClone(value);

const examples = responseExamples();
const getJobExamples = examples.filter(
  ([, method, path]) => method === 'get' && path === '/jobs/{jobId}',
);
const jobExample = (name: string) =>
  clone(getJobExamples.find((example) => example[4] === name)?.[5]) as Node;
const consentsExample = () =>
  clone(
    examples.find(
      ([, method, path]) => method === 'get' && path === '/users/{userId}/consents',
    )?.[5],
  ) as { data: Array<Node & { data: Node; purpose: Node }> };

const ONE_OF_OVERLAP =
  'GET /jobs/{jobId} 200: / must match exactly one schema in oneOf (passing: [0,1])';

describe('validateResponse', () => {
  it('should find the spec examples this file relies on', () => {
    expect(getJobExamples.map((example) => example[4])).toEqual([
      'data-in-progress',
      'data-failed',
      'data-success',
      'statement-in-progress',
      'statement-failed',
      'statement-success',
      'Mygov-in-progress',
      'Mygov-failed',
      'Mygov-success',
      'Report-in-progress',
      'Report-failed',
      'Report-success',
    ]);
    expect(examples.length - getJobExamples.length).toBe(24);
  });

  it.each(examples.filter((example) => !getJobExamples.includes(example)))(
    'should accept the %s spec example %s %s %i %s',
    (spec, method, path, status, _name, body) => {
      expect(validateResponse({ spec, method, path, status, body })).toEqual([]);
    },
  );

  // spec defect: getJobs' 200 schema is `oneOf: [job, StatementJobs, ReportsJob]`.
  // None of the three has `required` or `additionalProperties: false`, so any
  // job object matches both `job` and `StatementJobs` (and `ReportsJob` too
  // unless a step has `result: null`), and `oneOf` ("exactly one") rejects
  // every one of Basiq's own examples. Ajv names the first two passing branches.
  it.each(getJobExamples.filter((example) => example[4] !== 'Report-failed'))(
    'should reject the %s spec example %s %s %i %s (spec defect: oneOf overlap)',
    (spec, method, path, status, _name, body) => {
      expect(validateResponse({ spec, method, path, status, body })).toEqual([ONE_OF_OVERLAP]);
    },
  );

  it('should reject the Report-failed job example (spec defect: links: null not nullable)', () => {
    // spec defect: `links: null` where no branch's `links` is nullable, and
    // `result: null` where ReportsJob's `result` is not nullable.
    expect(
      validateResponse({
        method: 'get',
        path: '/jobs/{jobId}',
        status: 200,
        body: jobExample('Report-failed'),
      }),
    ).toEqual([
      'GET /jobs/{jobId} 200: /links must be object',
      'GET /jobs/{jobId} 200: /steps/0/result must be object',
      'GET /jobs/{jobId} 200: / must match exactly one schema in oneOf',
    ]);
  });

  it('should honour nullable: true and reject null where the schema is not nullable', () => {
    // Every step here has `result: null`; branch 0 (`job`, whose
    // `result` is `type: object, nullable: true`) still passes.
    const job = jobExample('data-in-progress');
    expect(
      validateResponse({ method: 'get', path: '/jobs/{jobId}', status: 200, body: job }),
    ).toEqual([ONE_OF_OVERLAP]);

    // The consents example has `purpose.other: null` (boolean, nullable) and
    // `data.organisation: null` (boolean, nullable): accepted above.
    const consents = consentsExample();
    const first = consents.data[0];
    if (!first) throw new Error('consents example has no data');
    expect(first.purpose.other).toBeNull();
    expect(first.data.organisation).toBeNull();
    first.data.retainData = null;
    expect(
      validateResponse({
        method: 'get',
        path: '/users/{userId}/consents',
        status: 200,
        body: consents,
      }),
    ).toEqual(['GET /users/{userId}/consents 200: /data/0/data/retainData must be boolean']);
  });

  it('should reject a job whose steps is a string or whose step status is a number', () => {
    const stepsString = { ...jobExample('data-success'), steps: 'verify-credentials' };
    expect(
      validateResponse({ method: 'GET', path: '/jobs/{jobId}', status: 200, body: stepsString }),
    ).toEqual([
      'GET /jobs/{jobId} 200: /steps must be array',
      'GET /jobs/{jobId} 200: / must match exactly one schema in oneOf',
    ]);

    const statusNumber = jobExample('data-success') as { steps: Node[] };
    const step = statusNumber.steps[0];
    if (!step) throw new Error('job example has no steps');
    step.status = 2;
    expect(
      validateResponse({ method: 'GET', path: '/jobs/{jobId}', status: 200, body: statusNumber }),
    ).toEqual([
      'GET /jobs/{jobId} 200: /steps/0/status must be string',
      'GET /jobs/{jobId} 200: / must match exactly one schema in oneOf',
    ]);
  });

  it('should check the list of jobs against JobsData, which the getJobs examples do not fit', () => {
    // The same jobs, listed by GET /users/{userId}/jobs (schema JobsResponseResource).
    const list = (...jobs: Node[]) => ({
      type: 'list',
      size: jobs.length,
      data: jobs,
      links: { self: 'https://au-api.basiq.io/users/u1/jobs' },
    });
    const validate = (body: unknown) =>
      validateResponse({ method: 'get', path: '/users/{userId}/jobs', status: 200, body });

    // spec defects: JobsData requires `institution`, which no job example has;
    // JobsResult (a step's result) is not nullable although pending steps have
    // `result: null`; its `code` enum lacks `authorization-failed`. The
    // failure `detail` (the schema says `details`) is NOT caught: JobsResult
    // allows additional properties.
    expect(validate(list(jobExample('data-failed')))).toEqual([
      "GET /users/{userId}/jobs 200: /data/0 must have required property 'institution'",
      'GET /users/{userId}/jobs 200: /data/0/steps/0/result/code must be equal to one of the allowed values (["success","user-action-required","system-unavailable","maintenance","connector-error","institution-not-found","institution-not-available","institution-disabled","missing-required-field","missing-required-field-value","invalid-field-value","invalid-csv-row","row-count-exceeded","account-data-differs","empty-file","bank-statement-invalid","bank-statement-new-product","bank-statement-parsing-error","bank-statement-not-supported","txn-after-last-updated-date","invalid-connection","unknown-error","job-timed-out"])',
      'GET /users/{userId}/jobs 200: /data/0/steps/1/result must be object',
      'GET /users/{userId}/jobs 200: /data/0/steps/2/result must be object',
    ]);

    // spec defect: the step title enum lacks `mfa-challenge`. The MFA result
    // fields (method, description, input, expiryMs, links) are missing from the
    // schema but NOT caught: additional properties are allowed.
    const institution = {
      type: 'institution',
      id: 'AU20700',
      links: { self: 'https://au-api.basiq.io/institutions/AU20700' },
    };
    expect(validate(list({ ...jobExample('Mygov-success'), institution }))).toEqual([
      'GET /users/{userId}/jobs 200: /data/0/steps/1/title must be equal to one of the allowed values (["verify-credentials","retrieve-accounts","retrieve-transactions","retrieve-statements"])',
    ]);
    expect(validate(list({ ...jobExample('data-success'), institution }))).toEqual([]);
  });

  it('should accept the token response built from its property examples and reject a bad one', () => {
    const token = component('TokenPostResponse');
    expect(token).toEqual({
      access_token: expect.stringMatching(/^eyJ/),
      expires_in: 3600,
      token_type: 'Bearer',
    });
    const validate = (body: unknown) =>
      validateResponse({ method: 'post', path: '/token', status: 200, body });
    expect(validate(token)).toEqual([]);
    expect(validate({ ...token, access_token: 12345 })).toEqual([
      'POST /token 200: /access_token must be string',
    ]);
    expect(validate({ access_token: 'x', token_type: 'Bearer' })).toEqual([
      "POST /token 200: / must have required property 'expires_in'",
    ]);
    expect(validate('<html>Bad gateway</html>')).toEqual(['POST /token 200: / must be object']);
  });

  it('should check formats and additionalProperties: false', () => {
    const consents = consentsExample();
    const first = consents.data[0];
    if (!first) throw new Error('consents example has no data');
    first.id = 'not-a-uuid';
    first.created = 'yesterday';
    first.extra = true;
    expect(
      validateResponse({
        method: 'get',
        path: '/users/{userId}/consents',
        status: 200,
        body: consents,
      }),
    ).toEqual([
      'GET /users/{userId}/consents 200: /data/0 must NOT have additional properties (extra)',
      'GET /users/{userId}/consents 200: /data/0/id must match format "uuid"',
      'GET /users/{userId}/consents 200: /data/0/created must match format "date-time"',
    ]);
  });

  it('should reject the user built from its property examples (spec defects: numeric mobile, auth_link)', () => {
    // spec defects: the `mobile` example is a YAML number (61410888666), and
    // GetUserLinks requires `auth_link`, which it does not define.
    const user = component('UserGetResponse');
    expect(
      validateResponse({ method: 'get', path: '/users/{userId}', status: 200, body: user }),
    ).toEqual([
      'GET /users/{userId} 200: /mobile must be string',
      "GET /users/{userId} 200: /links must have required property 'auth_link'",
    ]);
    const links = user.links as Node;
    expect(
      validateResponse({
        method: 'get',
        path: '/users/{userId}',
        status: 200,
        body: { ...user, mobile: '+61410888666', links: { ...links, auth_link: 'x' } },
      }),
    ).toEqual([]);
  });

  it('should read statuses written as YAML integers (auth_link 201, 410)', () => {
    // In core.yml, `201:` and `410:` are integer keys; `'401':` is a string.
    const authLink = component('AuthLinksPostResponseResource');
    // spec defect: the `mobile` example `+61410000000` is unquoted, so a YAML number.
    expect(authLink.mobile).toBe(61410000000);
    const validate = (status: number, body: unknown) =>
      validateResponse({ method: 'post', path: '/users/{userId}/auth_link', status, body });
    expect(validate(201, authLink)).toEqual([
      'POST /users/{userId}/auth_link 201: /mobile must be string',
    ]);
    expect(validate(201, { ...authLink, mobile: '+61410000000' })).toEqual([]);
    expect(
      validateResponse({
        method: 'get',
        path: '/users/{userId}/auth_link',
        status: 410,
        body: {
          type: 'list',
          correlationId: 'c1',
          data: [{ type: 'error', code: 'resource-no-longer-available', title: 'Gone' }],
        },
      }),
    ).toEqual([]);
  });

  it('should reject a 503 error envelope (spec defect: code typed as object)', () => {
    // spec defect: StatusServiceUnavailableError says `code: { type: object }`,
    // with the example `service-unavailable`.
    const envelope = component('StatusServiceUnavailableError');
    expect(envelope).toMatchObject({ data: [{ code: 'service-unavailable' }] });
    expect(
      validateResponse({ method: 'delete', path: '/users/{userId}', status: 503, body: envelope }),
    ).toEqual(['DELETE /users/{userId} 503: /data/0/code must be object']);
  });

  it('should ignore keywords next to a $ref, as OpenAPI 3.0 says', () => {
    // data.yml: AccountResponseResource.class is `$ref: AccountClass` (an
    // object) with a sibling string `enum`; only the $ref counts.
    const account = component('AccountResponseResource', 'data');
    const classErrors = (body: unknown) =>
      validateResponse({
        spec: 'data',
        method: 'get',
        path: '/users/{userId}/accounts/{accountId}',
        status: 200,
        body,
      }).filter((error) => error.includes(' /class'));
    expect(account.class).toEqual({ type: 'mortgage', product: 'Hooli Home Loan' });
    expect(classErrors(account)).toEqual([]);
    expect(classErrors({ ...account, class: { type: 'savings' } })).toEqual([
      "GET /users/{userId}/accounts/{accountId} 200: /class must have required property 'product'",
    ]);
    // AccountClass has `properties` and `required` but no `type: object`, so a
    // string is not rejected either.
    expect(classErrors({ ...account, class: 'savings' })).toEqual([]);
  });

  it('should require no body where the spec has no content', () => {
    const validate = (body: unknown) =>
      validateResponse({ method: 'delete', path: '/users/{userId}', status: 204, body });
    expect(validate(undefined)).toEqual([]);
    expect(validate('')).toEqual([]);
    expect(validate({ deleted: true })).toEqual([
      'DELETE /users/{userId} 204: spec says no body, got {"deleted":true}',
    ]);
  });

  it('should report a status the operation does not document', () => {
    expect(
      validateResponse({ method: 'get', path: '/jobs/{jobId}', status: 418, body: {} }),
    ).toEqual([
      'GET /jobs/{jobId} 418: status not in spec (documented: 200, 400, 401, 403, 404, 500)',
    ]);
  });

  it('should throw for an operation the spec does not have', () => {
    expect(() =>
      validateResponse({ method: 'patch', path: '/jobs/{jobId}', status: 200, body: {} }),
    ).toThrow('core.yml has no operation PATCH /jobs/{jobId}');
    expect(() =>
      validateResponse({ method: 'get', path: '/jobs/abc', status: 200, body: {} }),
    ).toThrow('core.yml has no operation GET /jobs/abc');
    expect(() =>
      validateResponse({ spec: 'data', method: 'post', path: '/token', status: 200, body: {} }),
    ).toThrow('data.yml has no operation POST /token');
  });

  it('should compile the schema of every documented response in both specs', () => {
    let count = 0;
    for (const spec of ['core', 'data'] as const) {
      for (const [method, path] of operations(spec)) {
        const responses = at(docs[spec], 'paths', path, method, 'responses') as Node;
        for (const status of Object.keys(responses)) {
          expect(
            validateResponse({ spec, method, path, status: Number(status), body: undefined }),
          ).toBeInstanceOf(Array);
          count += 1;
        }
      }
    }
    expect(count).toBeGreaterThan(150);
  });
});

describe('matchPath', () => {
  it('should resolve concrete paths to their templates', () => {
    expect(matchPath('/jobs/abc')).toBe('/jobs/{jobId}');
    expect(matchPath('/jobs/abc/mfa')).toBe('/jobs/{jobId}/mfa');
    expect(matchPath('/users/u1/consents/c1')).toBe('/users/{userId}/consents/{consentId}');
    expect(matchPath('/users/u1/auth_link')).toBe('/users/{userId}/auth_link');
    expect(matchPath('/token')).toBe('/token');
  });

  it('should prefer a literal segment over a parameter', () => {
    expect(matchPath('/events/types')).toBe('/events/types');
    expect(matchPath('/events/e1')).toBe('/events/{id}');
    expect(matchPath('/events/types/user.created')).toBe('/events/types/{id}');
    expect(matchPath('/users/u1/connections/refresh', 'data')).toBe(
      '/users/{userId}/connections/refresh',
    );
    expect(matchPath('/users/u1/connections/c1', 'data')).toBe(
      '/users/{userId}/connections/{connectionId}',
    );
  });

  it('should ignore the origin, query string and fragment', () => {
    expect(matchPath("https://au-api.basiq.io/users/u1/jobs?filter=connection.id.eq('c1')")).toBe(
      '/users/{userId}/jobs',
    );
    expect(matchPath('/users/u1/transactions?limit=500#x', 'data')).toBe(
      '/users/{userId}/transactions',
    );
  });

  it('should return undefined when no template matches', () => {
    expect(matchPath('/nope')).toBeUndefined();
    expect(matchPath('/jobs')).toBeUndefined();
    expect(matchPath('/jobs/abc/extra')).toBeUndefined();
    expect(matchPath('/jobs//mfa')).toBeUndefined();
    expect(matchPath('/users/u1/accounts')).toBeUndefined();
  });

  it('should resolve every template of both specs to itself', () => {
    for (const spec of ['core', 'data'] as const) {
      for (const [, path] of operations(spec)) {
        expect(matchPath(path.replace(/\{[^}]+\}/g, 'x1'), spec)).toBe(path);
      }
    }
  });
});

describe('operations', () => {
  it('should list every operation of core.yml', () => {
    expect(operations()).toEqual([
      ['post', '/token'],
      ['post', '/users'],
      ['get', '/users/{userId}'],
      ['post', '/users/{userId}'],
      ['delete', '/users/{userId}'],
      ['get', '/users/{userId}/consents'],
      ['delete', '/users/{userId}/consents/{consentId}'],
      ['get', '/users/{userId}/auth_link'],
      ['post', '/users/{userId}/auth_link'],
      ['delete', '/users/{userId}/auth_link'],
      ['get', '/events'],
      ['get', '/events/{id}'],
      ['get', '/events/types'],
      ['get', '/events/types/{id}'],
      ['get', '/users/{userId}/jobs'],
      ['get', '/jobs/{jobId}'],
      ['post', '/jobs/{jobId}/mfa'],
    ]);
  });

  it('should list the operations of data.yml', () => {
    const ops = operations('data');
    expect(ops).toContainEqual(['get', '/users/{userId}/accounts']);
    expect(ops).toContainEqual(['post', '/users/{userId}/connections/{connectionId}/refresh']);
    expect(ops).toContainEqual(['get', '/connectors/{connectorId}/{method}']);
    expect(ops).not.toContainEqual(['post', '/token']);
    expect(new Set(ops.map(([method, path]) => `${method} ${path}`)).size).toBe(ops.length);
  });
});
