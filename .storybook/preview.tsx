/// <reference types="vite/client" />
import type { Preview } from '@storybook/react-vite';
import { basiqLoader, withBasiq } from '../stories/support/basiqStory';
import { keepDocsPagesStill } from '../stories/support/docsFocus';
// The default theme as an app loads it (`basiq-react/styles.css` is these files joined).
import '../src/styles.css';

import.meta.glob('../src/components/*.css', { eager: true });

keepDocsPagesStill();

const preview: Preview = {
  loaders: [basiqLoader],
  decorators: [withBasiq],
  globalTypes: {
    theme: {
      description: 'Theme of the components: auto follows prefers-color-scheme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'auto', title: 'Auto (system)' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'auto' },
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'requiredFirst' },
    // Story tests fail on any axe violation, as the component tests do.
    a11y: { test: 'error' },
    docs: { codePanel: true },
  },
};

export default preview;
