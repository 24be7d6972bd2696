import { expect } from 'vitest';
import { bearer, clientAuth, control, serverAuth, u1 } from './case';
import type { Case, Run } from './case';

/** Events of every kind the mock emits: consent and connection created, consent revoked, connection deleted. */
async function makeEvents(r: Run) {
  r.job('success');
  const list = (await r.get(`${u1}/consents`, { auth: serverAuth() })).body as {
    data: Array<{ id: string }>;
  };
  await r.delete(`${u1}/consents/${list.data[0]!.id}`, { auth: serverAuth() });
}

export const eventCases: Case[] = [
  {
    name: 'GET /events with every kind of event',
    status: 200,
    run: async (r) => {
      await makeEvents(r);
      return r.get('/events', { auth: serverAuth() });
    },
    shows: (body) =>
      expect(
        (body as { data: Array<{ entity: string; eventType: string }> }).data.map(
          (e) => `${e.entity}.${e.eventType}`,
        ),
      ).toEqual(['connection.deleted', 'consent.revoked', 'connection.created', 'consent.created']),
  },
  {
    name: "GET /events?filter=user.id.eq('…'),event.entity.eq('consent')",
    status: 200,
    run: async (r) => {
      await makeEvents(r);
      return r.get("/events?filter=user.id.eq('u1'),event.entity.eq('consent')", {
        auth: serverAuth(),
      });
    },
  },
  {
    name: 'GET /events with none',
    status: 200,
    run: (r) => r.get('/events', { auth: serverAuth() }),
  },
  {
    name: 'GET /events 400 with an unknown filter',
    status: 400,
    run: (r) => r.get("/events?filter=institution.id.eq('AU00000')", { auth: serverAuth() }),
  },
  {
    name: 'GET /events 401 without a token',
    status: 401,
    run: (r) => r.get('/events'),
  },
  {
    name: 'GET /events 403 with a CLIENT_ACCESS token',
    status: 403,
    run: (r) => r.get('/events', { auth: clientAuth('u1') }),
  },
  ...(
    ['consent.created', 'connection.created', 'consent.revoked', 'connection.deleted'] as const
  ).map((kind): Case => ({
    name: `GET /events/{id} (${kind})`,
    status: 200,
    run: async (r) => {
      await makeEvents(r);
      const [entity, eventType] = kind.split('.');
      const events = (await r.get('/events', { auth: serverAuth() })).body as {
        data: Array<{ id: string; entity: string; eventType: string }>;
      };
      const event = events.data.find((e) => e.entity === entity && e.eventType === eventType);
      if (!event) throw new Error(`no ${kind} event`);
      return r.get(`/events/${event.id}`, { auth: serverAuth() });
    },
  })),
  {
    name: 'GET /events/{id} 403 with a CLIENT_ACCESS token',
    status: 403,
    run: (r) => r.get('/events/e1', { auth: clientAuth('u1') }),
  },
  {
    name: 'GET /events/{id} 404',
    status: 404,
    run: (r) => r.get('/events/no-such-event', { auth: serverAuth() }),
  },
  {
    name: 'GET /events/types',
    status: 200,
    run: (r) => r.get('/events/types', { auth: serverAuth() }),
  },
  {
    name: 'GET /events/types 401 with a garbled token',
    status: 401,
    run: (r) => r.get('/events/types', { auth: 'Bearer garbled' }),
  },
  {
    name: 'GET /events/types 403 with a CLIENT_ACCESS token',
    status: 403,
    run: (r) => r.get('/events/types', { auth: clientAuth('u1') }),
  },
  {
    name: 'GET /events/types/{id}',
    status: 200,
    run: (r) => r.get('/events/types/consent.revoked', { auth: serverAuth() }),
  },
  {
    name: 'GET /events/types/{id} 403 with an expired token',
    status: 403,
    run: (r) => {
      const auth = bearer(control.serverToken({ expiresInSeconds: 1 }));
      control.advance(1000);
      return r.get('/events/types/consent.revoked', { auth });
    },
  },
  {
    name: 'GET /events/types/{id} 404',
    status: 404,
    run: (r) => r.get('/events/types/no.such-type', { auth: serverAuth() }),
  },
];
