/** Texts of `MfaForm`. `{placeholders}` are filled in by the form. */
export const mfaFormLabels = {
  /** The form's heading. */
  title: 'Verify it’s you',
  /** The submit button. */
  submit: 'Submit',
  /** Shown under a field left empty. */
  required: 'Please fill this in.',
  /** The label of a field whose prompt Basiq left empty. */
  answer: 'Your answer',
  /** Visible countdown to the challenge expiry (`{time}`: `m:ss`). */
  countdown: 'Time left to answer: {time}',
  /** Announced once when one minute is left. */
  oneMinuteLeft: 'One minute left.',
  /** Announced once when 15 seconds are left. */
  secondsLeft: '15 seconds left.',
  /** The submit button, and announced, while the answer is being sent. */
  sending: 'Sending your answer…',
  /** The submit button, and announced, while the bank checks the answer. */
  checking: 'Checking your answer…',
  /** Shown and announced when the bank rejected the answer and asks again. */
  wrong: 'That answer wasn’t accepted. Please try again.',
  /** Shown and announced when the answer could not be sent. */
  sendFailed: 'Your answer couldn’t be sent. Please try again.',
  /** Shown and announced when the challenge expired. */
  expired: 'Time ran out. Please start again.',
  /** Shown and announced once the bank accepted the answer. */
  accepted: 'Thanks, your answer was accepted.',
};
