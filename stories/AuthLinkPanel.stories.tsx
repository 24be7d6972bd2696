import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { AuthLinkPanel, type AuthLinkPanelProps } from '../src';
import { LOCALES, USER, USER_MOBILE, type MockArgs, type SetupContext } from './support/basiqStory';
import { find, wait, waitForData } from './support/play';

type Args = AuthLinkPanelProps & MockArgs;

const DAY = 86_400_000;
const LINK_PATH = `/users/${USER}/auth_link`;

/** The user has an auth link (created through the mock's API, as an app would). */
async function withLink({ request }: SetupContext) {
  const response = await request('POST', LINK_PATH, { mobile: USER_MOBILE });
  if (response.status !== 201) throw new Error(`POST auth_link answered ${response.status}`);
}

const meta = {
  title: 'Components/AuthLinkPanel',
  component: AuthLinkPanel,
  tags: ['autodocs'],
  args: { userId: USER, locale: 'en-AU' },
  argTypes: {
    userId: { control: false },
    locale: { control: 'select', options: LOCALES },
  },
  parameters: {
    basiq: { setup: withLink },
    docs: {
      description: {
        component:
          'The auth link of the mock’s user `u1` (mobile +61 400 000 178). Links are single ' +
          'use: the panel shows one as text and never opens it.',
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<typeof meta>;

const panel = (root: HTMLElement, state: string) =>
  waitForData(root, '.basiq-AuthLinkPanel', 'state', state);

const NONE = 'There is no active link. Links last 7 days.';

export const Active: Story = {
  play: async ({ canvasElement }) => {
    const section = await panel(canvasElement, 'active');
    await expect(within(canvasElement).getByRole('region', { name: 'Auth link' })).toBe(section);
    const link = within(section).getByLabelText('Link to share');
    await expect(link).toHaveAttribute('readonly');
    await expect((link as HTMLInputElement).value).toMatch(/^https:\/\/connect\.basiq\.io\//);
    await expect(within(section).getByText(`The SMS check goes to ${USER_MOBILE}.`)).toBeVisible();
    const expiry = section.querySelector('time')!;
    await expect(Date.parse(expiry.dateTime) - Date.now()).toBeGreaterThan(6 * DAY);
    await expect(within(section).getByRole('button', { name: 'Copy link' })).toBeVisible();
  },
};

export const None: Story = {
  name: 'None yet, then Create',
  parameters: { basiq: { setup: () => {} } },
  play: async ({ canvasElement }) => {
    const section = await panel(canvasElement, 'none');
    await expect(within(section).getByText(NONE)).toBeVisible();
    await userEvent.click(within(section).getByRole('button', { name: 'Create link' }));
    await panel(canvasElement, 'active');
    await waitFor(
      () =>
        expect(section.querySelector('.basiq-AuthLinkPanel-notice')).toHaveTextContent(
          'Link created',
        ),
      wait,
    );
    await expect(within(section).getByLabelText('Link to share')).toHaveFocus();
  },
};

export const Expired: Story = {
  parameters: {
    basiq: {
      setup: async (world: SetupContext) => {
        await withLink(world);
        world.control.advance(8 * DAY); // links last 7 days
      },
    },
  },
  play: async ({ canvasElement }) => {
    const section = await panel(canvasElement, 'none');
    await expect(within(section).getByText(NONE)).toBeVisible();
  },
};

export const Deleted: Story = {
  parameters: {
    basiq: {
      setup: async (world: SetupContext) => {
        await withLink(world);
        await world.request('DELETE', LINK_PATH);
      },
    },
  },
  play: async ({ canvasElement }) => {
    const section = await panel(canvasElement, 'none');
    await expect(within(section).getByText(NONE)).toBeVisible();
    await expect(within(section).getByRole('button', { name: 'Create link' })).toBeVisible();
  },
};

export const Delete: Story = {
  name: 'Delete (with confirmation)',
  play: async ({ canvasElement }) => {
    const section = await panel(canvasElement, 'active');
    await userEvent.click(within(section).getByRole('button', { name: 'Delete link' }));
    const group = within(section).getByRole('group', {
      name: 'Delete this link? It will stop working.',
    });
    await userEvent.click(within(group).getByRole('button', { name: 'Delete link' }));
    await panel(canvasElement, 'none');
    await expect(section.querySelector('.basiq-AuthLinkPanel-notice')).toHaveTextContent(
      'Link deleted',
    );
  },
};

export const LoadError: Story = {
  name: 'Load error, then Try again',
  parameters: { basiq: { setup: withLink, fault: 'auth-link-500' } },
  play: async ({ canvasElement }) => {
    const section = await panel(canvasElement, 'error');
    await expect(await find(section, '.basiq-AuthLinkPanel-status')).toHaveTextContent(
      'The link could not be loaded.',
    );
    await userEvent.click(within(section).getByRole('button', { name: 'Try again' }));
    await panel(canvasElement, 'active');
  },
};
