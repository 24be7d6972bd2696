'use client';
import { useLayoutEffect, useReducer, useRef } from 'react';
import { useComponentLabels } from '../hooks/useComponentLabels.js';
import { useStylesCheck } from '../hooks/useStylesCheck.js';
import { useConsents } from '../hooks/useConsents.js';
import { useRevokeConsent } from '../hooks/useRevokeConsent.js';
import { formatLabel } from '../labels/defaultLabels.js';
import { announcement, INITIAL, listView, phaseOf, reduceConsentList } from './consentListModel.js';
import { ConsentListItem } from './ConsentListItem.js';
import { Announce, Announcer } from './Announcer.js';
import { useFocusRescue } from './useFocusRescue.js';
import { consentListLabels } from '../labels/consentListLabels.js';

/** The label sections this component reads: only their texts ship with it. */
const LABELS = { consentList: consentListLabels };

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

export type { ConsentListState } from './consentListModel.js';

/**
 * A user's consents with their status, purpose, dates and the data they share, and a Revoke
 * button behind a confirmation (Escape cancels). A confirmed consent leaves the list at once;
 * if Basiq refuses, it comes back with an error message. Outcomes are announced through a live
 * region. The root `basiq-ConsentList` carries `data-state` (`loading`, `empty`, `error`,
 * `ready`; a failed load stays `error`, with `aria-busy`, while "Try again" runs) and each
 * item `data-status` (`active`, `revoked`, `expired`).
 *
 * @param props - Whose consents to list (`userId`), and how to show them.
 *
 * @example
 * <BasiqProvider tokenUrl="/api/basiq/token" userId={user.id}>
 *   <ConsentList userId={user.id} locale="en-AU" />
 * </BasiqProvider>
 */
export function ConsentList({
  userId,
  locale = 'en-AU',
  showRevoked,
  headingLevel = 3,
  className,
}: ConsentListProps) {
  // eslint-disable-next-line react-hooks/rules-of-hooks -- the condition is fixed per build
  if (process.env.NODE_ENV !== 'production') useStylesCheck();
  const labels = useComponentLabels('ConsentList', LABELS).consentList;
  const query = useConsents(userId);
  const rootRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  // A revoked consent or a "Try again" leaves: the notice saying what happened replaces it.
  const rescue = useFocusRescue(() => messageRef.current ?? noticeRef.current ?? rootRef.current);
  // The root only holds focus until the notice it waits for appears ("Try again" answered).
  useLayoutEffect(() => {
    if (noticeRef.current && document.activeElement === rootRef.current) noticeRef.current.focus();
  });
  const [model, dispatch] = useReducer(reduceConsentList, INITIAL);
  const revoke = useRevokeConsent(userId, {
    onSuccess: (_data, consentId) => dispatch({ type: 'revoked', consentId }),
    onError: (_error, consentId) => dispatch({ type: 'refused', consentId }),
  });

  const view = listView(query, showRevoked);
  const { consents, state, retrying } = view;
  const said = announcement(view, model);
  const notice = model.notice && formatLabel(labels[model.notice.label], model.notice);

  const retry = async () => {
    if (retrying || !(await query.refetch()).data) return;
    dispatch({ type: 'loaded' });
  };

  return (
    <div
      ref={rootRef}
      className={`basiq-ConsentList ${className ?? ''}`.trim()}
      data-state={state}
      aria-busy={view.busy || undefined}
      tabIndex={-1}
      {...rescue}
    >
      <Announcer>
        <Announce
          message={said ? formatLabel(labels[said.label], said) : ''}
          urgent={said?.label === 'revokeFailed'}
        />
        {consents?.[0] ? (
          <ul className="basiq-ConsentList-list" aria-label={labels.listLabel}>
            {consents.map((consent) => (
              <ConsentListItem
                key={consent.id}
                consent={consent}
                locale={locale}
                labels={labels}
                headingLevel={headingLevel}
                phase={phaseOf(model, consent.id)}
                dispatch={dispatch}
                onRevoke={(title) => {
                  dispatch({ type: 'confirm', consentId: consent.id, title });
                  revoke.mutate(consent.id);
                }}
              />
            ))}
          </ul>
        ) : (
          <div className="basiq-ConsentList-message">
            <p ref={messageRef} tabIndex={-1}>
              {labels[view.message]}
            </p>
            {state === 'error' && (
              <button
                type="button"
                className="basiq-ConsentList-retry"
                aria-disabled={retrying || undefined}
                onClick={() => void retry()}
              >
                {labels.retry}
              </button>
            )}
          </div>
        )}
        {notice && (
          <p ref={noticeRef} className="basiq-ConsentList-notice" tabIndex={-1}>
            {notice}
          </p>
        )}
      </Announcer>
    </div>
  );
}
