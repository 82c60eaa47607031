// Build-time environment variables the client reads.
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Optional online basemap, an XYZ raster URL template. Unset: the offline basemap only. */
  readonly VITE_BASEMAP_URL?: string;
  readonly VITE_BASEMAP_ATTRIBUTION?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
