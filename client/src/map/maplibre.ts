// The maplibre-gl module, with its web worker pointed at the bundled worker file. maplibre v6 looks for
// the worker next to its own module URL, which a bundler renames, so the URL is set explicitly.
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

maplibregl.setWorkerUrl(workerUrl);

export { maplibregl };
