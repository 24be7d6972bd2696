'use client';
import { useMemo } from 'react';
import { mergeLabels, type BasiqLabels } from '../labels/defaultLabels.js';
import { useBasiqContext } from './basiqContext.js';

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
  const { labels } = useBasiqContext('useBasiqLabels');
  return useMemo(() => mergeLabels(labels), [labels]);
}
