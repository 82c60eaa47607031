// /api/imports: upload a file of plots, preview and check it, then commit it in one transaction or discard it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export interface ImportOptions {
  /** Largest upload accepted, in bytes. */
  maxBytes: number;
}

const importRoutes: FastifyPluginAsyncTypebox<ImportOptions> = async () => {};

export default importRoutes;
