// The React measurements of `npm run bench` (bench/*.measure.tsx): jsdom, the mock Basiq on
// MSW, fake timers. Kept apart from vite.config.ts so `vitest run` (the tests) never runs them.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['bench/**/*.measure.tsx'],
    setupFiles: ['test/setup/cleanup.ts'],
    restoreMocks: true,
  },
});
