import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ConnectButton, type ConnectButtonProps } from '../src';
import { useBasiqStory, type MockArgs } from './support/basiqStory';
import { ConsentGuard } from './support/ConsentGuard';
import { waitForData } from './support/play';

type Args = ConnectButtonProps & MockArgs;

/** The button, kept from navigating away; update/reauthorise get the story's connection. */
function ConnectButtonStory({ connectionId, ...props }: ConnectButtonProps) {
  const world = useBasiqStory();
  const needsConnection = props.action === 'update' || props.action === 'reauthorise';
  return (
    <ConsentGuard note="Clicked: in an app this opens Basiq's consent UI in the same tab (it cannot be framed, so not here).">
      <ConnectButton
        {...props}
        connectionId={connectionId ?? (needsConnection ? world.connectionId : undefined)}
      />
    </ConsentGuard>
  );
}

const meta = {
  title: 'Components/ConnectButton',
  component: ConnectButton,
  tags: ['autodocs'],
  render: (args) => <ConnectButtonStory {...args} />,
  args: { action: 'connect', onError: fn(), scenario: null },
  argTypes: {
    action: {
      control: 'select',
      options: ['connect', 'manage', 'extend', 'update', 'reauthorise'],
    },
    scenario: { table: { disable: true } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The consent UI cannot be framed, so in these stories a click is stopped before it ' +
          'navigates (see **Full flow** for the round trip with a stand-in consent page).',
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The button is ready (its consent URL is built) and reads `name`. */
async function expectReady(root: HTMLElement, name: string) {
  const wrapper = await waitForData(root, '.basiq-ConnectButton', 'state', 'ready');
  const button = within(wrapper).getByRole('button', { name });
  await expect(button).not.toHaveAttribute('aria-disabled');
  return button;
}

export const Connect: Story = {
  play: async ({ canvasElement, args }) => {
    const button = await expectReady(canvasElement, 'Connect your bank');
    await userEvent.click(button);
    await expect(within(canvasElement).getByRole('note')).toHaveTextContent(
      /opens Basiq's consent UI/,
    );
    await expect(args.onError).not.toHaveBeenCalled();
  },
};

export const Manage: Story = {
  args: { action: 'manage' },
  play: async ({ canvasElement }) => {
    await expectReady(canvasElement, 'Manage your connections');
  },
};

export const Extend: Story = {
  args: { action: 'extend' },
  play: async ({ canvasElement }) => {
    await expectReady(canvasElement, 'Extend your consent');
  },
};

export const Update: Story = {
  args: { action: 'update', scenario: 'success' },
  play: async ({ canvasElement }) => {
    await expectReady(canvasElement, 'Update your connection');
  },
};

export const Reauthorise: Story = {
  args: { action: 'reauthorise', scenario: 'success' },
  play: async ({ canvasElement }) => {
    await expectReady(canvasElement, 'Reconnect your bank');
  },
};

export const CustomLabel: Story = {
  name: 'Custom content',
  args: { action: 'connect', children: 'Link an account' },
  play: async ({ canvasElement }) => {
    await expectReady(canvasElement, 'Link an account');
  },
};

export const HostNotAllowed: Story = {
  name: 'Error: consent host not allowed',
  parameters: { basiq: { provider: { consentBaseUrl: 'https://consent.example.com' } } },
  play: async ({ canvasElement, args }) => {
    const wrapper = await waitForData(canvasElement, '.basiq-ConnectButton', 'state', 'error');
    const button = within(wrapper).getByRole('button', { name: 'Connect your bank' });
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toHaveAccessibleDescription(
      'Connecting is unavailable. Please try again soon.',
    );
    await expect(args.onError).toHaveBeenCalledTimes(1);
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringMatching(/not on an allowed host/) }),
    );
  },
};
