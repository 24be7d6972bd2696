import type * as Kit from '../../src';
import { createBasiqClient } from '../../src';
import { clientToken } from './jwt';

// `useConsentRedirect` keeps one reading per URL for the life of its module: every test lands on
// its own URL.
let visit = 0;

/** Puts the page on a fresh URL `path?query&t=N` (no reload), as the consent UI's redirect does. */
export function land(query: string, path = '/done'): string {
  visit++;
  const url = `${path}?${query}${query ? '&' : ''}t=${visit}`;
  window.history.replaceState(null, '', url);
  return url;
}

/**
 * A state this tab issued, as a launch leaves it in sessionStorage: made by `kit`'s client
 * (a reloaded module's, or the first load's).
 */
export async function issueState(
  kit: Pick<typeof Kit, 'createBasiqClient'> = { createBasiqClient },
) {
  const client = kit.createBasiqClient({ getToken: async () => clientToken('u1') });
  return new URL(await client.consentUrl({ action: 'connect' })).searchParams.get('state')!;
}

/** The `t` of the last {@link land}: what is left of its query once the redirect is cleaned. */
export const lastVisit = (): number => visit;
