'use client';
import { useRef, useState } from 'react';
import type { Consent } from '../client/types.js';
import { useBasiqLabels } from '../hooks/useBasiqLabels.js';
import { useConsents } from '../hooks/useConsents.js';
import { useRevokeConsent } from '../hooks/useRevokeConsent.js';
import { formatLabel } from '../labels/defaultLabels.js';
import { ConsentListItem } from './ConsentListItem.js';
import { LiveRegion } from './LiveRegion.js';

/** Props of {@link ConsentList}. */
export interface ConsentListProps {
  /** The user whose consents to show (the signed-in user of the provider). */
  userId: string;
  /** Locale of the dates (`Intl.DateTimeFormat`). @default 'en-AU' */
  locale?: string;
  /**
   * Show revoked consents too (with their revoke date, without a Revoke button). Off by
   * default: a consent the user revoked leaves the list and does not come back when Basiq
   * reports it as `revoked`. Expired consents are always shown. @default false
   */
  showRevoked?: boolean;
  /** Level of each consent's title heading, to fit your page's outline. @default 3 */
  headingLevel?: 2 | 3 | 4 | 5 | 6;
  /** Extra class on the root element. */
  className?: string;
}

/** What the root's `data-state` says. */
export type ConsentListState = 'loading' | 'empty' | 'error' | 'ready';

/**
 * A user's consents with their status, purpose, dates and the data they share, and a Revoke
 * button behind a confirmation (Escape cancels). A confirmed consent leaves the list at once;
 * if Basiq refuses, it comes back with an error message. Outcomes are announced through a live
 * region. The root `basiq-ConsentList` carries `data-state` (`loading`, `empty`, `error`,
 * `ready`; a failed load stays `error`, with `aria-busy`, while "Try again" runs) and each
 * item `data-status` (`active`, `revoked`, `expired`).
 *
 * @example
 * <BasiqProvider tokenUrl="/api/basiq/token" userId={user.id}>
 *   <ConsentList userId={user.id} locale="en-AU" />
 * </BasiqProvider>
 */
export function ConsentList({
  userId,
  locale = 'en-AU',
  showRevoked = false,
  headingLevel = 3,
  className,
}: ConsentListProps) {
  const labels = useBasiqLabels().consentList;
  const query = useConsents(userId);
  const rootRef = useRef<HTMLDivElement>(null);
  const titles = useRef(new Map<string, string>());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const [retrying, setRetrying] = useState(false);

  const titleOf = (consentId: string) => titles.current.get(consentId) ?? '';
  const revoke = useRevokeConsent(userId, {
    onSuccess: (_data, consentId) => {
      setNotice(formatLabel(labels.revoked, { title: titleOf(consentId) }));
    },
    onError: (_error, consentId) => {
      const message = formatLabel(labels.revokeFailed, { title: titleOf(consentId) });
      setErrors((all) => ({ ...all, [consentId]: message }));
      setNotice(message);
    },
  });

  const consents = query.data?.filter((c) => showRevoked || c.status !== 'revoked');
  // A refetch without data puts the query back to pending: keep the error (and its focused
  // button) on screen until "Try again" has an answer.
  const state: ConsentListState = consents
    ? consents.length > 0
      ? 'ready'
      : 'empty'
    : query.isError || retrying
      ? 'error'
      : 'loading';
  const announcement = state === 'error' ? (retrying ? labels.loading : labels.loadFailed) : notice;

  const clearError = (consent: Consent) =>
    setErrors((all) => {
      if (!(consent.id in all)) return all;
      const rest = { ...all };
      delete rest[consent.id];
      return rest;
    });

  const revokeConsent = (consent: Consent) => {
    const title = consent.purpose?.primary?.title ?? '';
    titles.current.set(consent.id, title);
    setNotice(formatLabel(labels.revoking, { title }));
    // The item is about to leave the list: keep focus in the component.
    rootRef.current?.focus();
    revoke.mutate(consent.id);
  };

  const retry = async () => {
    if (retrying) return;
    setRetrying(true);
    const result = await query.refetch();
    setRetrying(false);
    if (result.isError) return;
    setNotice(labels.loaded);
    const root = rootRef.current;
    const active = document.activeElement;
    if (root && (!active || active === document.body || root.contains(active))) root.focus();
  };

  return (
    <div
      ref={rootRef}
      className={className ? `basiq-ConsentList ${className}` : 'basiq-ConsentList'}
      data-state={state}
      aria-busy={state === 'loading' || retrying || undefined}
      tabIndex={-1}
    >
      <LiveRegion message={announcement} />
      {state === 'loading' && <p className="basiq-ConsentList-message">{labels.loading}</p>}
      {state === 'error' && (
        <div className="basiq-ConsentList-message">
          <p>{retrying ? labels.loading : labels.loadFailed}</p>
          <button
            type="button"
            className="basiq-ConsentList-retry"
            aria-disabled={retrying || undefined}
            onClick={() => void retry()}
          >
            {labels.retry}
          </button>
        </div>
      )}
      {state === 'empty' && <p className="basiq-ConsentList-message">{labels.empty}</p>}
      {state === 'ready' && (
        <ul className="basiq-ConsentList-list" aria-label={labels.listLabel}>
          {consents!.map((consent) => (
            <ConsentListItem
              key={consent.id}
              consent={consent}
              locale={locale}
              labels={labels}
              headingLevel={headingLevel}
              error={errors[consent.id]}
              rootRef={rootRef}
              onConfirmStart={clearError}
              onRevoke={revokeConsent}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
