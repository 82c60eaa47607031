// POST /api/site-search: "a project needs 600 mu in the auto-parts cluster, inside a control line".
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/schemas.ts';
import { SiteSearchBody, SiteSearchResult } from './schemas.ts';
import { searchSites } from './search.ts';

const siteSearchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/site-search',
    {
      // Role-aware like the parcels: the public is offered available land only.
      config: { policy: 'public' },
      schema: {
        tags: ['parcels'],
        summary: 'Ranked candidate sites: groups of contiguous plots that meet a land demand',
        body: SiteSearchBody,
        response: { 200: SiteSearchResult, ...errorResponses },
      },
    },
    async (request) => searchSites(app.db.pool, request.viewer, request.body),
  );
};

export default siteSearchRoutes;
