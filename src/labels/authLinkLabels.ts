/** Texts of `AuthLinkPanel`. `{name}` placeholders are filled in by the component. */
export const authLinkLabels = {
  /** The panel's name (its accessible name too). */
  title: 'Auth link',
  /** While the link is loading. */
  loading: 'Loading the auth link…',
  /** When the link could not be loaded. */
  loadFailed: 'The auth link could not be loaded.',
  /** Button to load it again. */
  retry: 'Try again',
  /** When there is no link (none yet, expired, deleted). */
  none: 'There is no active auth link. Links stop working after 7 days, or when replaced or deleted.',
  /** Label of the read-only field holding the link. */
  link: 'Link to share',
  /** When Basiq gave no public link. */
  noUrl: 'Basiq did not return a link to share.',
  /** The expiry; `{date}` is formatted for the locale. */
  expires: 'Expires {date}',
  /** Where Basiq sends the SMS check; `{mobile}` is the number. */
  sentTo: 'The SMS check goes to {mobile}.',
  /** Copy button. */
  copy: 'Copy link',
  /** Announced after copying. */
  copied: 'Link copied',
  /** When the browser refused the clipboard (the link is then selected). */
  copyFailed:
    'The link could not be copied automatically. It is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
  /** Label of the optional mobile field. */
  mobile: 'Mobile number (optional)',
  /** Hint under the mobile field. */
  mobileHint: 'Leave empty to use the mobile number Basiq already has for this user.',
  /** Button creating a link. */
  create: 'Create link',
  /** On the create/replace button while Basiq creates the link. */
  creating: 'Creating…',
  /** Announced after creating a link. */
  created: 'A new link was created.',
  /** Button starting a replacement. */
  replace: 'Replace link',
  /** Confirmation question before replacing. */
  replaceQuestion: 'Replace this link? The current link will stop working.',
  /** Button confirming the replacement. */
  replaceConfirm: 'Yes, replace it',
  /** Announced after replacing. */
  replaced: 'The link was replaced. The previous link no longer works.',
  /** Button starting a deletion. */
  delete: 'Delete link',
  /** Confirmation question before deleting. */
  deleteQuestion: 'Delete this link? It will stop working.',
  /** Button confirming the deletion. */
  deleteConfirm: 'Yes, delete it',
  /** On the delete button while Basiq deletes the link. */
  deleting: 'Deleting…',
  /** Announced after deleting. */
  deleted: 'The link was deleted.',
  /** Button leaving a confirmation. */
  cancel: 'Cancel',
  /** When creating failed for a reason Basiq did not explain. */
  createFailed: 'The link could not be created. Please try again.',
  /** When Basiq refused to create the link; `{detail}` is Basiq's message. */
  createRefused: 'The link could not be created: {detail}',
  /** When deleting failed. */
  deleteFailed: 'The link could not be deleted. Please try again.',
};
