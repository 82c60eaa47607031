// The OpenAPI 3.0 document of /ogc, generated from the routes' own schemas by a swagger instance of its own.
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

const DECORATOR = 'ogcOpenApi';

export interface OgcOpenApi {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: { url: string; description?: string }[];
  paths?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Registers, in the /ogc plugin's context, a generator that sees only the /ogc routes. Those routes
 * are hidden from the app's own document (/api/openapi.json, the JSON API); here they are shown,
 * with paths relative to the server URL …/ogc, as OGC clients expect: GDAL looks up
 * `/collections/{name}/items` to learn which properties the server filters by.
 */
export async function registerOgcOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    decorator: DECORATOR,
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '工业用地一张图 OGC API – Features (Land Atlas)',
        version: '1.0.0',
        description:
          'Plots, contiguous parcels, industrial control lines, development zones and districts as OGC API – Features ' +
          '(Part 1: Core, GeoJSON, HTML). Role-aware: without a session, the public view.',
      },
      tags: [{ name: 'ogc', description: 'OGC API – Features' }],
    },
    transform: ({ schema, url }) => ({
      schema: { ...schema, hide: false },
      url: url === '/ogc' ? '/' : url.replace(/^\/ogc\//, '/'),
    }),
  });
}

/** The document with this request's server URL (the generated part is built once and kept). */
export function ogcOpenApi(app: FastifyInstance, root: string): OgcOpenApi {
  const generated = app.getDecorator<() => OgcOpenApi>(DECORATOR)();
  return { ...generated, servers: [{ url: root, description: 'this server' }] };
}
