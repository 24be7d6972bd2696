/**
 * Every text the components show, in English by default. Pass some or all of them to
 * `<BasiqProvider labels={…}>` to translate or reword; functions receive the values to
 * put in the text.
 */
export interface BasiqLabels {
  /** Phase names. */
  phase: Record<'pending' | 'in-progress' | 'mfa-required' | 'success' | 'failed', string>;
  /** Step names by Basiq step title; unknown titles are shown readably. */
  steps: Record<string, string>;
  /** The connect button. */
  connect: string;
}

/** The English labels. */
export const defaultLabels: BasiqLabels = {
  phase: {
    pending: 'Waiting to start',
    'in-progress': 'Connecting',
    'mfa-required': 'Your bank needs a code',
    success: 'Connected',
    failed: 'Connection failed',
  },
  steps: {
    'verify-credentials': 'Signing in to your bank',
    'mfa-challenge': 'Checking your identity',
    'retrieve-accounts': 'Getting your accounts',
    'retrieve-transactions': 'Getting your transactions',
    'retrieve-statements': 'Getting your statements',
    'create-report': 'Preparing your report',
  },
  connect: 'Connect your bank',
};

/** `defaults` with `overrides` laid over, one level deep. */
export function mergeLabels(overrides: Partial<BasiqLabels> = {}): BasiqLabels {
  return {
    ...defaultLabels,
    ...overrides,
    phase: { ...defaultLabels.phase, ...overrides.phase },
    steps: { ...defaultLabels.steps, ...overrides.steps },
  };
}
