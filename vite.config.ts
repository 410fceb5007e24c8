import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// assets/ is the public dir: rendered call audio is served from /audio/<scenario-id>/<clip>.webm
export default defineConfig({
  plugins: [react()],
  publicDir: 'assets',
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  // Phaser (the control-room map) is one prebundled file of about 1.4 MB that does not tree-shake;
  // it loads lazily with the map, never with the first screen, so its size is expected.
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 1500 },
});
