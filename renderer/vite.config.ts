/**
 * Builds the renderer into build/renderer, loadable from the Electron shell's app:// protocol or the
 * browser-mode host: relative asset paths, no remote content, and nothing inline (no inline script or
 * style, no data: URL assets), so it runs under the strict CSP both of them send
 * (main/browser/content-security-policy.ts is the one policy; the page declares none of its own).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../build/renderer', import.meta.url));

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // Inlined assets would become data: URLs the policy does not allow for scripts and styles.
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'chrome130',
    // One local bundle (React, Redux, zod) loaded from disk, never over a network: size matters less than simplicity.
    chunkSizeWarningLimit: 1024,
  },
  server: { host: '127.0.0.1' },
});
