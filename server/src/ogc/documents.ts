// The landing page, conformance declaration and collection descriptions of /ogc.
import type { OgcCollection } from './collections.ts';
import { GEOJSON_TYPE, HTML_TYPE, JSON_TYPE, OPENAPI_TYPE, selfLinks } from './links.ts';
import type { Extent } from './queries.ts';
import { type Collection, CRS84, type LandingPage } from './schemas.ts';

/** OGC API – Features – Part 1: Core 1.0 conformance classes this service implements. */
export const CONFORMANCE_CLASSES = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
] as const;

export function landingPage(root: string): LandingPage {
  return {
    title: '工业用地一张图 Land Atlas — OGC API – Features',
    description:
      '地块、集中连片地块、工业用地控制线、开发园区与区县，可在 QGIS、ArcGIS 与 GDAL 中直接添加。未登录时为公开数据。 ' +
      'Plots, contiguous parcels, industrial control lines, development zones and districts, for QGIS, ArcGIS and GDAL. Without a session: the public view.',
    links: [
      ...selfLinks(root, JSON_TYPE),
      {
        href: `${root}/api`,
        rel: 'service-desc',
        type: OPENAPI_TYPE,
        title: 'API 定义 the API definition (OpenAPI 3.0)',
      },
      {
        href: `${root}/api?f=html`,
        rel: 'service-doc',
        type: HTML_TYPE,
        title: 'API 说明 the API documentation',
      },
      {
        href: `${root}/conformance`,
        rel: 'conformance',
        type: JSON_TYPE,
        title: '符合的标准 conformance classes',
      },
      { href: `${root}/collections`, rel: 'data', type: JSON_TYPE, title: '数据集 collections' },
    ],
  };
}

const SAMPLE_NOTE = ' 示例数据：由程序生成，并非真实数据。 Sample data: generated, not real.';

export function collectionDocument(root: string, collection: OgcCollection, extent: Extent): Collection {
  const href = `${root}/collections/${collection.id}`;
  return {
    id: collection.id,
    title: collection.title,
    description: collection.description + (extent.sample ? SAMPLE_NOTE : ''),
    itemType: 'feature',
    crs: [CRS84],
    ...(extent.bbox ? { extent: { spatial: { bbox: [extent.bbox], crs: CRS84 } } } : {}),
    links: [
      ...selfLinks(href, JSON_TYPE),
      {
        href: `${href}/items`,
        rel: 'items',
        type: GEOJSON_TYPE,
        title: `${collection.title}：要素 features (GeoJSON)`,
      },
      {
        href: `${href}/items?f=html`,
        rel: 'items',
        type: HTML_TYPE,
        title: `${collection.title}：要素 features (HTML)`,
      },
    ],
  };
}
