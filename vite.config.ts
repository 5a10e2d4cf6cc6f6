import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The policy in renderer/index.html's meta element, matching the host's header. frame-ancestors is
 * left to the header: browsers ignore it in a meta policy and log a console error saying so.
 */
const productionCsp =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * Vite's dev server injects an inline React Refresh preamble, injects CSS as <style> elements and talks
 * to the page over a WebSocket, all of which the production policy forbids. In `vite` (serve) only, the
 * meta policy is relaxed just enough for that; `vite build` leaves index.html untouched.
 */
function devOnlyCsp(): Plugin {
  const devCsp =
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
    "img-src 'self' data: blob:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; " +
    "form-action 'none'";
  return {
    name: 'sufficiency-planner:dev-only-csp',
    apply: 'serve',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(productionCsp)) {
          throw new Error('renderer/index.html no longer carries the expected Content-Security-Policy.');
        }
        return html.replace(productionCsp, devCsp);
      },
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), devOnlyCsp()],
  // The scenario worker is an ES module worker, bundled as a file of its own under assets/.
  worker: { format: 'es' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Everything must be a separate file: the CSP allows no inline scripts, styles or data: fonts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    sourcemap: false,
  },
});
