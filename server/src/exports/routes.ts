// /api/exports: the plots a viewer filters, as GeoJSON, CSV, a zipped Shapefile or XLSX, role-aware.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const exportRoutes: FastifyPluginAsyncTypebox = async () => {};

export default exportRoutes;
