import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { matchPath, operations, validateResponse } from './openapi';
import type { SpecName } from './openapi';
import { SPEC_DEVIATIONS, excuseSpecDeviations } from './spec-deviations';
import type { SpecDeviation } from './spec-deviations';
import { API, Run, control, handlers } from './cases/case';
import type { Case, Exchange } from './cases/case';
import { authLinkCases } from './cases/authLinkCases';
import { consentCases } from './cases/consentCases';
import { eventCases } from './cases/eventCases';
import { faultCases } from './cases/faultCases';
import { jobCases } from './cases/jobCases';
import { tokenCases } from './cases/tokenCases';
import { userCases } from './cases/userCases';

// Every route of the mock, at every stage that changes the shape of its
// answer, checked against Basiq's OpenAPI files. Errors the spec gets wrong
// are excused by ./spec-deviations.ts; anything else is a bug in the mock.
// The cases live in ./cases/, one file per group; they drive the one mock of
// ./cases/case.ts, served here.

const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => control.reset());
afterAll(() => server.close());

/** The spec an implemented path belongs to: core.yml, else data.yml. */
function specOf(path: string): { spec: SpecName; template: string } | undefined {
  for (const spec of ['core', 'data'] as const) {
    const template = matchPath(path, spec);
    if (template !== undefined) return { spec, template };
  }
  return undefined;
}

interface Checked extends Exchange {
  operation: string;
  errors: string[];
  remaining: string[];
  used: SpecDeviation[];
}

/** Validates one exchange against its operation, through the deviations. */
function check(exchange: Exchange): Checked {
  const found = specOf(exchange.path);
  if (!found) throw new Error(`No spec operation for ${exchange.method} ${exchange.path}`);
  const operation = `${exchange.method} ${found.template}`;
  const errors = validateResponse({
    spec: found.spec,
    method: exchange.method,
    path: found.template,
    status: exchange.status,
    body: exchange.body,
  });
  return {
    ...exchange,
    operation,
    errors,
    ...excuseSpecDeviations(errors, operation, exchange.status),
  };
}

async function runCase(c: Case): Promise<{ last: Checked | undefined; checked: Checked[] }> {
  control.reset();
  const run = new Run();
  await c.run(run);
  const checked = run.exchanges.map(check);
  return { last: checked.at(-1), checked };
}

const groups: Record<string, Case[]> = {
  tokens: tokenCases,
  users: userCases,
  jobs: jobCases,
  consents: consentCases,
  'auth links': authLinkCases,
  events: eventCases,
  'injected faults': faultCases,
};
const allCases = Object.values(groups).flat();

// --- the tests --------------------------------------------------------------

/** `METHOD /template` of a mock handler, or undefined for the catch-all. */
function handlerOperation(handler: (typeof handlers)[number]): string | undefined {
  const { method, path } = handler.info as { method: unknown; path: unknown };
  if (typeof method !== 'string' || typeof path !== 'string') return undefined;
  if (!path.startsWith(API)) throw new Error(`handler outside the API: ${method} ${path}`);
  const found = specOf(path.slice(API.length).replace(/:[^/]+/g, 'x1'));
  return found ? `${method.toUpperCase()} ${found.template}` : `${method.toUpperCase()} ${path}`;
}

const implemented = handlers
  .map(handlerOperation)
  .filter((operation): operation is string => operation !== undefined);

const specOperations = (spec: SpecName) =>
  operations(spec).map(([method, path]) => `${method.toUpperCase()} ${path}`);

let everything: Promise<Checked[]> | undefined;
/** Every exchange of every case (run once, for the checks over the whole set). */
const runEverything = () =>
  (everything ??= (async () => {
    const all: Checked[] = [];
    for (const c of allCases) all.push(...(await runCase(c)).checked);
    return all;
  })());

describe('createBasiqMock', () => {
  for (const [group, cases] of Object.entries(groups)) {
    describe(`${group} against core.yml / data.yml`, () => {
      it.each(cases.map((c) => [c.name, c] as const))(
        'should answer %s as the spec says',
        async (_name, c) => {
          const { last, checked } = await runCase(c);
          expect(last?.status, JSON.stringify(last?.body)).toBe(c.status);
          c.shows?.(last?.body);
          expect(checked.flatMap((x) => x.remaining)).toEqual([]);
        },
      );
    });
  }

  it('should implement only operations of core.yml or data.yml, each once', () => {
    const known = new Set([...specOperations('core'), ...specOperations('data')]);
    expect(implemented.length).toBeGreaterThan(0);
    expect(implemented.filter((operation) => !known.has(operation))).toEqual([]);
    expect(new Set(implemented).size).toBe(implemented.length);
  });

  it('should leave exactly these spec operations unimplemented', () => {
    const done = new Set(implemented);
    expect(specOperations('core').filter((operation) => !done.has(operation))).toEqual([]);
    expect(specOperations('data').filter((operation) => !done.has(operation))).toEqual([
      'GET /users/{userId}/accounts',
      'GET /users/{userId}/accounts/{accountId}',
      'GET /users/{userId}/transactions',
      'GET /users/{userId}/transactions/{transactionId}',
      'GET /users/{userId}/connections',
      'POST /users/{userId}/connections/refresh',
      'GET /users/{userId}/connections/{connectionId}',
      'DELETE /users/{userId}/connections/{connectionId}',
      'POST /users/{userId}/connections/{connectionId}/purge',
      'POST /users/{userId}/statements',
      'GET /connectors',
      'GET /connectors/{connectorId}/{method}',
    ]);
  });

  it('should get a request on every route it implements from the cases above', async () => {
    const sent = new Set((await runEverything()).map((x) => x.operation));
    expect([...sent].sort()).toEqual([...implemented].sort());
  });
});

describe('SPEC_DEVIATIONS', () => {
  it('should each name a status the spec documents for one of its operations', () => {
    for (const deviation of SPEC_DEVIATIONS) {
      const [method = '', path = ''] = deviation.operation.split(' ');
      const spec = specOperations('core').includes(deviation.operation) ? 'core' : 'data';
      expect(specOperations(spec), deviation.operation).toContain(deviation.operation);
      expect(
        validateResponse({ spec, method, path, status: deviation.status, body: undefined }).join(),
        `${deviation.operation} ${deviation.status}`,
      ).not.toContain('status not in spec');
    }
  });

  it('should each have a one-line reason and a stateless pattern', () => {
    for (const { error, reason } of SPEC_DEVIATIONS) {
      expect(reason, String(error)).toMatch(/^[^\n]{30,250}$/);
      expect(error.global || error.sticky, String(error)).toBe(false);
      expect(error.source, 'anchor the pattern').toMatch(/^\^/);
    }
  });

  it('should each still excuse an error of some mock response (no stale exception)', async () => {
    const used = new Set((await runEverything()).flatMap((x) => x.used));
    expect(
      SPEC_DEVIATIONS.filter((d) => !used.has(d)).map(
        (d) => `${d.operation} ${d.status} ${d.error}`,
      ),
    ).toEqual([]);
  });
});

describe('excuseSpecDeviations', () => {
  const operation = 'GET /jobs/{jobId}';
  const overlap = `${operation} 200: / must match exactly one schema in oneOf (passing: [0,1])`;
  const overlapDeviation = SPEC_DEVIATIONS.find(
    (d) =>
      d.operation === operation &&
      d.status === 200 &&
      d.error.test(overlap.slice(`${operation} 200: `.length)),
  );

  it('should excuse an error a deviation matches and say which deviation did', () => {
    expect(overlapDeviation).toBeDefined();
    expect(excuseSpecDeviations([overlap], operation, 200)).toEqual({
      remaining: [],
      used: [overlapDeviation],
    });
  });

  it('should keep an error of another status, another operation or another message', () => {
    const otherStatus = overlap.replace(' 200:', ' 404:');
    expect(excuseSpecDeviations([otherStatus], operation, 404).remaining).toEqual([otherStatus]);
    const otherOperation = overlap.replace(operation, 'GET /users/{userId}/jobs');
    expect(
      excuseSpecDeviations([otherOperation], 'GET /users/{userId}/jobs', 200).remaining,
    ).toEqual([otherOperation]);
    const otherMessage = `${operation} 200: /steps/0/status must be string`;
    expect(excuseSpecDeviations([otherMessage, overlap], operation, 200)).toEqual({
      remaining: [otherMessage],
      used: [overlapDeviation],
    });
  });

  it('should keep an error whose line is labelled for another operation than the one given', () => {
    expect(excuseSpecDeviations([overlap], 'GET /users/{userId}/jobs', 200).remaining).toEqual([
      overlap,
    ]);
    expect(excuseSpecDeviations([overlap], operation, 500).remaining).toEqual([overlap]);
  });
});
