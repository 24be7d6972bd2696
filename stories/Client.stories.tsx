import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { JobViewer, TokenGuardPlayground, sampleTokens } from './ClientPlayground';

const meta = {
  title: 'Client/Token guard',
  component: TokenGuardPlayground,
  tags: ['autodocs'],
  argTypes: {
    initialToken: { control: 'select', options: Object.values(sampleTokens) },
  },
} satisfies Meta<typeof TokenGuardPlayground>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Checks the token in the field and returns what the guard said. */
async function check(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  await userEvent.click(canvas.getByRole('button', { name: 'Check token' }));
  const verdict = canvas.getByRole('status');
  await expect(verdict).not.toHaveTextContent(/^$/);
  return verdict;
}

export const ClientAccessToken: Story = {
  args: { initialToken: sampleTokens['CLIENT_ACCESS (accepted)']! },
  play: async ({ canvasElement }) => {
    const verdict = await check(canvasElement);
    await expect(verdict).toHaveTextContent('Accepted: scope CLIENT_ACCESS, user user-1');
    await expect(verdict).toHaveAttribute('data-ok', 'true');
  },
};

export const ServerAccessToken: Story = {
  args: { initialToken: sampleTokens['SERVER_ACCESS (refused)']! },
  play: async ({ canvasElement }) => {
    const verdict = await check(canvasElement);
    await expect(verdict).toHaveAttribute('data-ok', 'false');
    await expect(verdict).toHaveTextContent(/SERVER_ACCESS/);
  },
};

export const FailedJob: StoryObj<typeof JobViewer> = {
  render: (args) => <JobViewer {...args} />,
  args: {
    raw: {
      id: 'job-1',
      jobType: 'connection',
      steps: [
        {
          title: 'verify-credentials',
          status: 'failed',
          result: { code: 'invalid-credentials', title: 'Cannot login' },
        },
        { title: 'retrieve-accounts', status: 'pending', result: null },
      ],
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvasElement.querySelector('p')).toHaveTextContent(
      'Phase: failed (invalid-credentials)',
    );
    await expect(canvas.getByText('verify-credentials: failed')).toBeVisible();
  },
};
