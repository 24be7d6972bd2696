'use client';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Consent } from '../client/types.js';
import { formatLabel } from '../labels/defaultLabels.js';
import type { ConsentListLabels } from '../labels/consentListLabels.js';
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
  /** Why the last revoke failed, shown under the buttons. */
  error?: string | undefined;
  /** The list root: when focus waits there (after a confirm), a returning item takes it back. */
  rootRef: { readonly current: HTMLElement | null };
  /** The user opened the confirmation. */
  onConfirmStart: (consent: Consent) => void;
  /** The user confirmed: revoke the consent. */
  onRevoke: (consent: Consent) => void;
}

/** One consent: status, purpose, dates, permissions, and revoke behind a confirmation. */
export function ConsentListItem({
  consent,
  locale,
  labels,
  headingLevel,
  error,
  rootRef,
  onConfirmStart,
  onRevoke,
}: ConsentListItemProps) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const revokeRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const confirmed = useRef(false);

  const title = consent.purpose?.primary?.title ?? '';
  const description = consent.purpose?.primary?.description ?? '';
  const permissions = consent.data?.permissions ?? [];
  const status = String(consent.status ?? '');
  const statusText = labels.status[status] ?? readableTitle(status);
  const canRevoke = status === 'active';
  const Heading = `h${headingLevel}` as 'h3';

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      revokeRef.current?.focus();
    }
  }, [confirming]);

  // Back after a refused revoke: if focus waits on the list (or was lost), give it the button.
  useEffect(() => {
    if (!error) return;
    const active = document.activeElement;
    if (!active || active === document.body || active === rootRef.current) {
      revokeRef.current?.focus();
    }
  }, [error, rootRef]);

  const start = () => {
    confirmed.current = false;
    onConfirmStart(consent);
    setConfirming(true);
  };
  const cancel = () => {
    returnFocus.current = true;
    setConfirming(false);
  };
  const confirm = () => {
    if (confirmed.current) return;
    confirmed.current = true;
    onRevoke(consent);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    cancel();
  };

  const dates: Array<[kind: string, label: string, iso: string | undefined]> = [
    ['created', labels.created, consent.created],
    ['expiry', status === 'expired' ? labels.expired : labels.expires, consent.expiryDate],
    ['revoked', labels.revokedOn, consent.revoked],
  ];

  return (
    <li className="basiq-ConsentList-item" data-status={status} aria-labelledby={`${id}-title`}>
      <div className="basiq-ConsentList-header">
        <Heading className="basiq-ConsentList-title" id={`${id}-title`}>
          {title}
        </Heading>
        <p className="basiq-ConsentList-status" data-status={status}>
          <span className="basiq-visuallyHidden">{labels.statusLabel} </span>
          {statusText}
        </p>
      </div>
      {description && <p className="basiq-ConsentList-description">{description}</p>}
      <dl className="basiq-ConsentList-dates">
        {dates
          .filter(([, , iso]) => iso)
          .map(([kind, label, iso]) => (
            <div className="basiq-ConsentList-date" data-date={kind} key={kind}>
              <dt>{label}</dt>
              <dd>
                <time dateTime={iso}>{formatDate(iso, locale)}</time>
              </dd>
            </div>
          ))}
      </dl>
      {permissions.length > 0 && (
        <details className="basiq-ConsentList-permissions">
          <summary className="basiq-ConsentList-permissionsSummary">
            {formatLabel(labels.permissions, { count: permissions.length })}
          </summary>
          <ul className="basiq-ConsentList-permissionList">
            {permissions.map((permission, index) => {
              const info = permission.information;
              const name = info?.name || readableTitle(permission.scope ?? '');
              const attributes = info?.attributeList ?? [];
              return (
                <li className="basiq-ConsentList-permission" key={`${permission.scope}-${index}`}>
                  <p className="basiq-ConsentList-permissionName">{name}</p>
                  {info?.description && (
                    <p className="basiq-ConsentList-permissionDescription">{info.description}</p>
                  )}
                  {attributes.length > 0 && (
                    <ul
                      className="basiq-ConsentList-attributes"
                      aria-label={formatLabel(labels.attributes, { name })}
                    >
                      {attributes.map((attribute, i) => (
                        <li key={i}>{attribute}</li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        </details>
      )}
      {canRevoke && !confirming && (
        <div className="basiq-ConsentList-actions">
          <button
            ref={revokeRef}
            type="button"
            className="basiq-ConsentList-revoke"
            aria-label={formatLabel(labels.revokeName, { title })}
            aria-describedby={error ? `${id}-error` : undefined}
            onClick={start}
          >
            {labels.revoke}
          </button>
        </div>
      )}
      {canRevoke && confirming && (
        <div
          className="basiq-ConsentList-confirm"
          role="group"
          aria-labelledby={`${id}-question`}
          onKeyDown={onKeyDown}
        >
          <p className="basiq-ConsentList-question" id={`${id}-question`}>
            {formatLabel(labels.confirmQuestion, { title })}
          </p>
          <div className="basiq-ConsentList-actions">
            <button
              ref={confirmRef}
              type="button"
              className="basiq-ConsentList-confirmButton"
              onClick={confirm}
            >
              {labels.confirm}
            </button>
            <button type="button" className="basiq-ConsentList-cancel" onClick={cancel}>
              {labels.cancel}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="basiq-ConsentList-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </li>
  );
}
