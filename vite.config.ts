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
    // The console, and the phone pages a 叫应 link (/a/<token>) and a shelter's check-in link
    // (/checkin/<token>) open, each its own small bundle.
    // The check-in page's service worker keeps a fixed name at the root (/checkin-sw.js): a
    // worker's address is what the page registers, and it may not change with each build.
    rollupOptions: {
      input: {
        main: 'index.html',
        answer: 'answer.html',
        checkin: 'checkin.html',
        'checkin-sw': 'src/client/checkin/checkin-sw.ts',
      },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === 'checkin-sw' ? 'checkin-sw.js' : 'assets/[name]-[hash].js',
      },
    },
  },
  server: {
    proxy: {
      '/api': gateway,
      '/socket.io': { target: gateway, ws: true },
    },
  },
});
