'use client';
import { useMemo } from 'react';
import { mergeDeep } from '../internal/mergeDeep.js';
import type { BasiqLabels } from '../labels/defaultLabels.js';
import { useBasiqContext } from './basiqContext.js';

/**
 * The provider's `labels` for the sections a component reads, merged over the English `defaults`
 * it passes. A component names only its own sections, so an app ships only the texts of the
 * components it renders. `defaults` must be a module-level constant (it keys the memo).
 */
export function useComponentLabels<T extends Partial<BasiqLabels>>(
  component: string,
  defaults: T,
): T {
  const { labels } = useBasiqContext(component);
  return useMemo(
    () =>
      Object.fromEntries(
        Object.entries(defaults).map(([key, texts]) => [
          key,
          mergeDeep(texts, labels[key as keyof BasiqLabels]),
        ]),
      ) as T,
    [defaults, labels],
  );
}
