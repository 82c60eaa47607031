// What the client exposes to browser tests (see client/src/map/map-view.tsx).
import type { Map as MaplibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    __landAtlasMap?: MaplibreMap;
  }
}
