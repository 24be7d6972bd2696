import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, within } from 'storybook/test';
import { MfaForm, useJob, type MfaFormProps } from '../src';
import { AT_ONCE, useBasiqStory, type MockArgs } from './support/basiqStory';
import { answerMfa, waitForData } from './support/play';
import './support/stories.css';

type Args = MfaFormProps & MockArgs;

/** The form on the story's job, with the job's phase beside it (the form shows only at MFA). */
function MfaFormStory({ jobId: given, ...props }: MfaFormProps) {
  const { jobIds } = useBasiqStory();
  const jobId = given || jobIds[0]!;
  const { phase } = useJob(jobId);
  return (
    <div className="sb-stack sb-stack-480">
      <p className="sb-job-phase" data-phase={phase ?? 'loading'}>
        Job phase: <strong>{phase ?? 'loading'}</strong>
      </p>
      <MfaForm jobId={jobId} {...props} />
    </div>
  );
}

const meta = {
  title: 'Components/MfaForm',
  component: MfaForm,
  tags: ['autodocs'],
  render: (args) => <MfaFormStory {...args} />,
  // The story's job unless a jobId is given.
  args: { jobId: '', scenario: 'mfa-token', onAccepted: fn(), autoFocus: true },
  argTypes: {
    jobId: { control: false },
    scenario: {
      control: 'select',
      options: ['mfa-token', 'mfa-questions', 'mfa-wrong-then-right', 'array-result'],
      description: 'Mock: the scenario of the job the story starts',
      table: { category: 'Mock Basiq' },
    },
    stepMs: {
      control: { type: 'number', min: 0, step: 100 },
      description: 'Mock: how long each step takes (ms)',
      table: { category: 'Mock Basiq' },
    },
  },
  // The bank asks as soon as the job starts.
  parameters: {
    basiq: { stepMs: AT_ONCE },
    docs: {
      description: {
        component:
          'The form appears once the story’s job asks for an answer (at once here). The mock ' +
          'accepts `123456`.',
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Token: Story = {
  name: 'One-time code',
  play: async ({ canvasElement, args }) => {
    const form = await waitForData(canvasElement, '.basiq-MfaForm', 'method', 'token');
    const field = within(form).getByLabelText(
      'We sent a code by SMS to your mobile number XXXX XXX 178.',
    );
    await expect(field).toHaveAttribute('inputmode', 'numeric');
    await expect(field).toHaveFocus();
    await expect(form.querySelector('.basiq-MfaForm-countdown')).toHaveTextContent(
      /Time left to answer: \d:\d\d/,
    );
    await answerMfa(canvasElement);
    const accepted = await waitForData(canvasElement, '.basiq-MfaForm', 'state', 'accepted');
    await expect(accepted.querySelector('.basiq-MfaForm-message')).toHaveTextContent(
      'Thanks, your answer was accepted.',
    );
    await expect(args.onAccepted).toHaveBeenCalledTimes(1);
  },
};

export const Questions: Story = {
  name: 'Security questions',
  args: { scenario: 'mfa-questions' },
  play: async ({ canvasElement }) => {
    const form = await waitForData(canvasElement, '.basiq-MfaForm', 'method', 'security-questions');
    await expect(
      within(form)
        .getAllByRole('textbox')
        .map((field) => field.id),
    ).toHaveLength(3);
    await expect(within(form).getByLabelText('What was the name of your first pet?')).toBeVisible();
    await expect(within(form).getByLabelText('What is your favourite colour?')).toBeVisible();
    await answerMfa(canvasElement);
    await waitForData(canvasElement, '.basiq-MfaForm', 'state', 'accepted');
  },
};

export const WrongAnswer: Story = {
  name: 'Wrong answer',
  args: { scenario: 'mfa-wrong-then-right' },
  play: async ({ canvasElement }) => {
    await answerMfa(canvasElement, '000000');
    const form = await waitForData(canvasElement, '.basiq-MfaForm', 'state', 'wrong');
    await expect(form.querySelector('.basiq-MfaForm-message')).toHaveTextContent(
      'That answer wasn’t accepted. Please try again.',
    );
    await expect(within(form).getByRole('textbox')).toHaveValue('');
  },
};

export const Expired: Story = {
  name: 'Expired challenge',
  parameters: { basiq: { mock: { mfaExpiryMs: 1000 } } },
  play: async ({ canvasElement }) => {
    const form = await waitForData(canvasElement, '.basiq-MfaForm', 'state', 'expired');
    await expect(form.querySelector('.basiq-MfaForm-message')).toHaveTextContent(
      'Time ran out. Please start again.',
    );
    await expect(within(form).getByRole('textbox')).toBeDisabled();
    await expect(within(form).getByRole('button', { name: 'Submit' })).toBeDisabled();
  },
};
