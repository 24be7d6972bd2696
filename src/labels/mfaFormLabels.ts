/** Texts of `MfaForm`. `{placeholders}` are filled in by the form. */
export const mfaFormLabels = {
  /** The form's heading. */
  title: 'Verify it’s you',
  /** The submit button. */
  submit: 'Submit',
  /** The submit button while the answer is being sent. */
  submitting: 'Sending…',
  /** The submit button while the bank checks the answer. */
  checkingButton: 'Checking…',
  /** Shown under a field left empty. */
  required: 'Please fill in this field.',
  /** The label of a field whose prompt Basiq left empty. */
  answer: 'Your answer',
  /** Visible countdown to the challenge expiry (`{time}`: `m:ss`). */
  countdown: 'Time left to answer: {time}',
  /** Announced once when one minute is left. */
  oneMinuteLeft: 'One minute left to answer.',
  /** Announced once when a few seconds are left (`{seconds}`). */
  secondsLeft: '{seconds} seconds left to answer.',
  /** Announced (and shown) while the answer is being sent. */
  sending: 'Sending your answer…',
  /** Shown and announced while the bank checks the answer. */
  checking: 'Checking your answer…',
  /** Shown and announced when the bank rejected the answer and asks again. */
  wrong: 'That answer wasn’t accepted. Please check it and try again.',
  /** Shown and announced when the answer could not be sent. */
  sendFailed: 'Your answer couldn’t be sent. Please try again.',
  /** Shown and announced when the challenge expired. */
  expired: 'Time to answer has run out. Please start again.',
  /** Shown and announced once the bank accepted the answer. */
  accepted: 'Thanks, your answer was accepted.',
};
