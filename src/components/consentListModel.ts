// The ConsentList's state machine: the revoke of each consent, and what the list announces.
// The revokes are kept here by consent id, not in the items: an item may leave the list and
// come back (the optimistic removal and its rollback), in one render or in several.
import type { Consent } from '../client/types.js';

/** What the root's `data-state` says. */
export type ConsentListState = 'loading' | 'empty' | 'error' | 'ready';

/**
 * Where the revoke of one consent stands: `idle` (never asked), `confirming` (the question is
 * open), `cancelled` (Escape or "Keep it": the Revoke button takes focus back), `revoking` (sent;
 * the consent left the list), `revoked` (Basiq revoked it), `failed` (Basiq refused: the consent
 * is back, with an error message).
 */
export type RevokePhase = 'idle' | 'confirming' | 'cancelled' | 'revoking' | 'revoked' | 'failed';

/** The label keys a notice can say. */
export type ConsentListNotice = 'revoking' | 'revoked' | 'revokeFailed' | 'loaded';

/** The list's state: each consent's revoke, and the last notice for the live region. */
export interface ConsentListModel {
  /** Revokes by consent id; a consent without one is `idle`. */
  revokes: Record<string, { phase: RevokePhase; title: string }>;
  /** The last notice and the title it is about. */
  notice?: { label: ConsentListNotice; title: string };
}

/** What the user or Basiq did. */
export type ConsentListEvent =
  /** The user pressed Revoke. */
  | { type: 'open'; consentId: string }
  /** The user pressed Escape or "Keep it". */
  | { type: 'cancel'; consentId: string }
  /** The user confirmed; `title` is the consent's purpose title, announced after it left. */
  | { type: 'confirm'; consentId: string; title: string }
  /** Basiq revoked the consent. */
  | { type: 'revoked'; consentId: string }
  /** Basiq refused: the consent is back in the list. */
  | { type: 'refused'; consentId: string }
  /** "Try again" brought the consents. */
  | { type: 'loaded' };

/** Nothing revoked, nothing said. */
export const INITIAL: ConsentListModel = { revokes: {} };

/** The revoke phase of a consent. */
export const phaseOf = (model: ConsentListModel, consentId: string): RevokePhase =>
  model.revokes[consentId]?.phase ?? 'idle';

/** The confirmation shows (it stays until a sent consent leaves the list). */
export const asking = (phase: RevokePhase) => phase === 'confirming' || phase === 'revoking';

/** Back from a cancelled confirmation or a refused revoke: the Revoke button takes lost focus. */
export const takesFocus = (phase: RevokePhase) => phase === 'cancelled' || phase === 'failed';

/** The list's reducer. */
export function reduceConsentList(
  model: ConsentListModel,
  event: ConsentListEvent,
): ConsentListModel {
  if (event.type === 'loaded') return { ...model, notice: { label: 'loaded', title: '' } };
  const revoke = model.revokes[event.consentId];
  const phase = revoke?.phase ?? 'idle';
  const to = (next: RevokePhase, label?: ConsentListNotice, title = revoke?.title ?? '') => ({
    revokes: { ...model.revokes, [event.consentId]: { phase: next, title } },
    notice: label ? { label, title } : model.notice,
  });
  switch (event.type) {
    case 'open':
      return asking(phase) ? model : to('confirming');
    case 'cancel':
      return phase === 'confirming' ? to('cancelled') : model;
    case 'confirm':
      // Only once: a second submit of the open question sends nothing.
      return phase === 'confirming' ? to('revoking', 'revoking', event.title) : model;
    case 'revoked':
      return phase === 'revoking' ? to('revoked', 'revoked') : model;
    case 'refused':
      // Closes the question too, when the consent came back before it had left the screen.
      return phase === 'revoking' ? to('failed', 'revokeFailed') : model;
  }
}

/** What the consents query holds, as the list reads it. */
export interface ConsentsQueryView {
  data?: Consent[] | undefined;
  /** How many times the query failed (a refetch without data goes back to pending). */
  errorUpdateCount: number;
  isFetching: boolean;
}

/** The list's view of the query: the consents to show, the root's state, whether it retries. */
export function listView(query: ConsentsQueryView, showRevoked?: boolean) {
  const consents = query.data?.filter((consent) => showRevoked || consent.status !== 'revoked');
  // After a failed load, stay in `error` (and keep its focused button) until "Try again" has
  // an answer.
  const state: ConsentListState = consents
    ? consents[0]
      ? 'ready'
      : 'empty'
    : query.errorUpdateCount
      ? 'error'
      : 'loading';
  const retrying = state === 'error' && query.isFetching;
  return {
    consents,
    state,
    retrying,
    /** Busy while loading and while "Try again" runs. */
    busy: state === 'loading' || retrying,
    /** The message without consents: `loading`, `loadFailed` or `empty`. */
    message: consents ? 'empty' : state === 'error' && !retrying ? 'loadFailed' : 'loading',
  } as const;
}

/** What the live region says: the load error while there is one, else the last notice. */
export const announcement = (view: ReturnType<typeof listView>, model: ConsentListModel) =>
  view.state === 'error' ? { label: view.message, title: '' } : model.notice;
