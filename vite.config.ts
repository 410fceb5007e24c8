import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The Content-Security-Policy of the built app. No inline script anywhere ('self' only); styles
 * from our own stylesheet (React, Phaser and the charts set style properties through the CSSOM,
 * which style-src does not govern). connect-src allows, besides our own origin, an LRS the user
 * configures later: any https: endpoint or one on this machine; and blob:, because Howler loads
 * an authored scenario's audio (kept in IndexedDB, served as object URLs) with a request.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' blob: https: http://localhost:* http://127.0.0.1:*",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Puts the policy into the built index.html as a <meta http-equiv>. Build only: `npm start`
 * (vite dev) injects inline scripts for hot reload that the policy would block.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'call-trainer:content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      // Straight after <meta charset>, before any script or stylesheet it governs.
      handler: (html) => {
        const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`;
        if (!html.includes('<meta charset="UTF-8" />')) throw new Error('index.html must start its <head> with <meta charset="UTF-8" />');
        return html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    ${meta}`);
      },
    },
  };
}

// assets/ is the public dir: rendered call audio is served from /audio/<scenario-id>/<clip>.webm.
// `--mode lms` (npm run package:scorm) builds the LMS package: no service worker there, because
// the LMS serves and updates the package itself.
export default defineConfig(({ mode }) => ({
  plugins: [
    react(),
    contentSecurityPolicyMeta(),
    VitePWA({
      disable: mode === 'lms',
      strategies: 'generateSW',
      registerType: 'prompt',
      // src/app/service-worker-updates.ts registers it (the only importer of virtual:pwa-register).
      injectRegister: false,
      includeAssets: ['icons/*.svg', 'icons/*.png'],
      manifest: {
        name: 'call-trainer',
        short_name: 'call-trainer',
        description: 'Practise police control-room calls: THRIVE+ risk assessment, grading and safeguarding.',
        lang: 'en-GB',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#1f2329',
        theme_color: '#2a2f37',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // The app shell, every lazy chunk (screens, Phaser, each scenario and answer key), the
        // county, and every call's audio (about 4.2 MB of Opus and MP3): the whole library works
        // offline after the first visit. Howler fetches audio whole for Web Audio (no range
        // requests), so precached responses serve it as they are.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json,webm,mp3}'],
        // Phaser's chunk is about 1.4 MB before compression.
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  publicDir: 'assets',
  server: { host: '127.0.0.1', port: 5173 },
  // `vite preview` sends the same policy as a header, as a real server would.
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { 'Content-Security-Policy': contentSecurityPolicy } },
  // Phaser (the control-room map) is one prebundled file of about 1.4 MB that does not tree-shake;
  // it loads lazily with the map, never with the first screen, so its size is expected.
  // No modulepreload polyfill: every browser the app supports has modulepreload.
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // zod decides at each object schema's definition whether to compile it with eval, which
        // the CSP forbids. Its \`jitless\` switch (src/app/zod-without-eval.ts) therefore shares
        // zod's chunk, so it runs before any other chunk can define a schema.
        codeSplitting: { groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]|src[\\/]app[\\/]zod-without-eval/ }] },
      },
    },
  },
}));
