import { bearer, clientAuth, control, serverAuth, u1 } from './case';
import type { Case } from './case';

export const authLinkCases: Case[] = [
  {
    name: 'POST /users/{userId}/auth_link with a mobile',
    status: 201,
    run: (r) => {
      control.createUser({ id: 'u1' });
      return r.post(`${u1}/auth_link`, { auth: serverAuth(), json: { mobile: '+61410000000' } });
    },
  },
  {
    name: "POST /users/{userId}/auth_link with the user's mobile",
    status: 201,
    run: (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      return r.post(`${u1}/auth_link`, { auth: clientAuth('u1') });
    },
  },
  {
    name: 'POST /users/{userId}/auth_link 400 when nobody has a mobile',
    status: 400,
    run: (r) => {
      control.createUser({ id: 'u1' });
      return r.post(`${u1}/auth_link`, { auth: serverAuth(), json: {} });
    },
  },
  {
    name: "POST /users/{userId}/auth_link 401 with another user's CLIENT_ACCESS token",
    status: 401,
    run: (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      return r.post(`${u1}/auth_link`, { auth: clientAuth('u2') });
    },
  },
  {
    name: 'POST /users/{userId}/auth_link 403 with an expired token',
    status: 403,
    run: (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      const auth = bearer(control.serverToken({ expiresInSeconds: 1 }));
      control.advance(1000);
      return r.post(`${u1}/auth_link`, { auth });
    },
  },
  {
    name: 'POST /users/{userId}/auth_link 404',
    status: 404,
    run: (r) =>
      r.post('/users/nobody/auth_link', { auth: serverAuth(), json: { mobile: '+61410000000' } }),
  },
  {
    name: 'GET /users/{userId}/auth_link',
    status: 200,
    run: async (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      await r.post(`${u1}/auth_link`, { auth: serverAuth() });
      return r.get(`${u1}/auth_link`, { auth: serverAuth() });
    },
  },
  {
    name: 'GET /users/{userId}/auth_link 410 after DELETE',
    status: 410,
    run: async (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      await r.post(`${u1}/auth_link`, { auth: serverAuth() });
      await r.delete(`${u1}/auth_link`, { auth: serverAuth() });
      return r.get(`${u1}/auth_link`, { auth: serverAuth() });
    },
  },
  {
    name: 'GET /users/{userId}/auth_link 410 after 7 days',
    status: 410,
    run: async (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      await r.post(`${u1}/auth_link`, { auth: serverAuth() });
      control.advance(7 * 86_400_000);
      return r.get(`${u1}/auth_link`, { auth: serverAuth() });
    },
  },
  {
    name: 'GET /users/{userId}/auth_link 401 without a token',
    status: 401,
    run: (r) => r.get(`${u1}/auth_link`),
  },
  {
    name: 'GET /users/{userId}/auth_link 404',
    status: 404,
    run: (r) => r.get('/users/nobody/auth_link', { auth: serverAuth() }),
  },
  {
    name: 'DELETE /users/{userId}/auth_link',
    status: 204,
    run: async (r) => {
      control.createUser({ id: 'u1', mobile: '+61410000000' });
      await r.post(`${u1}/auth_link`, { auth: serverAuth() });
      return r.delete(`${u1}/auth_link`, { auth: clientAuth('u1') });
    },
  },
  {
    name: 'DELETE /users/{userId}/auth_link 401 with a garbled token',
    status: 401,
    run: (r) => r.delete(`${u1}/auth_link`, { auth: 'Bearer x.y.z' }),
  },
  {
    name: 'DELETE /users/{userId}/auth_link 404',
    status: 404,
    run: (r) => r.delete('/users/nobody/auth_link', { auth: serverAuth() }),
  },
];
