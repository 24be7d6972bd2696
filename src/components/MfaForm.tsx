'use client';
// Placeholder with the agreed props; the real form replaces it.
import type { MfaChallenge } from '../client/types.js';

/** Props of {@link MfaForm}. */
export interface MfaFormProps {
  /** The job whose MFA challenge to answer. */
  jobId: string;
  /** Called once Basiq accepted the answer (the job moved on). */
  onAccepted?: (jobId: string) => void;
  /** Move focus to the first field when the form appears. @default true */
  autoFocus?: boolean;
  /** Extra class on the root element. */
  className?: string;
}

/** Answers a job's MFA challenge. */
export function MfaForm(props: MfaFormProps) {
  void (props as unknown as MfaChallenge);
  return <form className="basiq-MfaForm" />;
}
