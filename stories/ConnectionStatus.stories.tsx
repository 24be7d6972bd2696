import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { basiqKeys, ConnectionStatus, normalizeJob, type ConnectionStatusProps } from '../src';
import { SCENARIOS } from '../src/testing';
import {
  AT_ONCE,
  FAULTS,
  useBasiqStory,
  type MockArgs,
  type SetupContext,
} from './support/basiqStory';
import { answerMfa, find, wait, waitForData, waitForPhase } from './support/play';

type Args = ConnectionStatusProps & MockArgs;

/** ConnectionStatus on the jobs the story's mock started (`scenario` arg). */
function ConnectionStatusStory(props: ConnectionStatusProps) {
  const { jobIds } = useBasiqStory();
  return <ConnectionStatus jobIds={jobIds} {...props} />;
}

const meta = {
  title: 'Components/ConnectionStatus',
  component: ConnectionStatus,
  tags: ['autodocs'],
  render: (args) => <ConnectionStatusStory {...args} />,
  args: {
    scenario: 'success',
    onSuccess: fn(),
    onFailure: fn(),
    onMfa: fn(),
  },
  argTypes: {
    scenario: {
      control: 'select',
      options: SCENARIOS,
      description: 'Mock: the scenario of the job the story starts',
      table: { category: 'Mock Basiq' },
    },
    stepMs: {
      control: { type: 'number', min: 0, step: 100 },
      description:
        'Mock: how long each step takes (ms). Unset: signing in and checking an MFA answer take 300 ms (0 in the MFA and failure stories), data 50 ms',
      table: { category: 'Mock Basiq' },
    },
    latency: {
      control: { type: 'number', min: 0, step: 100 },
      description: 'Mock: delay of every response (ms)',
      table: { category: 'Mock Basiq' },
    },
    fault: {
      control: 'select',
      options: Object.keys(FAULTS),
      description: 'Mock: a fault injected before the story renders',
      table: { category: 'Mock Basiq' },
    },
    jobId: { control: false },
    jobIds: { control: false },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Each story starts a job on the mock Basiq (user `u1`) and follows it. ' +
          'Change **scenario**, **stepMs**, **latency** or **fault** to start again on a fresh mock. ' +
          'Every MFA prompt accepts `123456`.',
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<typeof meta>;

const stepStatuses = (root: HTMLElement) =>
  [...root.querySelectorAll('.basiq-ConnectionStatus-step')].map((step) =>
    step.getAttribute('data-status'),
  );

/** The job's failure advice, once it failed. */
async function expectFailure(root: HTMLElement, family: string, code: string, message: string) {
  await waitForPhase(root, 'failed');
  await waitForData(root, '.basiq-ConnectionStatus-failure', 'family', family);
  await expect(within(root).getByText(message)).toBeVisible();
  await expect(within(root).getByText(code)).toBeVisible();
}

export const Success: Story = {
  args: { scenario: 'success' },
  play: async ({ canvasElement, args }) => {
    const root = await waitForPhase(canvasElement, 'success');
    await expect(root.querySelector('.basiq-ConnectionStatus-phase')).toHaveTextContent(
      'Connected',
    );
    await expect(within(root).getByText('3 of 3 steps done')).toBeVisible();
    await expect(stepStatuses(root)).toEqual(['success', 'success', 'success']);
    await expect(args.onSuccess).toHaveBeenCalledTimes(1);
  },
};

export const MfaToken: Story = {
  name: 'MFA: one-time code',
  args: { scenario: 'mfa-token' },
  parameters: { basiq: { stepMs: AT_ONCE } },
  play: async ({ canvasElement, args }) => {
    await waitForPhase(canvasElement, 'mfa-required');
    const field = await within(canvasElement).findByLabelText(
      'We sent a code by SMS to your mobile number XXXX XXX 178.',
      {},
      wait,
    );
    await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(args.onMfa).toHaveBeenCalledTimes(1);
    await answerMfa(canvasElement);
    await waitForPhase(canvasElement, 'success');
    await expect(args.onSuccess).toHaveBeenCalledTimes(1);
  },
};

export const MfaQuestions: Story = {
  name: 'MFA: security questions',
  args: { scenario: 'mfa-questions' },
  parameters: { basiq: { stepMs: AT_ONCE } },
  play: async ({ canvasElement }) => {
    const form = await waitForData(canvasElement, '.basiq-MfaForm', 'method', 'security-questions');
    await expect(within(form).getAllByRole('textbox')).toHaveLength(3);
    await expect(within(form).getByLabelText('In which city were you born?')).toBeVisible();
    // Answering them: see MfaForm › Security questions.
  },
};

export const MfaWrongThenRight: Story = {
  name: 'MFA: wrong answer, then right',
  args: { scenario: 'mfa-wrong-then-right' },
  parameters: { basiq: { stepMs: AT_ONCE } },
  play: async ({ canvasElement }) => {
    await answerMfa(canvasElement, '000000');
    const form = await waitForData(canvasElement, '.basiq-MfaForm', 'state', 'wrong');
    await expect(form.querySelector('.basiq-MfaForm-message')).toHaveTextContent(
      'That answer wasn’t accepted. Please try again.',
    );
    await answerMfa(canvasElement);
    await waitForPhase(canvasElement, 'success');
  },
};

export const InvalidCredentials: Story = {
  name: 'Failed: invalid credentials',
  args: { scenario: 'invalid-credentials' },
  parameters: { basiq: { stepMs: AT_ONCE } },
  play: async ({ canvasElement, args }) => {
    await expectFailure(
      canvasElement,
      'credentials',
      'invalid-credentials',
      'Your bank didn’t accept the sign-in details.',
    );
    await expect(args.onFailure).toHaveBeenCalledTimes(1);
  },
};

export const UserActionRequired: Story = {
  name: 'Failed: the bank needs the user',
  args: { scenario: 'user-action-required' },
  parameters: { basiq: { stepMs: AT_ONCE } },
  play: async ({ canvasElement }) => {
    await expectFailure(
      canvasElement,
      'userAction',
      'account-not-accessible-requires-user-action',
      'Your bank needs you to do something first.',
    );
  },
};

export const ServiceUnavailable: Story = {
  name: 'Failed: the bank is down',
  args: { scenario: 'service-unavailable' },
  parameters: { basiq: { stepMs: AT_ONCE } },
  play: async ({ canvasElement }) => {
    await expectFailure(
      canvasElement,
      'unavailable',
      'service-unavailable',
      'Your bank is having trouble right now.',
    );
  },
};

export const Statement: Story = {
  args: { scenario: 'statement' },
  play: async ({ canvasElement }) => {
    const root = await waitForPhase(canvasElement, 'success');
    await expect(within(root).getByText('Getting your statements')).toBeVisible();
  },
};

export const Report: Story = {
  // Ready at once: a report job in its (slowly polled) data step would keep the play waiting.
  args: { scenario: 'report', stepMs: 0 },
  play: async ({ canvasElement }) => {
    const root = await waitForPhase(canvasElement, 'success');
    await expect(within(root).getByText('Preparing your report')).toBeVisible();
    await expect(within(root).getByText('1 of 1 steps done')).toBeVisible();
  },
};

export const ArrayResult: Story = {
  name: 'MFA result as an array',
  args: { scenario: 'array-result' },
  parameters: { basiq: { stepMs: AT_ONCE } },
  play: async ({ canvasElement }) => {
    await waitForData(canvasElement, '.basiq-MfaForm', 'method', 'token');
    await answerMfa(canvasElement);
    await waitForPhase(canvasElement, 'success');
  },
};

export const ExpiredChallenge: Story = {
  name: 'MFA challenge expired',
  args: { scenario: 'mfa-token' },
  parameters: { basiq: { stepMs: AT_ONCE, mock: { mfaExpiryMs: 1000 } } },
  play: async ({ canvasElement }) => {
    const form = await waitForData(canvasElement, '.basiq-MfaForm', 'state', 'expired');
    await expect(form.querySelector('.basiq-MfaForm-message')).toHaveTextContent(
      'Time ran out. Please start again.',
    );
    await expect(within(form).getByRole('textbox')).toBeDisabled();
  },
};

/** Seeds a finished job in the cache: failures the mock's scenarios do not produce. */
const failedJob =
  (code: string, title: string) =>
  ({ queryClient }: SetupContext) => {
    const job = normalizeJob({
      type: 'job',
      id: `seeded-${code}`,
      created: new Date().toISOString(),
      updated: new Date().toISOString(),
      steps: [
        { title: 'verify-credentials', status: 'failed', result: { code, title, detail: title } },
        { title: 'retrieve-accounts', status: 'pending', result: null },
      ],
    });
    queryClient.setQueryData(basiqKeys.job(job.id), job);
  };

export const InstitutionProblem: Story = {
  name: 'Failed: bank cannot be connected',
  args: { scenario: null, jobId: 'seeded-institution-disabled' },
  parameters: {
    basiq: { setup: failedJob('institution-disabled', 'This institution is disabled.') },
  },
  play: async ({ canvasElement }) => {
    await expectFailure(
      canvasElement,
      'institution',
      'institution-disabled',
      'This bank can’t be connected right now.',
    );
  },
};

export const OtherFailure: Story = {
  name: 'Failed: any other code',
  args: { scenario: null, jobId: 'seeded-something-new' },
  parameters: { basiq: { setup: failedJob('something-new', 'Something new went wrong.') } },
  play: async ({ canvasElement }) => {
    await expectFailure(
      canvasElement,
      'generic',
      'something-new',
      'Something went wrong connecting your bank.',
    );
  },
};

export const SeveralBanks: Story = {
  name: 'Several banks (jobIds)',
  args: { scenario: 'success' },
  parameters: { basiq: { scenarios: ['invalid-credentials'] } },
  play: async ({ canvasElement }) => {
    await waitForPhase(canvasElement, 'failed');
    const jobs = canvasElement.querySelectorAll('.basiq-ConnectionStatus-job');
    await expect(jobs).toHaveLength(2);
    await expect(within(canvasElement).getByText('2 of 2 connections finished')).toBeVisible();
    await expect(jobs[0]).toHaveAttribute('data-phase', 'success');
    await expect(jobs[1]).toHaveAttribute('data-phase', 'failed');
  },
};

export const JobNotFound: Story = {
  name: 'Job not found',
  args: { scenario: null, jobId: 'no-such-job' },
  play: async ({ canvasElement }) => {
    const root = await waitForPhase(canvasElement, 'error');
    await expect(root.querySelector('.basiq-ConnectionStatus-error')).toHaveTextContent(
      'We couldn’t find this connection. Please connect your bank again.',
    );
    await expect(within(root).queryByRole('button', { name: 'Try again' })).toBeNull();
  },
};

export const LoadErrorThenRetry: Story = {
  name: 'Load error, then Try again',
  args: { scenario: 'success', fault: 'job-500' },
  play: async ({ canvasElement }) => {
    const root = await waitForPhase(canvasElement, 'error');
    await expect(root.querySelector('.basiq-ConnectionStatus-error')).toHaveTextContent(
      'We couldn’t check this connection right now.',
    );
    // The job is polled again on its own after a while; Try again does it at once.
    const retry = within(canvasElement).queryByRole('button', { name: 'Try again' });
    if (retry) await userEvent.click(retry);
    await waitForPhase(canvasElement, 'success');
  },
};

export const Empty: Story = {
  name: 'No job',
  args: { scenario: null },
  play: async ({ canvasElement }) => {
    await find(canvasElement, '.basiq-ConnectionStatus[data-phase="empty"]');
    await expect(within(canvasElement).getByText('No bank connection to show.')).toBeVisible();
  },
};
