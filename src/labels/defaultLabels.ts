import { authLinkLabels } from './authLinkLabels.js';
import { connectButtonLabels } from './connectButtonLabels.js';
import { isRecord } from '../internal/isRecord.js';
import { connectionStatusLabels } from './connectionStatusLabels.js';
import { consentListLabels } from './consentListLabels.js';
import { mfaFormLabels } from './mfaFormLabels.js';

/**
 * Every text the components show, in English. Pass any part of it to
 * `<BasiqProvider labels={…}>` to translate or reword (it is merged over these, key by key).
 * `{name}` placeholders are filled in by the components.
 */
export const defaultLabels = {
  /** Phase names of a job. */
  phase: {
    pending: 'Waiting to start',
    'in-progress': 'Connecting',
    'mfa-required': 'Your bank needs you to verify it’s you',
    success: 'Connected',
    failed: 'Connection failed',
  },
  /** Step names by Basiq step title; unknown titles are shown readably. */
  steps: {
    'verify-credentials': 'Signing in to your bank',
    'mfa-challenge': 'Verifying it’s you',
    'retrieve-accounts': 'Getting your accounts',
    'retrieve-transactions': 'Getting your transactions',
    'retrieve-statements': 'Getting your statements',
    'create-report': 'Preparing your report',
  } as Record<string, string>,
  connectionStatus: connectionStatusLabels,
  mfaForm: mfaFormLabels,
  consentList: consentListLabels,
  authLinkPanel: authLinkLabels,
  connectButton: connectButtonLabels,
};

/** The shape of {@link defaultLabels}. */
export type BasiqLabels = typeof defaultLabels;

/** Any part of {@link BasiqLabels}, for `<BasiqProvider labels>`. */
export type PartialLabels = { [K in keyof BasiqLabels]?: DeepPartial<BasiqLabels[K]> };
type DeepPartial<T> = T extends string ? T : { [K in keyof T]?: DeepPartial<T[K]> };

function merge(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = merge(base[key], value);
  return out;
}

/** The defaults with `overrides` laid over them, key by key at every depth. */
export function mergeLabels(overrides: PartialLabels = {}): BasiqLabels {
  return merge(defaultLabels, overrides) as BasiqLabels;
}

/** Fills `{name}` placeholders: `formatLabel('Step {n}', { n: 2 })` → `'Step 2'`. */
export function formatLabel(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}
