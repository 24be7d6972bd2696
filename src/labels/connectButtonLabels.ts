/** Texts of `ConnectButton`. */
export const connectButtonLabels = {
  /** The button, by consent UI action (`default` when none is given). */
  action: {
    default: 'Connect your bank',
    connect: 'Connect your bank',
    manage: 'Manage your connections',
    extend: 'Extend your consent',
    update: 'Update your connection',
    reauthorise: 'Reconnect your bank',
  },
  /** Shown while the consent UI is opening. */
  opening: 'Opening…',
  /** Explains the unavailable button while the consent link is being prepared. */
  preparing: 'Getting ready…',
  /** Shown when the consent UI cannot be opened. */
  unavailable: 'Connecting is unavailable. Please try again soon.',
};
