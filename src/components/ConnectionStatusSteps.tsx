'use client';
import { memo } from 'react';
import type { JobStep } from '../client/types.js';
import { useBasiqLabels } from '../hooks/useBasiqLabels.js';
import { formatLabel, type BasiqLabels } from '../labels/defaultLabels.js';
import { readableTitle } from './format.js';

/** A step's name for people: `labels.steps[title]`, or the title made readable. */
export const stepName = (title: string, labels: BasiqLabels): string =>
  Object.hasOwn(labels.steps, title) ? labels.steps[title]! : readableTitle(title);

const isDone = (step: JobStep) => step.status === 'success' || step.status === 'skipped';

/** The step that matters now: the first not done (succeeded or skipped). */
export const currentStep = (steps: readonly JobStep[]) => steps.find((step) => !isDone(step));

/** "2 of 3 steps done". */
export const progressText = (steps: readonly JobStep[], labels: BasiqLabels): string =>
  formatLabel(labels.connectionStatus.progress, {
    done: steps.filter(isDone).length,
    total: steps.length,
  });

/**
 * The job's progress bar and its text (nothing for a job without steps), then its steps, each
 * with its name and its status as words.
 */
export const ConnectionStatusSteps = /* @__PURE__ */ memo(function ConnectionStatusSteps({
  steps,
}: {
  steps: readonly JobStep[];
}) {
  const labels = useBasiqLabels();
  const cs = labels.connectionStatus;
  const progress = progressText(steps, labels);
  return (
    <>
      {steps.length > 0 && (
        <div className="basiq-ConnectionStatus-progress">
          <progress
            className="basiq-ConnectionStatus-progressBar"
            value={steps.filter(isDone).length}
            max={steps.length}
            aria-label={progress}
          />
          <span className="basiq-ConnectionStatus-progressText">{progress}</span>
        </div>
      )}
      <ol className="basiq-ConnectionStatus-steps" aria-label={cs.stepsLabel}>
        {steps.map((step, index) => (
          <li
            key={index}
            className="basiq-ConnectionStatus-step"
            data-status={step.status}
            aria-current={step.status === 'in-progress' ? 'step' : undefined}
          >
            <span className="basiq-ConnectionStatus-stepName">{stepName(step.title, labels)}</span>
            <span className="basiq-visuallyHidden">: </span>
            <span className="basiq-ConnectionStatus-stepStatus">{cs.stepStatus[step.status]}</span>
          </li>
        ))}
      </ol>
    </>
  );
});
