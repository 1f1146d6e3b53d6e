import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths are relative to this file's folder (root) so the build works from any working directory;
// base './' lets Electron load the same output from file://.
const root = decodeURIComponent(new URL('.', import.meta.url).pathname).replace(/^\/([A-Za-z]:)/, '$1');

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Chromium of Electron 38 and current Debian; no legacy output needed.
    target: 'chrome130',
    // One bundle read from local disk or loopback: splitting would not make first paint faster.
    chunkSizeWarningLimit: 2500,
  },
});
