// /api/search: suggestions for the map's search box — plots, zones, districts and, for viewers
// who may read occupants, enterprises — each with the bbox the client flies to.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/schemas.ts';
import { type SearchRow, search } from './queries.ts';
import { type SearchItem, SearchQuery, SearchResult } from './schemas.ts';

// Built field by field from the row, then serialized by the response schema.
function item(row: SearchRow): SearchItem {
  return {
    kind: row.kind,
    id: row.kind === 'district' ? row.id : Number(row.id),
    label: row.label,
    labelEn: row.label_en,
    detail: row.detail,
    bbox: [row.min_lon, row.min_lat, row.max_lon, row.max_lat],
  };
}

const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/search',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['search'],
        summary:
          'Search-box suggestions: plot codes, zones, districts and (where the viewer may see occupants) enterprises',
        querystring: SearchQuery,
        response: { 200: SearchResult, ...errorResponses },
      },
    },
    async (request) => {
      const text = request.query.q.trim();
      if (text.length === 0) {
        throw app.httpErrors.badRequest('query parameter q: type at least one character other than a space');
      }
      // PostgreSQL text cannot hold NUL, and no name or code holds a control character.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point of this check
      if (/[\u0000-\u001f\u007f]/.test(text)) {
        throw app.httpErrors.badRequest('query parameter q: must not contain control characters');
      }
      const rows = await search(app.db.pool, request.viewer, text, request.query.limit ?? 8);
      return { items: rows.map(item) };
    },
  );
};

export default searchRoutes;
