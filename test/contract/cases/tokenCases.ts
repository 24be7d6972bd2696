import { control } from './case';
import type { Case } from './case';

export const tokenCases: Case[] = [
  {
    name: 'POST /token SERVER_ACCESS',
    status: 200,
    run: (r) =>
      r.post('/token', {
        auth: 'Basic test-api-key',
        headers: { 'basiq-version': '3.0' },
        form: { scope: 'SERVER_ACCESS' },
      }),
  },
  {
    name: 'POST /token CLIENT_ACCESS',
    status: 200,
    run: (r) => {
      control.createUser({ id: 'u1' });
      return r.post('/token', {
        auth: 'Basic test-api-key',
        headers: { 'basiq-version': '3.0' },
        form: { scope: 'CLIENT_ACCESS', userId: 'u1' },
      });
    },
  },
  {
    name: 'POST /token 400 without basiq-version',
    status: 400,
    run: (r) => r.post('/token', { auth: 'Basic test-api-key', form: { scope: 'SERVER_ACCESS' } }),
  },
  {
    name: 'POST /token 400 with an unknown scope',
    status: 400,
    run: (r) =>
      r.post('/token', {
        auth: 'Basic test-api-key',
        headers: { 'basiq-version': '3.0' },
        form: { scope: 'EVERYTHING' },
      }),
  },
  {
    name: 'POST /token 400 CLIENT_ACCESS without userId',
    status: 400,
    run: (r) =>
      r.post('/token', {
        auth: 'Basic test-api-key',
        headers: { 'basiq-version': '3.0' },
        form: { scope: 'CLIENT_ACCESS' },
      }),
  },
  {
    name: 'POST /token 404 CLIENT_ACCESS for an unknown user',
    status: 404,
    run: (r) =>
      r.post('/token', {
        auth: 'Basic test-api-key',
        headers: { 'basiq-version': '3.0' },
        form: { scope: 'CLIENT_ACCESS', userId: 'nobody' },
      }),
  },
];
