import { expect, vi } from 'vitest';
import { createBasiqClient } from '../../src';
import { createBasiqMock } from '../../src/testing';
import type { BasiqMockControl, BasiqMockOptions } from '../../src/testing';
import { setupMswServer } from './server';

// Helpers for the tests of the mock Basiq (src/testing) through MSW.
// `setupMockBasiq()` registers the calling file's server hooks: call it once,
// at the top of the file (it is named `setup…`, not `use…`, since the React
// hooks lint rule refuses a `use…` call at the top level). The rest are
// stateless.

export const BASE = 'https://au-api.basiq.io';
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const DAY = 24 * 60 * MINUTE;

/**
 * An MSW server for one test file (unhandled requests fail the test; handlers
 * and real timers are restored after each test), and `mockBasiq()` to install
 * a fresh mock on it.
 */
export function setupMockBasiq() {
  const server = setupMswServer();

  /** A mock on a frozen clock, its handlers installed for this test. */
  function mockBasiq(options: BasiqMockOptions = {}): BasiqMockControl {
    const { handlers, control } = createBasiqMock({ clock: 'manual', ...options });
    server.use(...handlers);
    return control;
  }

  return { server, mockBasiq };
}

export interface CallInit {
  method?: string;
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One request to the mock, as a browser or server would send it. */
export function call(path: string, { method = 'GET', token, headers = {}, body }: CallInit = {}) {
  return fetch(`${BASE}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** `POST /token` with the default API key, version header and form body (each overridable). */
export function postToken(form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${BASE}/token`, {
    method: 'POST',
    headers: {
      authorization: 'Basic test-api-key',
      'basiq-version': '3.0',
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body: new URLSearchParams(form).toString(),
  });
}

interface Envelope {
  type: string;
  correlationId: string;
  data: Array<{
    type: string;
    code: string;
    title: string;
    detail: string;
    source?: { parameter?: string };
  }>;
}

/** The first error of a Basiq envelope, after checking the envelope's shape. */
export async function firstError(response: Response) {
  const body = (await response.json()) as Envelope;
  expect(body).toMatchObject({ type: 'list', correlationId: expect.any(String) });
  expect(body.data).toHaveLength(1);
  expect(body.data[0]).toMatchObject({ type: 'error', code: expect.any(String) });
  return body.data[0]!;
}

/** The JWT payload, decoded by hand. */
export function claimsOf(token: string): Record<string, unknown> {
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** A client whose tokens come straight from the mock (no retries, so failures show at once). */
export function clientFor(control: BasiqMockControl, userId: string) {
  const getToken = vi.fn(async () => control.clientToken(userId));
  const client = createBasiqClient({ getToken, retry: { attempts: 1 } });
  return { client, getToken };
}

/** What `promise` rejects with (and a failure if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
