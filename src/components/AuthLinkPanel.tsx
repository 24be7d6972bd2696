'use client';
import { useEffect, useId, useRef, useState } from 'react';
import type { BasiqApiError } from '../client/errors.js';
import type { AuthLink } from '../client/types.js';
import { useAuthLink } from '../hooks/useAuthLink.js';
import { useBasiqLabels } from '../hooks/useBasiqLabels.js';
import { useCreateAuthLink } from '../hooks/useCreateAuthLink.js';
import { useDeleteAuthLink } from '../hooks/useDeleteAuthLink.js';
import { formatLabel } from '../labels/defaultLabels.js';
import { Confirm } from './Confirm.js';
import { formatDate } from './format.js';

/** What `data-state` on an {@link AuthLinkPanel} says. */
export type AuthLinkPanelState = 'loading' | 'error' | 'none' | 'active';

/** Props of {@link AuthLinkPanel}. */
export interface AuthLinkPanelProps {
  /** The Basiq user whose auth link to show and manage. */
  userId: string;
  /**
   * Locale of the expiry date (any `Intl` locale).
   * @default 'en-AU'
   */
  locale?: string;
  /** Extra class on the root element. */
  className?: string;
}

const B = 'basiq-AuthLinkPanel';

/**
 * Shows a user's auth link (the link Basiq sends them to connect on their own device) and
 * manages it: copy it, create one (optionally for another mobile), replace it (after
 * confirmation: the old link stops working) and delete it (after confirmation). When there is
 * none (expired, deleted: Basiq's 410) it offers to create one. The link is shown as text in
 * a read-only field, never as a clickable link (links are single use). Results are announced
 * through a live region. State is in `data-state`: `loading`, `error`, `none` or `active`.
 *
 * @param props - Whose auth link to manage (`userId`), and the `locale` of its expiry date.
 *
 * @example
 * <AuthLinkPanel userId={user.id} locale="en-AU" />
 */
export function AuthLinkPanel({ userId, locale = 'en-AU', className }: AuthLinkPanelProps) {
  const t = useBasiqLabels().authLinkPanel;
  const query = useAuthLink(userId);
  const create = useCreateAuthLink(userId);
  const remove = useDeleteAuthLink(userId);
  // The confirmation open, and the link it was asked about.
  const [asked, setAsked] = useState<['replace' | 'delete', AuthLink]>();
  // The last outcome, shown and announced: text, whether it is an error, whether the mobile
  // field caused it (Basiq needs a mobile).
  const [[notice, isError, badMobile], say] = useState<[string, boolean?, boolean?]>(['']);
  const id = useId();

  // Where focus goes (an id suffix) once a render has put that element on the page.
  const focusNext = useRef('');
  useEffect(() => {
    const element = focusNext.current && document.getElementById(id + focusNext.current);
    if (element) {
      focusNext.current = '';
      element.focus();
    }
  });

  const link = query.data;
  const state: AuthLinkPanelState = link
    ? 'active'
    : link === null
      ? 'none'
      : query.isError
        ? 'error'
        : 'loading';
  // A confirmation holds only for the link it was asked about (not after it changed).
  const confirming = asked && asked[1] == link ? asked[0] : undefined;

  const ask = (kind: 'replace' | 'delete') => {
    say(['']);
    setAsked([kind, link!]);
  };
  const cancel = () => {
    say(['']);
    setAsked(undefined);
    focusNext.current = confirming!;
  };

  const submit = () => {
    const done = confirming ? t.replaced : t.created;
    const field = document.getElementById(id + 'mobile') as HTMLInputElement;
    say(['']);
    create.mutate(
      { mobile: field.value.trim() },
      {
        onSuccess: () => {
          say([done]);
          focusNext.current = 'link';
        },
        onError: (error) => {
          // Basiq's own explanation of a refusal (not of auth or rate limits), if it gave one.
          const { status, errors } = error as BasiqApiError;
          const first = status < 500 && ![401, 403, 429].includes(status) ? errors?.[0] : undefined;
          const detail = (first?.detail || first?.title)?.trim();
          const mobile = first?.source?.parameter == 'mobile';
          say([detail ? formatLabel(t.createRefused, { detail }) : t.createFailed, true, mobile]);
          if (mobile) focusNext.current = 'mobile';
        },
      },
    );
  };

  const confirmDelete = () => {
    say(['']);
    remove.mutate(undefined, {
      onSuccess: () => {
        say([t.deleted]);
        focusNext.current = 'none';
      },
      onError: () => say([t.deleteFailed, true]),
    });
  };

  const copy = async (url: string) => {
    say(['']);
    try {
      await navigator.clipboard.writeText(url);
      say([t.copied]);
    } catch {
      // Refused (permissions, insecure page): select the text so the user can copy it.
      const field = document.getElementById(id + 'link') as HTMLInputElement;
      field.focus();
      field.select();
      say([t.copyFailed, true]);
    }
  };

  const form = (label: string, question?: string) => (
    <Confirm
      base={B}
      question={question}
      label={create.isPending ? t.creating : label}
      variant="primary"
      busy={create.isPending}
      onConfirm={submit}
      cancel={t.cancel}
      onCancel={cancel}
    >
      <label className={B + '-label'} htmlFor={id + 'mobile'}>
        {t.mobile}
      </label>
      <input
        id={id + 'mobile'}
        className={B + '-mobile'}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        aria-invalid={badMobile}
        aria-describedby={(badMobile ? id + 'notice ' : '') + id + 'hint'}
      />
      <p id={id + 'hint'} className={B + '-hint'}>
        {t.mobileHint}
      </p>
    </Confirm>
  );
  const [before, after] = t.expires.split('{date}');

  return (
    <section
      className={`${B} ${className ?? ''}`.trim()}
      data-state={state}
      aria-label={t.title}
      aria-busy={state == 'loading' || create.isPending || remove.isPending || undefined}
    >
      <p className={B + '-title'}>{t.title}</p>

      {link ? (
        <>
          {link.url ? (
            <div className={B + '-link'}>
              <label className={B + '-label'} htmlFor={id + 'link'}>
                {t.link}
              </label>
              <input
                id={id + 'link'}
                className={B + '-url'}
                readOnly
                value={link.url}
                dir="ltr"
                aria-describedby={id + 'expiry'}
                onFocus={(event) => event.currentTarget.select()}
              />
            </div>
          ) : (
            <p className={B + '-status'}>{t.noUrl}</p>
          )}
          <p id={id + 'expiry'} className={B + '-expiry'}>
            {before}
            <time dateTime={link.expiresAt}>{formatDate(link.expiresAt, locale)}</time>
            {after}
          </p>
          {link.mobile && (
            <p className={B + '-mobileNumber'}>{formatLabel(t.sentTo, { mobile: link.mobile })}</p>
          )}

          {confirming == 'replace' ? (
            form(t.replace, t.replaceQuestion)
          ) : confirming ? (
            <Confirm
              base={B}
              question={t.deleteQuestion}
              label={remove.isPending ? t.deleting : t.delete}
              variant="danger"
              busy={remove.isPending}
              onConfirm={confirmDelete}
              cancel={t.cancel}
              onCancel={cancel}
            />
          ) : (
            <div className={B + '-actions'}>
              {link.url && (
                <button
                  type="button"
                  className={B + '-button'}
                  data-variant="primary"
                  onClick={() => void copy(link.url!)}
                >
                  {t.copy}
                </button>
              )}
              <button
                id={id + 'replace'}
                type="button"
                className={B + '-button'}
                onClick={() => ask('replace')}
              >
                {t.replace}
              </button>
              <button
                id={id + 'delete'}
                type="button"
                className={B + '-button'}
                data-variant="danger"
                onClick={() => ask('delete')}
              >
                {t.delete}
              </button>
            </div>
          )}
        </>
      ) : (
        <>
          <p id={id + 'none'} className={B + '-status'} tabIndex={-1}>
            {state == 'none' ? t.none : state == 'error' ? t.loadFailed : t.loading}
          </p>
          {state == 'error' && (
            <button type="button" className={B + '-button'} onClick={() => void query.refetch()}>
              {t.retry}
            </button>
          )}
          {state == 'none' && form(t.create)}
        </>
      )}

      {/* Visible, and the live region (`status` is polite and atomic). */}
      <p
        id={id + 'notice'}
        className={B + '-notice'}
        role="status"
        data-tone={isError ? 'error' : 'info'}
      >
        {notice}
      </p>
    </section>
  );
}
