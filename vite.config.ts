import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The gateway serves the built app in production; in `npm run dev` Vite proxies API and socket
// traffic to a gateway on GATEWAY_URL (default http://127.0.0.1:8080).
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 2_000,
    // The console, and the phone page a 叫应 link opens (/a/<token>, its own small bundle).
    rollupOptions: {
      input: { main: 'index.html', answer: 'answer.html', checkin: 'checkin.html' },
    },
  },
  server: {
    proxy: {
      '/api': gateway,
      '/socket.io': { target: gateway, ws: true },
    },
  },
});
