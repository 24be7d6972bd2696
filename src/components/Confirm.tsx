'use client';
import { useId, type ReactNode } from 'react';

/** Props of {@link Confirm}. */
export interface ConfirmProps {
  /** Root class of the component it is part of: its parts are `${base}-form`, `-button`, …. */
  base: string;
  /** The question; without one it is a plain form (no group, no cancel). */
  question?: string;
  /** Text of the submit button. */
  label: string;
  /** `data-variant` of the submit button. */
  variant: 'primary' | 'danger';
  /** While true the submit button is `aria-disabled` and does nothing. */
  busy?: boolean;
  /** Focus the submit button when it appears (else the question takes focus). */
  autoFocus?: boolean;
  /** The user submitted. */
  onConfirm: () => void;
  /** Text of the cancel button. */
  cancel?: string;
  /** Cancel (or Escape) was pressed. */
  onCancel?: () => void;
  /** Fields before the buttons. */
  children?: ReactNode;
}

/** Focuses an element as it appears (a stable callback: called once per element). */
const focus = (element: HTMLElement | null) => element?.focus();

/**
 * An inline confirmation of AuthLinkPanel and ConsentList: a group named by its question,
 * fields, and submit and cancel buttons; Escape cancels. When it appears, focus goes to the
 * question (or the submit button); the caller moves it back when it closes. Without a question
 * it is the plain form (AuthLinkPanel's "Create link").
 */
export function Confirm({
  base,
  question,
  label,
  variant,
  busy,
  autoFocus,
  onConfirm,
  cancel,
  onCancel,
  children,
}: ConfirmProps) {
  const id = useId();
  const form = (
    <form
      className={base + '-form'}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) onConfirm();
      }}
    >
      {children}
      <div className={base + '-actions'}>
        <button
          type="submit"
          className={base + '-button'}
          data-variant={variant}
          aria-disabled={busy || undefined}
          autoFocus={autoFocus}
        >
          {label}
        </button>
        {question && (
          <button type="button" className={base + '-button'} onClick={onCancel}>
            {cancel}
          </button>
        )}
      </div>
    </form>
  );
  return question ? (
    <div
      role="group"
      aria-labelledby={id}
      className={base + '-confirm'}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onCancel!();
      }}
    >
      <p id={id} ref={autoFocus ? undefined : focus} className={base + '-question'} tabIndex={-1}>
        {question}
      </p>
      {form}
    </div>
  ) : (
    form
  );
}
