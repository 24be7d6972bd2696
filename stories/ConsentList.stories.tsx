import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ConsentList, type ConsentListProps } from '../src';
import { LOCALES, USER, type MockArgs, type SetupContext } from './support/basiqStory';
import { find, wait, waitForData } from './support/play';

type Args = ConsentListProps & MockArgs;

const TITLE = 'Share your financial data';

/** The user connected a bank once: one active consent. */
const withConsent = ({ control }: SetupContext) => {
  control.createJob({ userId: USER, stepMs: 100 });
};

const meta = {
  title: 'Components/ConsentList',
  component: ConsentList,
  tags: ['autodocs'],
  args: { userId: USER, locale: 'en-AU', showRevoked: false, headingLevel: 3 },
  argTypes: {
    userId: { control: false },
    locale: { control: 'select', options: LOCALES },
    headingLevel: { control: 'inline-radio', options: [2, 3, 4, 5, 6] },
  },
  parameters: {
    basiq: { setup: withConsent },
    docs: {
      description: {
        component:
          'The consents of the mock’s user `u1` (connecting a bank gives one). Revoking removes ' +
          'the consent at once; when Basiq refuses, it comes back with an error.',
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<typeof meta>;

const revokeButton = (root: HTMLElement) =>
  within(root).findByRole('button', { name: `Revoke consent “${TITLE}”` }, wait);

async function revoke(root: HTMLElement) {
  await userEvent.click(await revokeButton(root));
  const group = within(root).getByRole('group', { name: /^Revoke “/ });
  await expect(group).toHaveTextContent(`Revoke “${TITLE}”?`);
  // The question takes focus, never "Yes, revoke": Enter twice revokes nothing.
  await expect(within(group).getByText(/^Revoke “/)).toHaveFocus();
  await userEvent.click(within(group).getByRole('button', { name: 'Yes, revoke' }));
}

export const WithConsents: Story = {
  name: 'With consents',
  play: async ({ canvasElement }) => {
    const list = await waitForData(canvasElement, '.basiq-ConsentList', 'state', 'ready');
    const item = within(list).getByRole('listitem', { name: TITLE });
    await expect(item).toHaveAttribute('data-status', 'active');
    await expect(within(item).getByRole('heading', { level: 3 })).toHaveTextContent(TITLE);
    await expect(item.querySelector('.basiq-ConsentList-status')).toHaveTextContent('Active');
    await expect(item.querySelectorAll('time')).toHaveLength(2);
  },
};

export const Revoke: Story = {
  play: async ({ canvasElement }) => {
    await revoke(canvasElement);
    const list = await waitForData(canvasElement, '.basiq-ConsentList', 'state', 'empty');
    // Read after "Revoking…" has had its turn: one message at a time.
    await waitFor(
      () =>
        expect(within(list).getByRole('status')).toHaveTextContent(`Consent “${TITLE}” revoked.`),
      wait,
    );
    // The consent's buttons are gone: the list's message takes focus.
    await expect(within(list).getByText('You have no consents.')).toHaveFocus();
  },
};

export const RevokeRollback: Story = {
  name: 'Revoke refused (rollback)',
  // Basiq takes a moment to refuse, as it does: the consent leaves the list, then comes back.
  parameters: { basiq: { setup: withConsent, fault: 'revoke-500', latency: 300 } },
  play: async ({ canvasElement }) => {
    await revoke(canvasElement);
    const error = await find(canvasElement, '.basiq-ConsentList-error');
    await expect(error).toHaveTextContent(`We could not revoke “${TITLE}”. Please try again.`);
    // The consent is back, still active, with focus on its Revoke button.
    const button = await revokeButton(canvasElement);
    await expect(button).toHaveFocus();
    await expect(button).toHaveAccessibleDescription(
      `We could not revoke “${TITLE}”. Please try again.`,
    );
    // A refusal needs the user to act: announced assertively.
    await waitFor(
      () =>
        expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
          `We could not revoke “${TITLE}”. Please try again.`,
        ),
      wait,
    );
  },
};

export const Empty: Story = {
  parameters: { basiq: { setup: () => {} } },
  play: async ({ canvasElement }) => {
    const list = await waitForData(canvasElement, '.basiq-ConsentList', 'state', 'empty');
    await expect(list).toHaveTextContent('You have no consents.');
  },
};

export const LoadError: Story = {
  name: 'Load error, then Try again',
  parameters: { basiq: { setup: withConsent, fault: 'consents-503' } },
  play: async ({ canvasElement }) => {
    const list = await waitForData(canvasElement, '.basiq-ConsentList', 'state', 'error');
    await expect(list.querySelector('.basiq-ConsentList-message')).toHaveTextContent(
      'We could not load your consents.',
    );
    await userEvent.click(within(list).getByRole('button', { name: 'Try again' }));
    await waitForData(canvasElement, '.basiq-ConsentList', 'state', 'ready');
    await waitFor(
      () =>
        expect(within(list).getByRole('status')).toHaveTextContent('Your consents are up to date.'),
      wait,
    );
  },
};

export const German: Story = {
  name: 'Locale de-DE',
  args: { locale: 'de-DE' },
  play: async ({ canvasElement }) => {
    const list = await waitForData(canvasElement, '.basiq-ConsentList', 'state', 'ready');
    const [created] = list.querySelectorAll('time');
    const expected = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium' }).format(
      new Date(created!.dateTime),
    );
    await expect(created).toHaveTextContent(expected);
    await expect(
      within(list).getByRole('button', { name: `Widerrufen: „${TITLE}“` }),
    ).toHaveTextContent('Widerrufen');
  },
};
