import { expect } from 'vitest';
import { bearer, clientAuth, control, serverAuth, u1 } from './case';
import type { Case } from './case';

export const consentCases: Case[] = [
  {
    name: 'GET /users/{userId}/consents with an active consent',
    status: 200,
    run: (r) => {
      r.job('success');
      return r.get(`${u1}/consents`, { auth: clientAuth('u1') });
    },
  },
  {
    name: 'GET /users/{userId}/consents with a revoked and an active consent',
    status: 200,
    run: async (r) => {
      r.job('success');
      const list = (await r.get(`${u1}/consents`, { auth: serverAuth() })).body as {
        data: Array<{ id: string }>;
      };
      await r.delete(`${u1}/consents/${list.data[0]!.id}`, { auth: serverAuth() });
      r.job('success');
      return r.get(`${u1}/consents`, { auth: clientAuth('u1') });
    },
    shows: (body) =>
      expect(
        (body as { data: Array<{ status: string }> }).data.map((c) => c.status).sort(),
      ).toEqual(['active', 'revoked']),
  },
  {
    name: 'GET /users/{userId}/consents of a user without consents',
    status: 200,
    run: (r) => r.get(`${u1}/consents`, { auth: clientAuth('u1') }),
  },
  {
    name: "GET /users/{userId}/consents 401 with another user's CLIENT_ACCESS token",
    status: 401,
    run: (r) => r.get(`${u1}/consents`, { auth: clientAuth('u2') }),
  },
  {
    name: 'GET /users/{userId}/consents 403 with an expired token',
    status: 403,
    run: (r) => {
      const auth = bearer(control.clientToken('u1', { expiresInSeconds: 1 }));
      control.advance(1000);
      return r.get(`${u1}/consents`, { auth });
    },
  },
  {
    name: 'GET /users/{userId}/consents 404',
    status: 404,
    run: (r) => r.get('/users/nobody/consents', { auth: serverAuth() }),
  },
  {
    name: 'DELETE /users/{userId}/consents/{consentId}',
    status: 204,
    run: async (r) => {
      r.job('success');
      const list = (await r.get(`${u1}/consents`, { auth: clientAuth('u1') })).body as {
        data: Array<{ id: string }>;
      };
      return r.delete(`${u1}/consents/${list.data[0]!.id}`, { auth: clientAuth('u1') });
    },
  },
  {
    name: 'DELETE /users/{userId}/consents/{consentId} 401 without a token',
    status: 401,
    run: (r) => r.delete(`${u1}/consents/c1`),
  },
  {
    name: 'DELETE /users/{userId}/consents/{consentId} 404',
    status: 404,
    run: (r) => r.delete(`${u1}/consents/no-such-consent`, { auth: clientAuth('u1') }),
  },
];
