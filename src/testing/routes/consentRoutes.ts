import { HttpResponse } from 'msw';
import { basiqError, basiqList } from '../envelope.js';
import { pathUser, type Route } from './route.js';

/** Consents: list a user's, and revoke one (which also removes its connections). */
export function consentRoutes(): Route[] {
  return [
    {
      method: 'get',
      path: '/users/:userId/consents',
      access: 'token',
      owner: pathUser,
      handle({ store, params, baseUrl }) {
        if (!store.user(params.userId!)) return basiqError(404, 'User not found.');
        const consents = [...store.consentsOf(params.userId!)]
          .sort((a, b) => b.createdAt - a.createdAt)
          .map(store.renderConsent);
        return basiqList(consents, `${baseUrl}/users/${params.userId}/consents`);
      },
    },
    {
      method: 'delete',
      path: '/users/:userId/consents/:consentId',
      access: 'token',
      owner: pathUser,
      handle({ store, params }) {
        const consent = store.consent(params.consentId!);
        if (!consent || consent.userId !== params.userId) {
          return basiqError(404, 'Consent not found.');
        }
        // Revoking twice changes nothing and is not an error.
        if (!consent.revokedAt) store.revokeConsent(consent);
        return new HttpResponse(null, { status: 204 });
      },
    },
  ];
}
