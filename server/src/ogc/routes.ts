// OGC API – Features under /ogc: landing page, conformance, collections and their items, role-aware.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fastJson from 'fast-json-stringify';
import type { FastifyReply } from 'fastify';
import { featureCollectionText, sendGeoJson } from '../http/geojson.ts';
import { errorResponses } from '../http/schemas.ts';
import { parseBBox } from '../plots/filters.ts';
import { COLLECTIONS, type OgcCollection, propertyNames, readsInternals } from './collections.ts';
import { CONFORMANCE_CLASSES, collectionDocument, landingPage } from './documents.ts';
import { createExtentCache } from './extents.ts';
import {
  apiHtml,
  collectionHtml,
  collectionsHtml,
  conformanceHtml,
  itemHtml,
  itemsHtml,
  landingHtml,
} from './html.ts';
import {
  GEOJSON_TYPE,
  HTML_TYPE,
  JSON_TYPE,
  OPENAPI_TYPE,
  ogcRoot,
  selfLinks,
  varyByViewer,
  wantsHtml,
  withQuery,
} from './links.ts';
import { ogcOpenApi, registerOgcOpenApi } from './openapi.ts';
import { parseFilters, parseProperties } from './params.ts';
import { type Extent, findFeature, findItems, type OgcFeature } from './queries.ts';
import {
  Collection,
  Collections,
  Conformance,
  DEFAULT_LIMIT,
  Feature,
  FeatureCollection,
  FeatureParams,
  FormatQuery,
  Html,
  ItemsQuery,
  type ItemsQueryValues,
  LandingPage,
  type Link,
  OpenApiDocument,
  propertiesSchema,
} from './schemas.ts';

function sendHtml(reply: FastifyReply, page: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(page);
}

/** JSON (or another JSON type) for programs, HTML for browsers: the response schemas of each. */
function jsonOrHtml<T>(schema: T, type: string = JSON_TYPE) {
  return { 200: { content: { [type]: { schema }, [HTML_TYPE]: { schema: Html } } }, ...errorResponses };
}

/** A collection's table columns must match its properties one for one: a mismatch is a bug, found at start-up. */
function checkColumns(collection: OgcCollection): void {
  const table = collection.table;
  if (!table) return;
  const same = (a: object, b: object) => Object.keys(a).sort().join() === Object.keys(b).sort().join();
  if (
    !same(collection.properties, table.columns) ||
    !same(collection.internalProperties, table.internalColumns)
  ) {
    throw new Error(`OGC collection ${collection.id}: its properties and columns differ`);
  }
}

interface Page {
  matched: number;
  returned: number;
  limit: number;
  offset: number;
}

/** self and alternate, the collection, and next/prev in JSON and HTML (next only while more remain). */
function itemsLinks(root: string, collection: OgcCollection, query: ItemsQueryValues, page: Page): Link[] {
  const href = `${root}/collections/${collection.id}/items`;
  const { f: _f, offset: _offset, ...rest } = query;
  const at = (offset: number, f: 'json' | 'html') => withQuery(href, { ...rest, offset, f });
  const links: Link[] = [
    { href: at(page.offset, 'json'), rel: 'self', type: GEOJSON_TYPE, title: 'this page' },
    { href: at(page.offset, 'html'), rel: 'alternate', type: HTML_TYPE, title: 'this page as HTML' },
    {
      href: `${root}/collections/${collection.id}`,
      rel: 'collection',
      type: JSON_TYPE,
      title: collection.title,
    },
  ];
  if (page.offset + page.returned < page.matched) {
    const next = page.offset + page.limit;
    links.push(
      { href: at(next, 'json'), rel: 'next', type: GEOJSON_TYPE, title: 'next page' },
      { href: at(next, 'html'), rel: 'next', type: HTML_TYPE, title: 'next page as HTML' },
    );
  }
  if (page.offset > 0) {
    const prev = Math.max(0, page.offset - page.limit);
    links.push(
      { href: at(prev, 'json'), rel: 'prev', type: GEOJSON_TYPE, title: 'previous page' },
      { href: at(prev, 'html'), rel: 'prev', type: HTML_TYPE, title: 'previous page as HTML' },
    );
  }
  return links;
}

// Left out of /api/openapi.json (the JSON API's document); /ogc/api describes them instead.
const OGC_SCHEMA = { tags: ['ogc'], hide: true };

const FEATURE_COLLECTION_HEAD = '{"type":"FeatureCollection"';

const ogcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const collection of COLLECTIONS) checkColumns(collection);
  await registerOgcOpenApi(app);
  const extentOf = createExtentCache(app.db.pool, app.db.version);
  // Per collection, one serializer for the public and one with the internal properties: the
  // public's features pass through a schema that does not know the internal ones.
  const serializers = new Map(
    COLLECTIONS.map((collection) => [
      collection.id,
      {
        public: fastJson(propertiesSchema(collection, false)),
        internal: fastJson(propertiesSchema(collection, true)),
      },
    ]),
  );
  const properties = (collection: OgcCollection, internal: boolean, feature: OgcFeature) => {
    const serializer = serializers.get(collection.id)!;
    return (internal ? serializer.internal : serializer.public)(feature.properties);
  };

  app.get(
    '/ogc',
    {
      config: { policy: 'public' },
      schema: {
        ...OGC_SCHEMA,
        summary: 'Landing page: links to the API definition, the conformance classes and the collections',
        querystring: FormatQuery,
        response: jsonOrHtml(LandingPage),
      },
    },
    async (request, reply) => {
      varyByViewer(reply);
      const root = ogcRoot(request);
      const landing = landingPage(root);
      if (wantsHtml(request)) return sendHtml(reply, landingHtml(landing, root));
      return landing;
    },
  );

  app.get(
    '/ogc/conformance',
    {
      config: { policy: 'public' },
      schema: {
        ...OGC_SCHEMA,
        summary:
          'The conformance classes implemented: OGC API – Features Part 1 core, GeoJSON, HTML, OpenAPI 3.0',
        querystring: FormatQuery,
        response: jsonOrHtml(Conformance),
      },
    },
    async (request, reply) => {
      varyByViewer(reply);
      const conformance = { conformsTo: [...CONFORMANCE_CLASSES] };
      if (!wantsHtml(request)) return conformance;
      const root = ogcRoot(request);
      const [json] = selfLinks(`${root}/conformance`, JSON_TYPE);
      return sendHtml(reply, conformanceHtml(conformance.conformsTo, json!, root));
    },
  );

  let apiText: { root: string; text: string } | null = null;
  app.get(
    '/ogc/api',
    {
      config: { policy: 'public' },
      schema: {
        ...OGC_SCHEMA,
        summary: 'This API as an OpenAPI 3.0 document (f=html: a readable summary)',
        querystring: FormatQuery,
        response: jsonOrHtml(OpenApiDocument, OPENAPI_TYPE),
      },
    },
    async (request, reply) => {
      varyByViewer(reply);
      const root = ogcRoot(request);
      const doc = ogcOpenApi(app, root);
      if (wantsHtml(request)) return sendHtml(reply, apiHtml(doc as Parameters<typeof apiHtml>[0], root));
      if (apiText?.root !== root) apiText = { root, text: JSON.stringify(doc) };
      // With the charset written here, Fastify leaves the type alone instead of quoting "3.0",
      // which GDAL's media-type check would not recognize.
      return reply.type(`${OPENAPI_TYPE};charset=utf-8`).send(apiText.text);
    },
  );

  app.get(
    '/ogc/collections',
    {
      config: { policy: 'public' },
      schema: {
        ...OGC_SCHEMA,
        summary:
          'The collections: plots, contiguous parcels, control lines, zones and districts, with extents',
        querystring: FormatQuery,
        response: jsonOrHtml(Collections),
      },
    },
    async (request, reply) => {
      varyByViewer(reply);
      const root = ogcRoot(request);
      const extents: Extent[] = [];
      for (const collection of COLLECTIONS) extents.push(await extentOf(collection, request.viewer));
      const collections: Collections = {
        links: selfLinks(`${root}/collections`, JSON_TYPE),
        collections: COLLECTIONS.map((collection, i) => collectionDocument(root, collection, extents[i]!)),
      };
      if (wantsHtml(request)) {
        return sendHtml(
          reply,
          collectionsHtml(
            collections,
            root,
            extents.some((extent) => extent.sample),
          ),
        );
      }
      return collections;
    },
  );

  for (const collection of COLLECTIONS) {
    const path = `/ogc/collections/${collection.id}`;

    app.get(
      path,
      {
        config: { policy: 'public' },
        schema: {
          ...OGC_SCHEMA,
          summary: `${collection.title}: description and extent`,
          querystring: FormatQuery,
          response: jsonOrHtml(Collection),
        },
      },
      async (request, reply) => {
        varyByViewer(reply);
        const root = ogcRoot(request);
        const extent = await extentOf(collection, request.viewer);
        const document = collectionDocument(root, collection, extent);
        if (wantsHtml(request)) return sendHtml(reply, collectionHtml(document, root, extent.sample));
        return document;
      },
    );

    app.get(
      `${path}/items`,
      {
        config: { policy: 'public' },
        schema: {
          ...OGC_SCHEMA,
          summary: `${collection.title}: features as GeoJSON, paged, in a bbox, filtered by properties`,
          querystring: ItemsQuery(collection),
          response: jsonOrHtml(FeatureCollection(collection), GEOJSON_TYPE),
        },
      },
      async (request, reply) => {
        varyByViewer(reply);
        const query = request.query as ItemsQueryValues;
        const viewer = request.viewer;
        const names = parseProperties(collection, viewer, query.properties);
        const filters = parseFilters(collection, query);
        const bbox = query.bbox === undefined ? null : parseBBox(query.bbox);
        const limit = query.limit ?? DEFAULT_LIMIT;
        const offset = query.offset ?? 0;
        const { matched, features } = await findItems(app.db.pool, viewer, collection, {
          filters,
          bbox,
          properties: names,
          limit,
          offset,
        });
        const root = ogcRoot(request);
        const links = itemsLinks(root, collection, query, {
          matched,
          returned: features.length,
          limit,
          offset,
        });
        if (wantsHtml(request)) {
          const { sample } = await extentOf(collection, viewer);
          return sendHtml(
            reply,
            itemsHtml({ collection, features, names, matched, offset, links, sample }, root),
          );
        }
        const internal = readsInternals(viewer);
        const text = featureCollectionText(
          features.map((feature) => ({
            id: feature.id,
            geometry: feature.geometry,
            properties: properties(collection, internal, feature),
          })),
          { numberMatched: matched, numberReturned: features.length },
        );
        if (!text.startsWith(FEATURE_COLLECTION_HEAD)) throw new Error('unexpected FeatureCollection text');
        const head = `,"timeStamp":${JSON.stringify(new Date().toISOString())},"links":${JSON.stringify(links)}`;
        return sendGeoJson(
          reply,
          FEATURE_COLLECTION_HEAD + head + text.slice(FEATURE_COLLECTION_HEAD.length),
        );
      },
    );

    app.get(
      `${path}/items/:featureId`,
      {
        config: { policy: 'public' },
        schema: {
          ...OGC_SCHEMA,
          summary: `${collection.title}: one feature by id${collection.featureId === 'district-code' ? ' (its 6-digit code)' : ''}`,
          params: FeatureParams(collection),
          querystring: FormatQuery,
          response: { ...jsonOrHtml(Feature(collection), GEOJSON_TYPE), 404: errorResponses[400] },
        },
      },
      async (request, reply) => {
        varyByViewer(reply);
        const viewer = request.viewer;
        const id = (request.params as { featureId: number | string }).featureId;
        const names = propertyNames(collection, viewer);
        const feature = await findFeature(app.db.pool, viewer, collection, id, names);
        if (!feature) {
          throw app.httpErrors.notFound(
            `${collection.noun} ${id} does not exist${collection.table?.visible ? ' or is not shown to you' : ''}`,
          );
        }
        const root = ogcRoot(request);
        const href = `${root}/collections/${collection.id}/items/${encodeURIComponent(String(feature.id))}`;
        const links: Link[] = [
          ...selfLinks(href, GEOJSON_TYPE),
          {
            href: `${root}/collections/${collection.id}`,
            rel: 'collection',
            type: JSON_TYPE,
            title: collection.title,
          },
        ];
        if (wantsHtml(request)) {
          const { sample } = await extentOf(collection, viewer);
          return sendHtml(reply, itemHtml(collection, feature, links, root, sample));
        }
        const text = `{"type":"Feature","id":${JSON.stringify(feature.id)},"geometry":${feature.geometry},"properties":${properties(collection, readsInternals(viewer), feature)},"links":${JSON.stringify(links)}}`;
        return sendGeoJson(reply, text);
      },
    );
  }
};

export default ogcRoutes;
