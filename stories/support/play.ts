// Small helpers for play functions.
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { MFA_ANSWER } from './basiqStory';

/** How long a play waits for the mock's jobs (their steps take a few hundred ms each). */
export const TIMEOUT = 10_000;

const wait = { timeout: TIMEOUT };

/** The single element matching `selector` under `root`, once it exists. */
export async function find(root: HTMLElement, selector: string): Promise<HTMLElement> {
  return waitFor(() => {
    const element = root.querySelector<HTMLElement>(selector);
    expect(element, `nothing matches ${selector}`).not.toBeNull();
    return element!;
  }, wait);
}

/** Waits until the element matching `selector` has `data-<name>="<value>"`. */
export async function waitForData(
  root: HTMLElement,
  selector: string,
  name: string,
  value: string,
): Promise<HTMLElement> {
  return waitFor(async () => {
    const element = await find(root, selector);
    expect(element).toHaveAttribute(`data-${name}`, value);
    return element;
  }, wait);
}

/** Waits for ConnectionStatus (the first on the page) to reach `phase`. */
export const waitForPhase = (root: HTMLElement, phase: string) =>
  waitForData(root, '.basiq-ConnectionStatus', 'phase', phase);

/** Fills every field of the MFA form in `root` with `answer` and submits it. */
export async function answerMfa(root: HTMLElement, answer: string = MFA_ANSWER): Promise<void> {
  // `idle` the first time, `wrong` after a refused answer.
  const form = await find(root, '.basiq-MfaForm:is([data-state="idle"], [data-state="wrong"])');
  for (const field of within(form).getAllByRole('textbox')) {
    await userEvent.clear(field);
    await userEvent.type(field, answer);
  }
  await userEvent.click(within(form).getByRole('button', { name: 'Submit' }));
}

export { wait };
