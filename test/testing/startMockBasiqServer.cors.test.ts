// CORS of the mock Basiq over real HTTP on loopback, driven with Node's own fetch (no MSW here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockBasiqServer, type MockBasiqServer } from '../../src/testing';
import { APP_ORIGIN } from './startMockBasiqServerFixtures';

describe('startMockBasiqServer', () => {
  describe('CORS', () => {
    let open: MockBasiqServer;
    let strict: MockBasiqServer;
    beforeAll(async () => {
      [open, strict] = await Promise.all([
        startMockBasiqServer(),
        startMockBasiqServer({ corsOrigins: ['http://a.test'] }),
      ]);
    });
    afterAll(() => Promise.all([open.close(), strict.close()]));

    const preflight = (server: MockBasiqServer, origin: string) =>
      fetch(`${server.url}/jobs/j1`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization, basiq-version',
        },
      });

    it('should answer a preflight with 204 allowing the origin, methods and headers', async () => {
      const response = await preflight(open, APP_ORIGIN);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      const methods = response.headers.get('access-control-allow-methods') ?? '';
      for (const method of ['GET', 'POST', 'DELETE']) expect(methods).toContain(method);
      const headers = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      expect(headers).toContain('authorization');
      expect(headers).toContain('basiq-version');
      expect(await response.text()).toBe('');
      // A preflight is not an API call.
      expect(open.control.requests()).toEqual([]);
    });

    it('should echo the origin on normal and error answers and expose retry-after', async () => {
      const token = open.control.clientToken('u1');
      const response = await fetch(`${open.url}/users/u1/jobs`, {
        headers: { authorization: `Bearer ${token}`, origin: APP_ORIGIN },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      expect(response.headers.get('access-control-expose-headers')).toMatch(/retry-after/i);
      expect(response.headers.get('vary')).toMatch(/origin/i);
      // Error answers too, or the browser app could not read Basiq's error envelope.
      const refused = await fetch(`${open.url}/jobs/j1`, { headers: { origin: APP_ORIGIN } });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    });

    it('should only allow the listed origins when corsOrigins is given', async () => {
      const allowed = await preflight(strict, 'http://a.test');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://a.test');
      const refused = await preflight(strict, APP_ORIGIN);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();

      const ok = await fetch(`${strict.url}/jobs/j1`, { headers: { origin: 'http://a.test' } });
      expect(ok.headers.get('access-control-allow-origin')).toBe('http://a.test');
      const other = await fetch(`${strict.url}/jobs/j1`, { headers: { origin: APP_ORIGIN } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.headers.get('access-control-expose-headers')).toBeNull();
    });

    it('should send no CORS headers to a request without Origin', async () => {
      const response = await fetch(`${open.url}/jobs/j1`);
      expect(response.status).toBe(401);
      const cors = [...response.headers.keys()].filter((name) =>
        name.startsWith('access-control-'),
      );
      expect(cors).toEqual([]);
    });
  });
});
