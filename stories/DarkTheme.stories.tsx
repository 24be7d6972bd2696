import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { ConnectButton, ConnectionStatus, ConsentList } from '../src';
import { AT_ONCE, USER, useBasiqStory, type MockArgs } from './support/basiqStory';
import { ConsentGuard } from './support/ConsentGuard';
import { find, waitForData, waitForPhase } from './support/play';

/** A few components together, to see the theme at once. */
function Showcase() {
  const { jobIds } = useBasiqStory();
  return (
    <div className="sb-showcase">
      <ConsentGuard>
        <ConnectButton action="connect" />
      </ConsentGuard>
      <ConnectionStatus jobIds={jobIds} />
      <ConsentList userId={USER} />
    </div>
  );
}

const meta = {
  title: 'Theming/Dark theme',
  component: Showcase,
  tags: ['autodocs'],
  args: { scenario: 'mfa-token' },
  // The toolbar's Theme global, fixed to dark here: the decorator sets data-basiq-theme="dark",
  // and src/styles.css gives the same dark values as under prefers-color-scheme: dark.
  globals: { theme: 'dark' },
  parameters: {
    basiq: { stepMs: AT_ONCE },
    docs: {
      description: {
        component:
          'The default theme follows `prefers-color-scheme`; `data-basiq-theme="dark"` on any ' +
          'ancestor forces the dark values (pick **Theme → Dark** in the toolbar for any story).',
      },
    },
  },
} satisfies Meta<MockArgs>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Dark: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await find(canvasElement, '[data-basiq-theme="dark"]');
    const status = await waitForPhase(canvasElement, 'mfa-required');
    const style = getComputedStyle(status);
    const surface = style.getPropertyValue('--basiq-color-surface').trim();
    await expect(canvas.getAttribute('data-basiq-theme')).toBe('dark');
    // Forced colors (Windows High Contrast) paints system colours and sets its own colour
    // scheme; the theme hands its colours to the system there.
    if (matchMedia('(forced-colors: active)').matches) {
      await expect(surface).toBe('Canvas');
    } else {
      await expect(surface).toBe('#16181d');
      await expect(style.backgroundColor).toBe('rgb(22, 24, 29)');
      await expect(style.colorScheme).toBe('dark');
    }
    await waitForData(canvasElement, '.basiq-MfaForm', 'state', 'idle');
    await waitForData(canvasElement, '.basiq-ConsentList', 'state', 'ready');
    await waitForData(canvasElement, '.basiq-ConnectButton', 'state', 'ready');
    await expect(within(canvas).getByRole('button', { name: 'Connect your bank' })).toBeVisible();
  },
};
