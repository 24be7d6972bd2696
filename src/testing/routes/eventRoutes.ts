import { HttpResponse } from 'msw';
import { basiqError, basiqList } from '../envelope.js';
import { EVENT_TYPES } from '../fixtures.js';
import { iso } from '../jobEngine.js';
import { RETENTION_MS, type MockEvent } from '../mockStore.js';
import type { Route, RouteContext } from './route.js';

type Field = 'user.id' | 'event.entity' | 'event.type';
const FIELDS: readonly Field[] = ['user.id', 'event.entity', 'event.type'];

/**
 * One clause of the filter, `field.eq('value')` (quotes optional, spaces allowed around the
 * value), or undefined when it is anything else. Read by hand, not with a regex: the pattern
 * this replaces backtracked for seconds on a long run of spaces and held up every other
 * request. Each step here is one pass over the clause, so a filter parses in linear time.
 */
function clause(text: string): { field: Field; value: string } | undefined {
  const term = text.trim();
  const field = FIELDS.find((name) => term.startsWith(`${name}.eq(`));
  if (!field || !term.endsWith(')')) return undefined;
  let value = term.slice(`${field}.eq(`.length, -1).trim();
  if (value.startsWith("'")) {
    if (value.length < 2 || !value.endsWith("'")) return undefined;
    value = value.slice(1, -1);
  }
  return value.includes("'") || value.includes(')') ? undefined : { field, value };
}

/** The test of a filter: clauses joined by commas, all of which must hold. */
function matcher(filter: string | null): ((event: MockEvent) => boolean) | undefined {
  if (!filter) return () => true;
  const tests: Array<(event: MockEvent) => boolean> = [];
  for (const text of filter.split(',')) {
    const { field, value } = clause(text) ?? {};
    if (!field) return undefined;
    tests.push(
      field === 'user.id'
        ? (e) => e.userId === value
        : field === 'event.entity'
          ? (e) => e.entity === value
          : (e) => `${e.entity}.${e.eventType}` === value,
    );
  }
  return (event) => tests.every((test) => test(event));
}

function render(event: MockEvent, { baseUrl }: RouteContext) {
  const { createdAt, ...rest } = event;
  return {
    type: 'event',
    ...rest,
    createdDate: iso(createdAt),
    links: { self: `${baseUrl}/events/${event.id}` },
  };
}

const eventType = ({ id, description }: { id: string; description: string }, base: string) => ({
  type: 'eventType',
  id,
  description,
  links: { self: `${base}/events/types/${id}` },
});

/** Events of the last 7 days and their types (SERVER_ACCESS only). */
export function eventRoutes(): Route[] {
  return [
    {
      method: 'get',
      path: '/events/types',
      access: 'server',
      handle: ({ baseUrl }) =>
        basiqList(
          EVENT_TYPES.map((type) => eventType(type, baseUrl)),
          `${baseUrl}/events/types`,
          { count: EVENT_TYPES.length },
        ),
    },
    {
      method: 'get',
      path: '/events/types/:typeId',
      access: 'server',
      handle({ params, baseUrl }) {
        const type = EVENT_TYPES.find((t) => t.id === params.typeId);
        return type
          ? HttpResponse.json(eventType(type, baseUrl))
          : basiqError(404, 'Event type not found.');
      },
    },
    {
      method: 'get',
      path: '/events',
      access: 'server',
      handle(context) {
        const { store, url, now, baseUrl } = context;
        const matches = matcher(url.searchParams.get('filter'));
        if (!matches) {
          return basiqError(
            400,
            "filter takes user.id.eq('…'), event.entity.eq('…') and event.type.eq('…'), joined by commas.",
            { parameter: 'filter' },
          );
        }
        const since = now() - RETENTION_MS;
        const events = store
          .events()
          .filter((event) => event.createdAt > since && matches(event))
          .reverse()
          .map((event) => render(event, context));
        return basiqList(events, `${baseUrl}/events`);
      },
    },
    {
      method: 'get',
      path: '/events/:eventId',
      access: 'server',
      handle(context) {
        const since = context.now() - RETENTION_MS;
        const event = context.store
          .events()
          .find((e) => e.id === context.params.eventId && e.createdAt > since);
        return event
          ? HttpResponse.json(render(event, context))
          : basiqError(404, 'Event not found.');
      },
    },
  ];
}
