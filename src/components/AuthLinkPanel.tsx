'use client';
import { useId, useLayoutEffect, useReducer, useRef } from 'react';
import { useAuthLink } from '../hooks/useAuthLink.js';
import { useComponentLabels } from '../hooks/useComponentLabels.js';
import { useStylesCheck } from '../hooks/useStylesCheck.js';
import { useCreateAuthLink } from '../hooks/useCreateAuthLink.js';
import { useDeleteAuthLink } from '../hooks/useDeleteAuthLink.js';
import { formatLabel } from '../labels/defaultLabels.js';
import { AuthLinkPanelMobileForm } from './AuthLinkPanelMobileForm.js';
import {
  authLinkPanelReducer,
  confirming,
  IDLE,
  isBusy,
  isFailure,
  isMobileInvalid,
  panelState,
  type AuthLinkPanelState,
} from './authLinkPanelModel.js';
import { Announce, Announcer } from './Announcer.js';
import { Confirm } from './Confirm.js';
import { formatDate } from './format.js';
import { authLinkLabels } from '../labels/authLinkLabels.js';

/** The label sections this component reads: only their texts ship with it. */
const LABELS = { authLinkPanel: authLinkLabels };

export type { AuthLinkPanelState };

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

/** The root's class; its parts are `${ROOT}-part`. */
const ROOT = 'basiq-AuthLinkPanel';

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
  // eslint-disable-next-line react-hooks/rules-of-hooks -- the condition is fixed per build
  if (process.env.NODE_ENV !== 'production') useStylesCheck();
  const labels = useComponentLabels('AuthLinkPanel', LABELS).authLinkPanel;
  const query = useAuthLink(userId);
  const create = useCreateAuthLink(userId);
  const remove = useDeleteAuthLink(userId);
  const [model, dispatch] = useReducer(authLinkPanelReducer, IDLE);
  const id = useId();
  const linkRef = useRef<HTMLInputElement>(null);
  const mobileRef = useRef<HTMLInputElement>(null);
  const noneRef = useRef<HTMLParagraphElement>(null);
  const replaceRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);

  // After every render, in its commit (an answer from Basiq removes the focused button before
  // anything else runs): the element `model.focus` asks for may have just appeared.
  useLayoutEffect(() => {
    const targets = {
      link: linkRef,
      mobile: mobileRef,
      none: noneRef,
      replace: replaceRef,
      delete: deleteRef,
    };
    const element = model.focus && targets[model.focus].current;
    if (!element) return;
    element.focus();
    // Selected, the link can be copied by hand when the clipboard is refused.
    if (element === linkRef.current) linkRef.current.select();
    dispatch({ type: 'focused' });
  });

  const link = query.data;
  const state = panelState(link, query.isError);
  const asking = confirming(model, link);
  const notice = model.notice;
  const noticeText = notice
    ? formatLabel(labels[notice.label], { detail: notice.detail ?? '' })
    : '';

  const submit = () => {
    dispatch({ type: 'submit', link });
    create.mutate(
      { mobile: mobileRef.current!.value.trim() },
      {
        onSuccess: () => dispatch({ type: 'created' }),
        onError: (error) => dispatch({ type: 'createFailed', error }),
      },
    );
  };

  const confirmDelete = () => {
    dispatch({ type: 'delete' });
    remove.mutate(undefined, {
      onSuccess: () => dispatch({ type: 'deleted' }),
      onError: () => dispatch({ type: 'deleteFailed' }),
    });
  };

  const copy = async (url: string) => {
    dispatch({ type: 'copy' });
    try {
      await navigator.clipboard.writeText(url);
      dispatch({ type: 'copied' });
    } catch {
      dispatch({ type: 'copyFailed' });
    }
  };

  const cancel = () => dispatch({ type: 'cancel' });
  const [before, after] = labels.expires.split('{date}');
  // The create form and the replace confirmation: the same mobile field.
  const mobileForm = {
    id,
    labels,
    busy: !!model.creating,
    invalid: isMobileInvalid(model),
    fieldRef: mobileRef,
    onConfirm: submit,
    onCancel: cancel,
  };

  return (
    <section
      className={`${ROOT} ${className ?? ''}`.trim()}
      data-state={state}
      aria-label={labels.title}
      aria-busy={isBusy(model, state) || undefined}
    >
      <Announcer>
        <Announce message={noticeText} urgent={isFailure(notice)} />
        <p className={ROOT + '-title'}>{labels.title}</p>

        {link ? (
          <>
            {link.url ? (
              <div className={ROOT + '-link'}>
                <label className={ROOT + '-label'} htmlFor={id + 'link'}>
                  {labels.link}
                </label>
                <input
                  ref={linkRef}
                  id={id + 'link'}
                  className={ROOT + '-url'}
                  readOnly
                  value={link.url}
                  dir="ltr"
                  aria-describedby={id + 'expiry'}
                  onFocus={(event) => event.currentTarget.select()}
                />
              </div>
            ) : (
              <p className={ROOT + '-status'}>{labels.noUrl}</p>
            )}
            <p id={id + 'expiry'} className={ROOT + '-expiry'}>
              {before}
              <time dateTime={link.expiresAt}>{formatDate(link.expiresAt, locale)}</time>
              {after}
            </p>
            {link.mobile && (
              <p className={ROOT + '-mobileNumber'}>
                {formatLabel(labels.sentTo, { mobile: link.mobile })}
              </p>
            )}

            {asking === 'replace' ? (
              <AuthLinkPanelMobileForm
                {...mobileForm}
                label={labels.replace}
                question={labels.replaceQuestion}
              />
            ) : asking ? (
              <Confirm
                base={ROOT}
                question={labels.deleteQuestion}
                label={model.deleting ? labels.deleting : labels.delete}
                variant="danger"
                busy={model.deleting}
                onConfirm={confirmDelete}
                cancel={labels.cancel}
                onCancel={cancel}
              />
            ) : (
              <div className={ROOT + '-actions'}>
                {link.url && (
                  <button
                    type="button"
                    className={ROOT + '-button'}
                    data-variant="primary"
                    onClick={() => void copy(link.url!)}
                  >
                    {labels.copy}
                  </button>
                )}
                <button
                  ref={replaceRef}
                  id={id + 'replace'}
                  type="button"
                  className={ROOT + '-button'}
                  onClick={() => dispatch({ type: 'ask', about: 'replace', link })}
                >
                  {labels.replace}
                </button>
                <button
                  ref={deleteRef}
                  id={id + 'delete'}
                  type="button"
                  className={ROOT + '-button'}
                  data-variant="danger"
                  onClick={() => dispatch({ type: 'ask', about: 'delete', link })}
                >
                  {labels.delete}
                </button>
              </div>
            )}
          </>
        ) : (
          <>
            <p ref={noneRef} id={id + 'none'} className={ROOT + '-status'} tabIndex={-1}>
              {state === 'none'
                ? labels.none
                : state === 'error'
                  ? labels.loadFailed
                  : labels.loading}
            </p>
            {state === 'error' && (
              <button
                type="button"
                className={ROOT + '-button'}
                onClick={() => void query.refetch()}
              >
                {labels.retry}
              </button>
            )}
            {state === 'none' && <AuthLinkPanelMobileForm {...mobileForm} label={labels.create} />}
          </>
        )}

        {/* Seen here, heard through the announcer. */}
        <p
          id={id + 'notice'}
          className={ROOT + '-notice'}
          data-tone={isFailure(notice) ? 'error' : 'info'}
        >
          {noticeText}
        </p>
      </Announcer>
    </section>
  );
}
