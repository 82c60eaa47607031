// Request schema of the plot export and the limits it keeps; the client imports the types.
import { type Static, Type } from 'typebox';
import { EXPORT_LANGUAGES } from '../compliance/schemas.ts';
import { PlotListQuery } from '../plots/schemas.ts';

export const EXPORT_FORMATS = ['geojson', 'csv', 'shp', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Coordinate systems a Shapefile or CSV can be written in: WGS 84, CGCS2000 geographic, and the
 * CGCS2000 3-degree Gauss-Krüger zones around 117°E and 120°E, with and without the zone prefix.
 */
export const EXPORT_CRS = [4326, 4490, 4527, 4528, 4548, 4549] as const;
export type ExportCrs = (typeof EXPORT_CRS)[number];

/**
 * Plots one Shapefile export may hold: it is built in memory (the .shp header and the DBF field
 * widths depend on every record). Measured on PostgreSQL with two busy cores: 100,000 plots take
 * about 10 s and 250 MB; see the README section "Exports".
 */
export const SHAPEFILE_MAX_PLOTS = 200_000;
/** An Excel sheet holds 1,048,576 rows, one of them the header. */
export const XLSX_MAX_PLOTS = 1_048_575;

const { format: _listFormat, limit: _limit, offset: _offset, ...filterProperties } = PlotListQuery.properties;

export const PlotExportQuery = Type.Object(
  {
    format: Type.Enum(EXPORT_FORMATS, {
      description:
        'geojson (RFC 7946, streamed), csv (UTF-8 with BOM, WKT and centroid, streamed), shp (zipped Shapefile with .prj and .cpg), xlsx',
    }),
    lang: Type.Optional(
      Type.Enum(EXPORT_LANGUAGES, {
        default: 'zh-CN',
        description:
          'language of the CSV/XLSX headings, the label columns and the Shapefile field description',
      }),
    ),
    // Checked against EXPORT_CRS in the handler, so a refusal can name the codes on offer.
    crs: Type.Optional(
      Type.Integer({
        default: 4326,
        description:
          'EPSG code of the Shapefile and CSV geometry: 4326 (WGS 84), 4490 (CGCS2000), 4527/4528 (CGCS2000 3° Gauss-Krüger zones 39/40, with the zone prefix), 4548/4549 (the same around 117°E/120°E, without it). GeoJSON is always WGS 84 (RFC 7946)',
      }),
    ),
    ...filterProperties,
  },
  { additionalProperties: false },
);
export type PlotExportQuery = Static<typeof PlotExportQuery>;
