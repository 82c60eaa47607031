// Vite build and dev server for the Land Atlas client; the dev server proxies the API to the local server.
import path from 'node:path';
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
      // Two pages: the map (index.html) and the investor view (invest.html), which shares the small
      // chunks (React, i18n) and fetches maplibre only when one of its pages shows a map.
      input: {
        index: path.resolve(import.meta.dirname, 'index.html'),
        invest: path.resolve(import.meta.dirname, 'invest.html'),
      },
      output: {
        codeSplitting: {
          groups: [
            // React first: a group also takes the modules its members import, so maplibre's group
            // (react-map-gl imports React) would otherwise carry React, and every page would need it.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            // Vite's helper for lazy imports would otherwise land in whichever chunk first used it (maplibre's).
            { name: 'preload-helper', test: /vite\/preload-helper/ },
            { name: 'maplibre', test: /node_modules[\\/](maplibre-gl|@maplibre|@vis\.gl|react-map-gl)[\\/]/ },
            // Only the dashboard imports ECharts (lazily): its own chunk, never in the map's first load.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            // Turf serves the map's measuring and selecting: the investor pages need none of it.
            { name: 'turf', test: /node_modules[\\/]@turf[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
