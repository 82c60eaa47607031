// HTTP caching of the investor view's answers: the same for every viewer, so they carry a public
// Cache-Control and an ETag derived from the data version, and a repeat visit gets 304 unread.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const INVEST_CACHE_CONTROL = 'public, max-age=60';

/** True when an If-None-Match header names this tag (weak comparison, as RFC 9110 has for GET). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || candidate.replace(/^W\//, '') === bare;
  });
}

/**
 * Adds the hooks to the routes of the calling plugin. `shape` names what the answers look like
 * (their schemas): a release that changes a response changes every tag even when the data did not.
 * Tags are weak: compressed and plain bodies are the same answer, not the same bytes.
 */
export function cacheByDataVersion(app: FastifyInstance, shape: unknown): void {
  const shapeKey = createHash('sha1').update(JSON.stringify(shape)).digest('base64url').slice(0, 12);
  const tags = new WeakMap<FastifyRequest, string>();

  // After validation (a bad request is answered 400, never 304) and before any query but the version.
  app.addHook('preHandler', async (request, reply) => {
    const version = await app.db.version.current();
    const digest = createHash('sha1').update(`${shapeKey}\n${version}\n${request.url}`).digest('base64url');
    const etag = `W/"${digest.slice(0, 22)}"`;
    if (matches(request.headers['if-none-match'], etag)) {
      reply.code(304).header('etag', etag).header('cache-control', INVEST_CACHE_CONTROL);
      return reply.send();
    }
    tags.set(request, etag);
  });

  // Only a 200 is cacheable: a 404 for a plot deleted a moment ago must not be kept.
  app.addHook('onSend', async (request, reply, payload) => {
    const etag = tags.get(request);
    if (etag && reply.statusCode === 200) {
      reply.header('etag', etag);
      reply.header('cache-control', INVEST_CACHE_CONTROL);
    }
    return payload;
  });
}
