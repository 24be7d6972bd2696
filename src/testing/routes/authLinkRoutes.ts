import { HttpResponse } from 'msw';
import { basiqError } from '../envelope.js';
import { iso } from '../jobEngine.js';
import type { MockAuthLink } from '../mockStore.js';
import { notStrings, objectBody, pathUser, type Route, type RouteContext } from './route.js';

function render(link: MockAuthLink) {
  return {
    type: 'auth_link',
    userId: link.userId,
    mobile: link.mobile,
    expiresAt: iso(link.expiresAt),
    links: {
      public: `https://connect.basiq.io/${link.id}`,
      self: `/users/${link.userId}/auth_link`,
    },
  };
}

const unknownUser = ({ store, params }: RouteContext) =>
  store.user(params.userId!) ? undefined : basiqError(404, 'User not found.');

/** Auth links: a new one replaces the last; a deleted or expired one reads as 410 Gone. */
export function authLinkRoutes(): Route[] {
  const path = '/users/:userId/auth_link';
  return [
    {
      method: 'post',
      path,
      access: 'token',
      owner: pathUser,
      handle(context) {
        const { store, params } = context;
        const user = store.user(params.userId!);
        if (!user) return basiqError(404, 'User not found.');
        // The body is optional (the user's own mobile is used), but when sent it is an object.
        const body = objectBody(context);
        if (body instanceof Response) return body;
        const mistyped = notStrings(body, ['mobile']);
        if (mistyped) return mistyped;
        const mobile = typeof body.mobile === 'string' && body.mobile ? body.mobile : user.mobile;
        if (!mobile) {
          return basiqError(400, 'The user has no mobile: give one for the SMS check.', {
            code: 'parameter-not-supplied',
            parameter: 'mobile',
          });
        }
        return HttpResponse.json(render(store.createAuthLink(user.id, mobile)), { status: 201 });
      },
    },
    {
      method: 'get',
      path,
      access: 'token',
      owner: pathUser,
      handle(context) {
        const link = context.store.liveAuthLink(context.params.userId!);
        if (link) return HttpResponse.json({ ...render(link), id: link.id });
        return (
          unknownUser(context) ??
          basiqError(410, 'The auth link expired or was deleted; create a new one.')
        );
      },
    },
    {
      method: 'delete',
      path,
      access: 'token',
      owner: pathUser,
      handle(context) {
        const missing = unknownUser(context);
        if (missing) return missing;
        context.store.deleteAuthLink(context.params.userId!);
        return new HttpResponse(null, { status: 204 });
      },
    },
  ];
}
