/** Texts of `AuthLinkPanel`. `{name}` placeholders are filled in by the component. */
export const authLinkLabels = {
  /** The panel's name (its accessible name too). */
  title: 'Auth link',
  /** While the link is loading. */
  loading: 'Loading…',
  /** When the link could not be loaded. */
  loadFailed: 'The link could not be loaded.',
  /** Button to load it again. */
  retry: 'Try again',
  /** When there is no link (none yet, expired, deleted). */
  none: 'There is no active link. Links last 7 days.',
  /** Label of the read-only field holding the link. */
  link: 'Link to share',
  /** When Basiq gave no public link. */
  noUrl: 'There is no link to share.',
  /** The expiry; `{date}` is formatted for the locale. */
  expires: 'Expires {date}',
  /** Where Basiq sends the SMS check; `{mobile}` is the number. */
  sentTo: 'The SMS check goes to {mobile}.',
  /** Copy button. */
  copy: 'Copy link',
  /** Announced after copying. */
  copied: 'Link copied',
  /** When the browser refused the clipboard (the link is then selected). */
  copyFailed: 'The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
  /** Label of the optional mobile field. */
  mobile: 'Mobile number (optional)',
  /** Hint under the mobile field. */
  mobileHint: 'Leave empty to use the number on file.',
  /** Button creating a link. */
  create: 'Create link',
  /** On the create/replace button while Basiq creates the link. */
  creating: 'Creating…',
  /** Announced after creating a link. */
  created: 'Link created',
  /** Button starting a replacement, and confirming it. */
  replace: 'Replace link',
  /** Confirmation question before replacing. */
  replaceQuestion: 'Replace this link? The current one will stop working.',
  /** Announced after replacing. */
  replaced: 'Link replaced',
  /** Button starting a deletion, and confirming it. */
  delete: 'Delete link',
  /** Confirmation question before deleting. */
  deleteQuestion: 'Delete this link? It will stop working.',
  /** On the delete button while Basiq deletes the link. */
  deleting: 'Deleting…',
  /** Announced after deleting. */
  deleted: 'Link deleted',
  /** Button leaving a confirmation. */
  cancel: 'Cancel',
  /** When creating failed for a reason Basiq did not explain. */
  createFailed: 'The link could not be created. Please try again.',
  /** When Basiq refused to create the link; `{detail}` is Basiq's message. */
  createRefused: 'The link could not be created: {detail}',
  /** When deleting failed. */
  deleteFailed: 'The link could not be deleted. Please try again.',
};
