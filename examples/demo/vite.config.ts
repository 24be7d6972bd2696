// The demo app's Vite config. `npm run demo` (scripts/demo.mjs) starts it with the backend's
// URL for the `/api` proxy; run on its own, it proxies to DEMO_BACKEND_URL.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // Its own cache, apart from Storybook's and Vitest's.
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite/demo', import.meta.url)),
  // Bundled up front, so the first visit does not reload the page halfway.
  optimizeDeps: {
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      '@tanstack/react-query',
    ],
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': process.env.DEMO_BACKEND_URL ?? 'http://127.0.0.1:5174' },
  },
});
