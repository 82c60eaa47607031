// /api/invest: the investor view's data — available land, parcels and zones, public attributes only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const investRoutes: FastifyPluginAsyncTypebox = async () => {};

export default investRoutes;
