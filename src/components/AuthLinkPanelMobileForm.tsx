'use client';
import type { Ref } from 'react';
import type { authLinkLabels } from '../labels/authLinkLabels.js';
import { Confirm } from './Confirm.js';

/** Props of {@link AuthLinkPanelMobileForm} (internal to `AuthLinkPanel`). */
export interface AuthLinkPanelMobileFormProps {
  /** The panel's `useId`, prefix of the ids its parts refer to. */
  id: string;
  /** The `authLinkPanel` labels. */
  labels: typeof authLinkLabels;
  /** Text of the submit button. */
  label: string;
  /** The confirmation's question; without one it is the plain create form. */
  question?: string;
  /** Basiq is creating the link. */
  busy: boolean;
  /** The mobile field caused the last failure: it points to the notice. */
  invalid: boolean;
  /** The mobile field, read on submit and focused when it is invalid. */
  fieldRef: Ref<HTMLInputElement>;
  /** The user sent the form. */
  onConfirm: () => void;
  /** The user cancelled the confirmation. */
  onCancel: () => void;
}

const ROOT = 'basiq-AuthLinkPanel';

/** The form creating a link, or the confirmation replacing it: an optional mobile field. */
export function AuthLinkPanelMobileForm({
  id,
  labels,
  label,
  question,
  busy,
  invalid,
  fieldRef,
  onConfirm,
  onCancel,
}: AuthLinkPanelMobileFormProps) {
  return (
    <Confirm
      base={ROOT}
      question={question}
      label={busy ? labels.creating : label}
      variant="primary"
      busy={busy}
      onConfirm={onConfirm}
      cancel={labels.cancel}
      onCancel={onCancel}
    >
      <label className={ROOT + '-label'} htmlFor={id + 'mobile'}>
        {labels.mobile}
      </label>
      <input
        ref={fieldRef}
        id={id + 'mobile'}
        className={ROOT + '-mobile'}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        aria-invalid={invalid || undefined}
        aria-describedby={(invalid ? id + 'notice ' : '') + id + 'hint'}
      />
      <p id={id + 'hint'} className={ROOT + '-hint'}>
        {labels.mobileHint}
      </p>
    </Confirm>
  );
}
