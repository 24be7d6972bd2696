'use client';
import { defaultLabels, type BasiqLabels } from '../labels/defaultLabels.js';
import { useComponentLabels } from './useComponentLabels.js';

/**
 * The texts of the nearest `<BasiqProvider>`: its `labels` merged over the English defaults.
 * For your own components beside the kit's; it bundles every component's English texts, while
 * the kit's components each bundle only their own.
 *
 * @example
 * const labels = useBasiqLabels();
 * <h2>{labels.phase[phase]}</h2>
 */
export function useBasiqLabels(): BasiqLabels {
  return useComponentLabels('useBasiqLabels', defaultLabels);
}
