import type { Meta, StoryObj } from '@storybook/react-vite';
import { JobViewer, TokenGuardPlayground, sampleTokens } from './ClientPlayground';

const meta = {
  title: 'Client/Token guard',
  component: TokenGuardPlayground,
  argTypes: {
    initialToken: { control: 'select', options: Object.values(sampleTokens) },
  },
} satisfies Meta<typeof TokenGuardPlayground>;

export default meta;
type Story = StoryObj<typeof meta>;

export const ClientAccessToken: Story = {
  args: { initialToken: sampleTokens['CLIENT_ACCESS (accepted)']! },
};

export const ServerAccessToken: Story = {
  args: { initialToken: sampleTokens['SERVER_ACCESS (refused)']! },
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
};
