'use client';
import { useId, type Dispatch } from 'react';
import type { Consent } from '../client/types.js';
import { formatLabel } from '../labels/defaultLabels.js';
import type { ConsentListLabels } from '../labels/consentListLabels.js';
import { Confirm } from './Confirm.js';
import { asking, takesFocus, type ConsentListEvent, type RevokePhase } from './consentListModel.js';
import { formatDate, readableTitle } from './format.js';

/** Props of {@link ConsentListItem} (internal to `ConsentList`). */
export interface ConsentListItemProps {
  /** The consent to show. */
  consent: Consent;
  /** Locale of the dates. */
  locale: string;
  /** The `consentList` labels. */
  labels: ConsentListLabels;
  /** Level of the purpose title's heading. */
  headingLevel: 2 | 3 | 4 | 5 | 6;
  /** Where its revoke stands (`failed`: say so under the buttons). */
  phase: RevokePhase;
  /** Tells the list's model that the user opened or cancelled the confirmation. */
  dispatch: Dispatch<ConsentListEvent>;
  /** The user confirmed: revoke the consent (`title` is its purpose title). */
  onRevoke: (title: string) => void;
}

/**
 * Focuses the element if focus was lost, waits on one of its ancestors (the list), or is on the
 * list's notice, which now says why the consent came back.
 */
const focusIfLost = (element: HTMLElement | null) => {
  const active = document.activeElement;
  if (element && (active?.contains(element) || active?.matches('.basiq-ConsentList-notice')))
    element.focus();
};

/** One consent: status, purpose, dates, permissions, and revoke behind a confirmation. */
export function ConsentListItem({
  consent,
  locale,
  labels,
  headingLevel,
  phase,
  dispatch,
  onRevoke,
}: ConsentListItemProps) {
  const id = useId();
  const consentId = consent.id;

  const { title, description } = consent.purpose.primary;
  const permissions = consent.data.permissions;
  const status = consent.status;
  const Heading = `h${headingLevel}` as 'h3';
  const failed = phase === 'failed';

  const dates = [
    [labels.created, consent.created],
    [status === 'expired' ? labels.status.expired : labels.expires, consent.expiryDate],
    [labels.status.revoked, consent.revoked],
  ];

  return (
    <li className="basiq-ConsentList-item" data-status={status} aria-labelledby={id}>
      <Heading id={id}>{title}</Heading>
      <p className="basiq-ConsentList-status" data-status={status}>
        <span className="basiq-visuallyHidden">{labels.statusLabel} </span>
        {labels.status[status] ?? readableTitle(status)}
      </p>
      {description && <p>{description}</p>}
      <dl>
        {dates.map(
          ([label, iso], index) =>
            iso && (
              <div key={index}>
                <dt>{label}</dt>
                <dd>
                  <time dateTime={iso}>{formatDate(iso, locale)}</time>
                </dd>
              </div>
            ),
        )}
      </dl>
      {permissions[0] && (
        <details>
          <summary>{formatLabel(labels.permissions, { count: permissions.length })}</summary>
          <ul>
            {permissions.map(({ information, scope }, index) => {
              const name = information.name || readableTitle(scope);
              return (
                <li key={index}>
                  <p className="basiq-ConsentList-permissionName">{name}</p>
                  {information.description && <p>{information.description}</p>}
                  {information.attributeList[0] && (
                    <ul aria-label={formatLabel(labels.attributes, { name })}>
                      {information.attributeList.map((attribute, position) => (
                        <li key={position}>{attribute}</li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        </details>
      )}
      {status === 'active' &&
        (asking(phase) ? (
          <Confirm
            base="basiq-ConsentList"
            question={formatLabel(labels.confirmQuestion, { title })}
            label={labels.confirm}
            variant="danger"
            // The question takes focus, never "Yes, revoke": Enter twice revokes nothing.
            // Sent once: the question stays up (`revoking`) until the consent leaves the list.
            onConfirm={() => phase === 'confirming' && onRevoke(title)}
            cancel={labels.cancel}
            onCancel={() => dispatch({ type: 'cancel', consentId })}
          />
        ) : (
          <button
            // Back from a cancelled confirmation or a refused revoke: take the lost focus.
            ref={takesFocus(phase) ? focusIfLost : undefined}
            type="button"
            className="basiq-ConsentList-revoke"
            aria-label={formatLabel(labels.revokeName, { title })}
            aria-describedby={failed ? id + 'error' : undefined}
            onClick={() => dispatch({ type: 'open', consentId })}
          >
            {labels.revoke}
          </button>
        ))}
      {failed && (
        <p className="basiq-ConsentList-error" id={id + 'error'}>
          {formatLabel(labels.revokeFailed, { title })}
        </p>
      )}
    </li>
  );
}
