'use client';
import { memo } from 'react';
import type { JobStep } from '../client/types.js';
import { useComponentLabels } from '../hooks/useComponentLabels.js';
import {
  connectionStatusSections,
  doneCount,
  progressText,
  stepName,
} from './connectionStatusModel.js';

/**
 * The job's progress bar and its text (nothing for a job without steps), then its steps, each
 * with its name and its status as words.
 */
export const ConnectionStatusSteps = /* @__PURE__ */ memo(function ConnectionStatusSteps({
  steps,
}: {
  steps: readonly JobStep[];
}) {
  const labels = useComponentLabels('ConnectionStatus', connectionStatusSections);
  const texts = labels.connectionStatus;
  const progress = progressText(steps, labels);
  return (
    <>
      {steps.length > 0 && (
        <div className="basiq-ConnectionStatus-progress">
          <progress
            className="basiq-ConnectionStatus-progressBar"
            value={doneCount(steps)}
            max={steps.length}
            aria-label={progress}
          />
          <span className="basiq-ConnectionStatus-progressText">{progress}</span>
        </div>
      )}
      <ol className="basiq-ConnectionStatus-steps" aria-label={texts.stepsLabel}>
        {steps.map((step, index) => (
          <li
            key={index}
            className="basiq-ConnectionStatus-step"
            data-status={step.status}
            aria-current={step.status === 'in-progress' ? 'step' : undefined}
          >
            <span className="basiq-ConnectionStatus-stepName">{stepName(step.title, labels)}</span>
            <span className="basiq-visuallyHidden">: </span>
            <span className="basiq-ConnectionStatus-stepStatus">
              {texts.stepStatus[step.status]}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
});
