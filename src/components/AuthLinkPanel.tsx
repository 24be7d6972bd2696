'use client';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { BasiqErrorDetail } from '../client/errors.js';
import { useAuthLink } from '../hooks/useAuthLink.js';
import { useBasiqLabels } from '../hooks/useBasiqLabels.js';
import { useCreateAuthLink } from '../hooks/useCreateAuthLink.js';
import { useDeleteAuthLink } from '../hooks/useDeleteAuthLink.js';
import { formatLabel } from '../labels/defaultLabels.js';
import { formatDate } from './format.js';
import { LiveRegion } from './LiveRegion.js';

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

type Mode = 'view' | 'replace' | 'delete';
/** A confirmation, for the link it was asked about. */
interface Confirmation {
  kind: 'replace' | 'delete';
  url: string | undefined;
}
type FocusTarget = 'link' | 'none' | 'question' | 'mobile' | 'replace' | 'delete';
interface Notice {
  text: string;
  tone: 'info' | 'error';
  /** The mobile field caused it (Basiq needs a mobile). */
  mobile?: boolean;
}

/** Basiq's own explanation of a refusal (4xx other than auth and rate limits), if it gave one. */
function refusal(error: unknown): { detail?: string; parameter?: string } {
  const { status, errors } = (error ?? {}) as { status?: unknown; errors?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return {};
  if ([401, 403, 429].includes(status) || !Array.isArray(errors)) return {};
  const first = errors[0] as BasiqErrorDetail | undefined;
  const detail = first?.detail || first?.title;
  return {
    detail: typeof detail === 'string' && detail.trim() ? detail : undefined,
    parameter: first?.source?.parameter,
  };
}

/**
 * Shows a user's auth link (the link Basiq sends them to connect on their own device) and
 * manages it: copy it, create one (optionally for another mobile), replace it (after
 * confirmation: the old link stops working) and delete it (after confirmation). When there is
 * none (expired, deleted: Basiq's 410) it offers to create one. The link is shown as text in
 * a read-only field, never as a clickable link (links are single use). Results are announced
 * through a live region. State is in `data-state`: `loading`, `error`, `none` or `active`.
 *
 * @example
 * <AuthLinkPanel userId={user.id} locale="en-AU" />
 */
export function AuthLinkPanel({ userId, locale = 'en-AU', className }: AuthLinkPanelProps) {
  const t = useBasiqLabels().authLinkPanel;
  const query = useAuthLink(userId);
  const create = useCreateAuthLink(userId);
  const remove = useDeleteAuthLink(userId);

  const [confirmation, setConfirmation] = useState<Confirmation>();
  const [mobile, setMobile] = useState('');
  const [notice, setNotice] = useState<Notice>();

  const ids = {
    title: useId(),
    link: useId(),
    expiry: useId(),
    mobile: useId(),
    hint: useId(),
    question: useId(),
    notice: useId(),
  };
  const linkRef = useRef<HTMLInputElement>(null);
  const noneRef = useRef<HTMLParagraphElement>(null);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const mobileRef = useRef<HTMLInputElement>(null);
  const replaceRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);

  // Where focus goes once the next render has put the element on the page.
  const focusNext = useRef<FocusTarget | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    const element = {
      link: linkRef,
      none: noneRef,
      question: questionRef,
      mobile: mobileRef,
      replace: replaceRef,
      delete: deleteRef,
    }[focusNext.current].current;
    if (!element) return;
    focusNext.current = null;
    element.focus();
  });

  const link = query.data;
  const state: AuthLinkPanelState =
    link === undefined ? (query.isError ? 'error' : 'loading') : link === null ? 'none' : 'active';
  // A confirmation holds only for the link it was asked about (not after it changed elsewhere).
  const confirming: Mode =
    link && confirmation && confirmation.url === link.url ? confirmation.kind : 'view';

  function startConfirm(kind: Confirmation['kind']) {
    setNotice(undefined);
    setConfirmation({ kind, url: link?.url });
    focusNext.current = 'question';
  }

  function cancelConfirm() {
    focusNext.current = confirming === 'delete' ? 'delete' : 'replace';
    setNotice(undefined);
    setConfirmation(undefined);
  }

  function onConfirmKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    cancelConfirm();
  }

  function submitCreate(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    const replacing = confirming === 'replace';
    const value = mobile.trim();
    setNotice(undefined);
    create.mutate(value ? { mobile: value } : undefined, {
      onSuccess: () => {
        setConfirmation(undefined);
        setMobile('');
        setNotice({ text: replacing ? t.replaced : t.created, tone: 'info' });
        focusNext.current = 'link';
      },
      onError: (error) => {
        const { detail, parameter } = refusal(error);
        setNotice({
          text: detail ? formatLabel(t.createRefused, { detail }) : t.createFailed,
          tone: 'error',
          mobile: parameter === 'mobile',
        });
        if (parameter === 'mobile') focusNext.current = 'mobile';
      },
    });
  }

  function confirmDelete() {
    if (remove.isPending) return;
    setNotice(undefined);
    remove.mutate(undefined, {
      onSuccess: () => {
        setConfirmation(undefined);
        setNotice({ text: t.deleted, tone: 'info' });
        focusNext.current = 'none';
      },
      onError: () => setNotice({ text: t.deleteFailed, tone: 'error' }),
    });
  }

  async function copy(url: string) {
    setNotice(undefined);
    try {
      if (!navigator.clipboard) throw new Error('No clipboard in this context');
      await navigator.clipboard.writeText(url);
      setNotice({ text: t.copied, tone: 'info' });
    } catch {
      // Refused (permissions, insecure page): select the text so the user can copy it.
      linkRef.current?.focus();
      linkRef.current?.select();
      setNotice({ text: t.copyFailed, tone: 'error' });
    }
  }

  const mobileForm = (submitLabel: string, cancellable: boolean) => (
    <form className="basiq-AuthLinkPanel-form" onSubmit={submitCreate} noValidate>
      <label className="basiq-AuthLinkPanel-label" htmlFor={ids.mobile}>
        {t.mobile}
      </label>
      <input
        ref={mobileRef}
        id={ids.mobile}
        className="basiq-AuthLinkPanel-mobile"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        value={mobile}
        onChange={(event) => setMobile(event.target.value)}
        aria-invalid={notice?.mobile || undefined}
        aria-describedby={notice?.mobile ? `${ids.notice} ${ids.hint}` : ids.hint}
      />
      <p id={ids.hint} className="basiq-AuthLinkPanel-hint">
        {t.mobileHint}
      </p>
      <div className="basiq-AuthLinkPanel-actions">
        <button
          type="submit"
          className="basiq-AuthLinkPanel-button"
          data-variant="primary"
          aria-disabled={create.isPending || undefined}
        >
          {create.isPending ? t.creating : submitLabel}
        </button>
        {cancellable && (
          <button type="button" className="basiq-AuthLinkPanel-button" onClick={cancelConfirm}>
            {t.cancel}
          </button>
        )}
      </div>
    </form>
  );

  const question = (text: string) => (
    <p ref={questionRef} id={ids.question} className="basiq-AuthLinkPanel-question" tabIndex={-1}>
      {text}
    </p>
  );

  return (
    <section
      className={className ? `basiq-AuthLinkPanel ${className}` : 'basiq-AuthLinkPanel'}
      data-state={state}
      aria-labelledby={ids.title}
      aria-busy={state === 'loading' || create.isPending || remove.isPending || undefined}
    >
      <p id={ids.title} className="basiq-AuthLinkPanel-title">
        {t.title}
      </p>

      {state === 'loading' && <p className="basiq-AuthLinkPanel-status">{t.loading}</p>}

      {state === 'error' && (
        <div className="basiq-AuthLinkPanel-status">
          <p>{t.loadFailed}</p>
          <button
            type="button"
            className="basiq-AuthLinkPanel-button"
            onClick={() => void query.refetch()}
          >
            {t.retry}
          </button>
        </div>
      )}

      {state === 'none' && (
        <>
          <p ref={noneRef} className="basiq-AuthLinkPanel-status" tabIndex={-1}>
            {t.none}
          </p>
          {mobileForm(t.create, false)}
        </>
      )}

      {link && (
        <>
          {link.url ? (
            <div className="basiq-AuthLinkPanel-link">
              <label className="basiq-AuthLinkPanel-label" htmlFor={ids.link}>
                {t.link}
              </label>
              <input
                ref={linkRef}
                id={ids.link}
                className="basiq-AuthLinkPanel-url"
                type="text"
                readOnly
                value={link.url}
                dir="ltr"
                spellCheck={false}
                aria-describedby={ids.expiry}
                onFocus={(event) => event.currentTarget.select()}
              />
            </div>
          ) : (
            <p className="basiq-AuthLinkPanel-status">{t.noUrl}</p>
          )}
          <p id={ids.expiry} className="basiq-AuthLinkPanel-expiry">
            {t.expires.split('{date}').flatMap((part, index) =>
              index === 0
                ? [part]
                : [
                    <time key={index} dateTime={link.expiresAt}>
                      {formatDate(link.expiresAt, locale)}
                    </time>,
                    part,
                  ],
            )}
          </p>
          {link.mobile && (
            <p className="basiq-AuthLinkPanel-mobileNumber">
              {formatLabel(t.sentTo, { mobile: link.mobile })}
            </p>
          )}

          {confirming === 'view' && (
            <div className="basiq-AuthLinkPanel-actions">
              {link.url && (
                <button
                  type="button"
                  className="basiq-AuthLinkPanel-button"
                  data-variant="primary"
                  onClick={() => void copy(link.url!)}
                >
                  {t.copy}
                </button>
              )}
              <button
                ref={replaceRef}
                type="button"
                className="basiq-AuthLinkPanel-button"
                onClick={() => startConfirm('replace')}
              >
                {t.replace}
              </button>
              <button
                ref={deleteRef}
                type="button"
                className="basiq-AuthLinkPanel-button"
                data-variant="danger"
                onClick={() => startConfirm('delete')}
              >
                {t.delete}
              </button>
            </div>
          )}

          {confirming === 'replace' && (
            <div
              role="group"
              aria-labelledby={ids.question}
              className="basiq-AuthLinkPanel-confirm"
              onKeyDown={onConfirmKeyDown}
            >
              {question(t.replaceQuestion)}
              {mobileForm(t.replaceConfirm, true)}
            </div>
          )}

          {confirming === 'delete' && (
            <div
              role="group"
              aria-labelledby={ids.question}
              className="basiq-AuthLinkPanel-confirm"
              onKeyDown={onConfirmKeyDown}
            >
              {question(t.deleteQuestion)}
              <div className="basiq-AuthLinkPanel-actions">
                <button
                  type="button"
                  className="basiq-AuthLinkPanel-button"
                  data-variant="danger"
                  aria-disabled={remove.isPending || undefined}
                  onClick={confirmDelete}
                >
                  {remove.isPending ? t.deleting : t.deleteConfirm}
                </button>
                <button
                  type="button"
                  className="basiq-AuthLinkPanel-button"
                  onClick={cancelConfirm}
                >
                  {t.cancel}
                </button>
              </div>
            </div>
          )}
        </>
      )}

      <p
        id={ids.notice}
        className="basiq-AuthLinkPanel-notice"
        data-tone={notice?.tone}
        hidden={!notice}
      >
        {notice?.text}
      </p>
      <LiveRegion message={notice?.text ?? ''} />
    </section>
  );
}
