'use client';
import { memo, useId } from 'react';
import type { JobStep } from '../client/types.js';
import { useBasiqLabels } from '../hooks/useBasiqLabels.js';
import { formatLabel, type BasiqLabels } from '../labels/defaultLabels.js';
import { readableTitle } from './format.js';

/** A step's name for people: `labels.steps[title]`, or the title made readable. */
export function stepName(title: string, labels: BasiqLabels): string {
  return Object.hasOwn(labels.steps, title) ? labels.steps[title]! : readableTitle(title);
}

/** Steps done (succeeded or skipped) and steps in all. */
export function stepProgress(steps: readonly JobStep[]): { done: number; total: number } {
  const done = steps.filter((s) => s.status === 'success' || s.status === 'skipped').length;
  return { done, total: steps.length };
}

/** "2 of 3 steps done". */
export function progressText(steps: readonly JobStep[], labels: BasiqLabels): string {
  return formatLabel(labels.connectionStatus.progress, stepProgress(steps));
}

/** The progress bar and its text; nothing for a job without steps. */
export const ConnectionStatusProgress = /* @__PURE__ */ memo(function ConnectionStatusProgress({
  steps,
}: {
  steps: readonly JobStep[];
}) {
  const labels = useBasiqLabels();
  const id = useId();
  const { done, total } = stepProgress(steps);
  if (total === 0) return null;
  return (
    <div className="basiq-ConnectionStatus-progress">
      <progress
        className="basiq-ConnectionStatus-progressBar"
        value={done}
        max={total}
        aria-labelledby={id}
      />
      <span id={id} className="basiq-ConnectionStatus-progressText">
        {progressText(steps, labels)}
      </span>
    </div>
  );
});

/** The job's steps, each with its name and its status as words. */
export const ConnectionStatusSteps = /* @__PURE__ */ memo(function ConnectionStatusSteps({
  steps,
}: {
  steps: readonly JobStep[];
}) {
  const labels = useBasiqLabels();
  const words = labels.connectionStatus.stepStatus;
  return (
    <ol className="basiq-ConnectionStatus-steps" aria-label={labels.connectionStatus.stepsLabel}>
      {steps.map((step, index) => (
        <li
          // Titles may repeat (unknown ones all read 'unknown'), so the index keeps keys unique.
          key={`${index}:${step.title}`}
          className="basiq-ConnectionStatus-step"
          data-status={step.status}
          aria-current={step.status === 'in-progress' ? 'step' : undefined}
        >
          <span className="basiq-ConnectionStatus-stepIcon" aria-hidden="true" />
          <span className="basiq-ConnectionStatus-stepName">{stepName(step.title, labels)}</span>
          <span className="basiq-visuallyHidden">: </span>
          <span className="basiq-ConnectionStatus-stepStatus">
            {words[step.status] ?? words.unknown}
          </span>
        </li>
      ))}
    </ol>
  );
});
