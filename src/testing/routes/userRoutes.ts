import { HttpResponse } from 'msw';
import { basiqError } from '../envelope.js';
import type { MockUser } from '../mockStore.js';
import { notStrings, objectBody, type Route, type RouteContext } from './route.js';

const FIELDS = ['email', 'mobile', 'firstName', 'middleName', 'lastName'] as const;

function pick(body: unknown): Partial<MockUser> {
  const record = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    FIELDS.filter((key) => typeof record[key] === 'string').map((key) => [key, record[key]]),
  );
}

function brief(user: Readonly<MockUser>, { baseUrl }: RouteContext) {
  return {
    type: 'user',
    id: user.id,
    ...pick(user),
    links: { self: `${baseUrl}/users/${user.id}` },
  };
}

function withUser(
  handle: (user: Readonly<MockUser>, context: RouteContext) => Response | Promise<Response>,
): Route['handle'] {
  return (context) => {
    const user = context.store.user(context.params.userId!);
    return user ? handle(user, context) : basiqError(404, 'User not found.');
  };
}

/** Users: create, get, update and delete (SERVER_ACCESS only). */
export function userRoutes(): Route[] {
  return [
    {
      method: 'post',
      path: '/users',
      access: 'server',
      handle(context) {
        const body = objectBody(context);
        if (body instanceof Response) return body;
        const fields = pick(body);
        // Missing comes before mistyped: `{ email: 42 }` supplies no email.
        if (!fields.email && !fields.mobile) {
          return basiqError(400, 'Give the user an email or a mobile.', {
            code: 'parameter-not-supplied',
            parameter: 'email',
          });
        }
        const mistyped = notStrings(body, FIELDS);
        if (mistyped) return mistyped;
        const user = context.store.createUser(fields);
        return HttpResponse.json(brief(user, context), { status: 201 });
      },
    },
    {
      method: 'get',
      path: '/users/:userId',
      access: 'server',
      handle: withUser((user, context) => {
        const { baseUrl, store } = context;
        const self = `${baseUrl}/users/${user.id}`;
        const connections = store.connectionsOf(user.id);
        return HttpResponse.json({
          ...brief(user, context),
          name: [user.firstName, user.lastName].filter(Boolean).join(' '),
          firstName: user.firstName,
          middleName: user.middleName,
          lastName: user.lastName,
          email: user.email,
          mobile: user.mobile,
          connections: {
            type: 'list',
            count: connections.length,
            data: connections.map((c) => ({
              type: 'connection',
              id: c.id,
              links: { self: `${self}/connections/${c.id}` },
            })),
          },
          accounts: { type: 'list', count: 0, data: [] },
          links: {
            self,
            accounts: `${self}/accounts`,
            connections: `${self}/connections`,
            transactions: `${self}/transactions`,
          },
        });
      }),
    },
    {
      method: 'post',
      path: '/users/:userId',
      access: 'server',
      handle: withUser((user, context) => {
        const body = objectBody(context);
        if (body instanceof Response) return body;
        const mistyped = notStrings(body, FIELDS);
        if (mistyped) return mistyped;
        return HttpResponse.json(brief(context.store.updateUser(user.id, pick(body))!, context));
      }),
    },
    {
      method: 'delete',
      path: '/users/:userId',
      access: 'server',
      handle: withUser((user, { store }) => {
        store.deleteUser(user.id);
        return new HttpResponse(null, { status: 204 });
      }),
    },
  ];
}
