import type { SetupServer } from 'msw/node';
import { expect } from 'vitest';
import { createBasiqClient } from '../../src';
import type { Job } from '../../src';
import { createBasiqMock } from '../../src/testing';
import type { BasiqMockOptions } from '../../src/testing';

/** Fixtures shared by the `scenarios.*.test.ts` files. */

export const API = 'https://au-api.basiq.io';
export const USER = 'u1';
export const RIGHT = '123456';
export const OTP_PROMPT = 'We sent a code by SMS to your mobile number XXXX XXX 178.';

export type Raw = Record<string, unknown> & {
  steps: Array<{ title: string; status: string; result: unknown }>;
};

/** The `setup` of a test file, handlers going to that file's MSW `server`. */
export function createSetup(server: SetupServer) {
  /** A fresh mock on a manual clock, a client for USER and a raw (SERVER_ACCESS) job reader. */
  return function setup(options: BasiqMockOptions = {}) {
    const { handlers, control } = createBasiqMock({ clock: 'manual', ...options });
    server.use(...handlers);
    const client = createBasiqClient({
      getToken: async () => control.clientToken(USER),
      retry: { attempts: 1 },
    });
    /** `GET /jobs/{id}` as Basiq sends it, read with a SERVER_ACCESS token. */
    async function raw(jobId: string): Promise<Raw> {
      const response = await fetch(`${API}/jobs/${jobId}`, {
        headers: { authorization: `Bearer ${control.serverToken()}` },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as Raw;
    }
    /** A POST with a CLIENT_ACCESS token of USER. */
    async function post(path: string, body?: unknown) {
      const response = await fetch(`${API}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${control.clientToken(USER)}`,
          'content-type': 'application/json',
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }
    const start = control.now();
    /** Moves the mock clock to `ms` after setup. */
    const at = (ms: number) => {
      const elapsed = control.now() - start;
      expect(ms).toBeGreaterThanOrEqual(elapsed);
      control.advance(ms - elapsed);
    };
    return { control, client, raw, post, at, start };
  };
}

export const statuses = (job: Job) => job.steps.map((s) => `${s.title}:${s.status}`);
export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
