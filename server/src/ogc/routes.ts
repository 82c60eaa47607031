// OGC API – Features under /ogc: landing page, conformance, collections and their items, role-aware.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const ogcRoutes: FastifyPluginAsyncTypebox = async () => {};

export default ogcRoutes;
