// Vite build and dev server for the Land Atlas client; the dev server proxies the API to the local server.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const target = `http://127.0.0.1:${process.env.LAND_ATLAS_PORT ?? 8080}`;
const proxy = Object.fromEntries(
  ['/api', '/tiles', '/ogc', '/healthz', '/readyz'].map((path) => [path, target]),
);

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
    // maplibre-gl alone is ~800 kB minified; it is one cacheable vendor chunk, not a problem to warn about.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/](maplibre-gl|@maplibre|@vis\.gl|react-map-gl)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            // Only the dashboard imports ECharts (lazily): its own chunk, never in the map's first load.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
