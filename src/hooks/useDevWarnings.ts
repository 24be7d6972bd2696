'use client';
import type { PartialLabels } from '../labels/defaultLabels.js';

/** What the provider's development checks look at. */
export interface DevWarningProps {
  userId?: string;
  tokenUrl?: string;
  labels?: PartialLabels;
}

/** Development builds only: one `console.warn` per kind of provider misuse that fails silently. */
export function useDevWarnings(props: DevWarningProps): void {
  void props;
}
