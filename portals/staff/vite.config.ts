import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into dist/ and served by the gateway at /; `npm run dev -w @plein/portal-staff` runs it with Vite
// on port 5173, passing /api to a gateway on port 3000 (PLEIN_GATEWAY overrides).
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': process.env['PLEIN_GATEWAY'] ?? 'http://localhost:3000' },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
