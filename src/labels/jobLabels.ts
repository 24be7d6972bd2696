/** Phase names of a job, shown by `ConnectionStatus`. */
export const phaseLabels = {
  pending: 'Waiting to start',
  'in-progress': 'Connecting',
  'mfa-required': 'Your bank needs you to verify it’s you',
  success: 'Connected',
  failed: 'Connection failed',
};

/** Step names by Basiq step title; unknown titles are shown readably. */
export const stepLabels: Record<string, string> = {
  'verify-credentials': 'Signing in to your bank',
  'mfa-challenge': 'Verifying it’s you',
  'retrieve-accounts': 'Getting your accounts',
  'retrieve-transactions': 'Getting your transactions',
  'retrieve-statements': 'Getting your statements',
  'create-report': 'Preparing your report',
};
