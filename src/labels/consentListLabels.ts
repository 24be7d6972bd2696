/**
 * Texts of `ConsentList`. `{title}` is the consent's purpose title, `{name}` a permission's
 * name, `{count}` a number.
 */
export const consentListLabels = {
  /** Accessible name of the list of consents. */
  listLabel: 'Your consents',
  /** Shown (and announced) while the consents load, and while they load again after an error. */
  loading: 'Loading your consents…',
  /** Announced when the consents arrive after "Try again". */
  loaded: 'Your consents are up to date.',
  /** Shown when the user has no consents (to show). */
  empty: 'You have no consents.',
  /** Shown (and announced) when the consents cannot be loaded. */
  loadFailed: 'We could not load your consents.',
  /** The button that loads the consents again after an error. */
  retry: 'Try again',
  /** Read before the status, for screen readers ("Status: Active"). */
  statusLabel: 'Status:',
  /**
   * Status names by Basiq's consent status (an unknown status is shown readably); `expired`
   * and `revoked` also label those dates.
   */
  status: {
    active: 'Active',
    revoked: 'Revoked',
    expired: 'Expired',
  } as Record<string, string>,
  /** Label of the date the consent was given. */
  created: 'Given',
  /** Label of the expiry date of an active consent. */
  expires: 'Expires',
  /** The disclosure that lists the data shared. */
  permissions: 'Data shared ({count})',
  /** Accessible name of the list of attributes of one permission. */
  attributes: 'What “{name}” includes',
  /** The revoke button's visible text. */
  revoke: 'Revoke',
  /** The revoke button's accessible name. */
  revokeName: 'Revoke consent “{title}”',
  /** The confirmation question. */
  confirmQuestion:
    'Revoke “{title}”? We stop collecting this data and remove its bank connections.',
  /** The button that confirms revoking. */
  confirm: 'Yes, revoke',
  /** The button that keeps the consent (Escape does the same). */
  cancel: 'Keep it',
  /** Announced while Basiq revokes the consent. */
  revoking: 'Revoking “{title}”…',
  /** Announced when Basiq revoked the consent. */
  revoked: 'Consent “{title}” revoked.',
  /** Shown (and announced) when Basiq refused to revoke; the consent is back in the list. */
  revokeFailed: 'We could not revoke “{title}”. Please try again.',
};

/** The shape of {@link consentListLabels}. */
export type ConsentListLabels = typeof consentListLabels;
