import { bearer, clientAuth, control, serverAuth, u1 } from './case';
import type { Case } from './case';

export const userCases: Case[] = [
  {
    name: 'POST /users',
    status: 201,
    run: (r) =>
      r.post('/users', {
        auth: serverAuth(),
        json: {
          email: 'max@hooli.com',
          mobile: '+61410888666',
          firstName: 'Max',
          lastName: 'Hooli',
        },
      }),
  },
  {
    name: 'POST /users with an email only',
    status: 201,
    run: (r) => r.post('/users', { auth: serverAuth(), json: { email: 'max@hooli.com' } }),
  },
  {
    name: 'POST /users with a mobile only',
    status: 201,
    run: (r) => r.post('/users', { auth: serverAuth(), json: { mobile: '+61410888666' } }),
  },
  {
    name: 'POST /users 400 without email or mobile',
    status: 400,
    run: (r) => r.post('/users', { auth: serverAuth(), json: { firstName: 'Max' } }),
  },
  {
    name: 'POST /users 401 without a token',
    status: 401,
    run: (r) => r.post('/users', { json: { email: 'max@hooli.com' } }),
  },
  {
    name: 'POST /users 403 with a CLIENT_ACCESS token',
    status: 403,
    run: (r) => r.post('/users', { auth: clientAuth('u1'), json: { email: 'max@hooli.com' } }),
  },
  {
    name: 'GET /users/{userId} of a new user',
    status: 200,
    run: (r) => {
      control.createUser({ id: 'u1', email: 'max@hooli.com', mobile: '+61410888666' });
      return r.get(u1, { auth: serverAuth() });
    },
  },
  {
    name: 'GET /users/{userId} of a user with a mobile only',
    status: 200,
    run: (r) => {
      control.createUser({ id: 'u1', mobile: '+61410888666' });
      return r.get(u1, { auth: serverAuth() });
    },
  },
  {
    name: 'GET /users/{userId} with a connection',
    status: 200,
    run: (r) => {
      r.job('success');
      return r.get(u1, { auth: serverAuth() });
    },
  },
  {
    name: 'GET /users/{userId} 401 with a garbled token',
    status: 401,
    run: (r) => r.get(u1, { auth: 'Bearer not-a-jwt' }),
  },
  {
    name: 'GET /users/{userId} 403 with an expired token',
    status: 403,
    run: (r) => {
      control.createUser({ id: 'u1' });
      const auth = bearer(control.serverToken({ expiresInSeconds: 60 }));
      control.advance(60_000);
      return r.get(u1, { auth });
    },
  },
  {
    name: 'GET /users/{userId} 404',
    status: 404,
    run: (r) => r.get('/users/nobody', { auth: serverAuth() }),
  },
  {
    name: 'POST /users/{userId} (update)',
    status: 200,
    run: (r) => {
      control.createUser({ id: 'u1', email: 'max@hooli.com' });
      return r.post(u1, { auth: serverAuth(), json: { mobile: '+61410888666', firstName: 'Max' } });
    },
  },
  {
    name: 'POST /users/{userId} (update) of a user with a mobile only',
    status: 200,
    run: (r) => {
      control.createUser({ id: 'u1', mobile: '+61410888666' });
      return r.post(u1, { auth: serverAuth(), json: { firstName: 'Max' } });
    },
  },
  {
    name: 'POST /users/{userId} 403 with a CLIENT_ACCESS token',
    status: 403,
    run: (r) => r.post(u1, { auth: clientAuth('u1'), json: { firstName: 'Max' } }),
  },
  {
    name: 'POST /users/{userId} 404',
    status: 404,
    run: (r) => r.post('/users/nobody', { auth: serverAuth(), json: { firstName: 'Max' } }),
  },
  {
    name: 'DELETE /users/{userId}',
    status: 204,
    run: (r) => {
      r.job('success');
      return r.delete(u1, { auth: serverAuth() });
    },
  },
  {
    name: 'DELETE /users/{userId} 401 without a token',
    status: 401,
    run: (r) => {
      control.createUser({ id: 'u1' });
      return r.delete(u1);
    },
  },
  {
    name: 'DELETE /users/{userId} 404',
    status: 404,
    run: (r) => r.delete('/users/nobody', { auth: serverAuth() }),
  },
];
