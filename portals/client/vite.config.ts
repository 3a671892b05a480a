import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into dist/ and served by the gateway at /mijn/; `npm run dev -w @plein/portal-client` runs it with Vite
// on port 5174, passing /api to a gateway on port 3000 (PLEIN_GATEWAY overrides).
export default defineConfig({
  base: '/mijn/',
  plugins: [react()],
  server: {
    port: 5174,
    strictPort: true,
    proxy: { '/api': process.env['PLEIN_GATEWAY'] ?? 'http://localhost:3000' },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
