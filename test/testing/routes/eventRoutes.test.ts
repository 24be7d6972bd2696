import { describe, expect, it } from 'vitest';
import type { BasiqMockControl } from '../../../src/testing';
import { BASE, MINUTE, DAY, call, firstError, setupMockBasiq } from '../../support/mockBasiq';

const { mockBasiq } = setupMockBasiq();

describe('createBasiqMock (events)', () => {
  interface EventList {
    data: Array<{
      id: string;
      type: string;
      entity: string;
      eventType: string;
      userId: string;
      createdDate: string;
      links: { self: string };
    }>;
  }
  const events = async (control: BasiqMockControl, filter?: string) => {
    const query = filter === undefined ? '' : `?filter=${encodeURIComponent(filter)}`;
    const response = await call(`/events${query}`, { token: control.serverToken() });
    expect(response.status).toBe(200);
    return ((await response.json()) as EventList).data;
  };
  /** u1 connects, then u2 a minute later, then u1's consent is revoked a minute after that. */
  const history = async (control: BasiqMockControl) => {
    control.createJob({ userId: 'u1' });
    control.advance(MINUTE);
    control.createJob({ userId: 'u2' });
    control.advance(MINUTE);
    const consents = (await (
      await call('/users/u1/consents', { token: control.serverToken() })
    ).json()) as { data: Array<{ id: string }> };
    await call(`/users/u1/consents/${consents.data[0]!.id}`, {
      method: 'DELETE',
      token: control.serverToken(),
    });
  };

  it('should list consent and connection events, newest first', async () => {
    const control = mockBasiq();
    await history(control);
    const list = await events(control);
    expect(list.map((e) => [e.userId, `${e.entity}.${e.eventType}`])).toEqual([
      ['u1', 'connection.deleted'],
      ['u1', 'consent.revoked'],
      ['u2', 'connection.created'],
      ['u2', 'consent.created'],
      ['u1', 'connection.created'],
      ['u1', 'consent.created'],
    ]);
    const times = list.map((e) => Date.parse(e.createdDate));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(list[0]).toMatchObject({ type: 'event' });
    expect(list[0]!.links.self).toBe(`${BASE}/events/${list[0]!.id}`);
  });

  it('should filter by user, entity and type, alone or combined', async () => {
    const control = mockBasiq();
    await history(control);
    const kinds = (list: EventList['data']) =>
      list.map((e) => `${e.userId}:${e.entity}.${e.eventType}`);
    expect(kinds(await events(control, "user.id.eq('u2')"))).toEqual([
      'u2:connection.created',
      'u2:consent.created',
    ]);
    expect(kinds(await events(control, "event.entity.eq('consent')"))).toEqual([
      'u1:consent.revoked',
      'u2:consent.created',
      'u1:consent.created',
    ]);
    expect(kinds(await events(control, "event.type.eq('consent.created')"))).toEqual([
      'u2:consent.created',
      'u1:consent.created',
    ]);
    expect(kinds(await events(control, "user.id.eq('u1'),event.entity.eq('connection')"))).toEqual([
      'u1:connection.deleted',
      'u1:connection.created',
    ]);
    expect(await events(control, "user.id.eq('nobody')")).toEqual([]);
  });

  it('should answer 400 to a filter it does not understand', async () => {
    const control = mockBasiq();
    for (const filter of ["account.id.eq('x')", 'user.id', "user.id.eq('u1'),nonsense"]) {
      const response = await call(`/events?filter=${encodeURIComponent(filter)}`, {
        token: control.serverToken(),
      });
      expect(response.status, filter).toBe(400);
      expect((await firstError(response)).source).toEqual({ parameter: 'filter' });
    }
  });

  it('should keep events for 7 days only', async () => {
    const control = mockBasiq();
    control.createJob({ userId: 'u1' });
    control.advance(DAY);
    control.createJob({ userId: 'u2' });
    control.advance(6 * DAY - 1);
    expect(new Set((await events(control)).map((e) => e.userId))).toEqual(new Set(['u1', 'u2']));
    control.advance(1);
    expect((await events(control)).map((e) => e.userId)).toEqual(['u2', 'u2']);
  });

  it('should get one event by id, and 404 an unknown one', async () => {
    const control = mockBasiq();
    control.createJob({ userId: 'u1' });
    const [latest] = await events(control);
    const token = control.serverToken();
    const one = await call(`/events/${latest!.id}`, { token });
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual(latest);
    const unknown = await call('/events/no-such-event', { token });
    expect(unknown.status).toBe(404);
    expect((await firstError(unknown)).code).toBe('resource-not-found');
  });

  it('should list the 15 event types and get one, 404 for an unknown type', async () => {
    const control = mockBasiq();
    const token = control.serverToken();
    const types = (await (await call('/events/types', { token })).json()) as {
      type: string;
      data: Array<{ type: string; id: string; description: string }>;
    };
    expect(types.type).toBe('list');
    expect(types.data).toHaveLength(15);
    expect(new Set(types.data.map((t) => t.id)).size).toBe(15);
    expect(types.data.map((t) => t.id)).toEqual(
      expect.arrayContaining(['consent.created', 'consent.revoked', 'connection.deleted']),
    );
    const one = await call('/events/types/consent.revoked', { token });
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({
      type: 'eventType',
      id: 'consent.revoked',
      description: expect.any(String),
    });
    expect((await call('/events/types/consent.archived-ish', { token })).status).toBe(404);
  });
});
