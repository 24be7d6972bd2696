import { authLinkLabels } from './authLinkLabels.js';
import { connectButtonLabels } from './connectButtonLabels.js';
import { connectionStatusLabels } from './connectionStatusLabels.js';
import { consentListLabels } from './consentListLabels.js';
import { phaseLabels, stepLabels } from './jobLabels.js';
import { mfaFormLabels } from './mfaFormLabels.js';

/**
 * Every text the components show, in English. Pass any part of it to
 * `<BasiqProvider labels={…}>` to translate or reword (it is merged over these, key by key).
 * `{name}` placeholders are filled in by the components.
 */
export const defaultLabels = {
  /** Phase names of a job. */
  phase: phaseLabels,
  /** Step names by Basiq step title; unknown titles are shown readably. */
  steps: stepLabels,
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

/** Fills `{name}` placeholders: `formatLabel('Step {n}', { n: 2 })` → `'Step 2'`. */
export function formatLabel(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}
