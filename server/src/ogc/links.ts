// Absolute links between /ogc documents, and which representation (JSON or HTML) a request asks for.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Link } from './schemas.ts';

export const JSON_TYPE = 'application/json';
export const GEOJSON_TYPE = 'application/geo+json';
export const HTML_TYPE = 'text/html';
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

/**
 * The /ogc root as the client reached it. Links are absolute: GDAL resolves a link starting with
 * "/" against the landing page's URL, not against the server.
 */
export function ogcRoot(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/ogc`;
}

/** `href` with these query parameters (undefined ones left out), in the order given. */
export function withQuery(href: string, query: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) search.append(name, String(value));
  }
  const text = search.toString();
  return text ? `${href}?${text}` : href;
}

/** The pair every document carries: itself as JSON (or GeoJSON) and as HTML. */
export function selfLinks(
  href: string,
  type: string,
  query: Record<string, string | number | undefined> = {},
) {
  const json: Link = {
    href: withQuery(href, { ...query, f: 'json' }),
    rel: 'self',
    type,
    title: 'this document',
  };
  const html: Link = {
    href: withQuery(href, { ...query, f: 'html' }),
    rel: 'alternate',
    type: HTML_TYPE,
    title: 'this document as HTML',
  };
  return [json, html];
}

function quality(accept: string, matches: (type: string) => boolean): number {
  let best = 0;
  for (const part of accept.split(',')) {
    const [type = '', ...parameters] = part.trim().toLowerCase().split(';');
    if (!matches(type.trim())) continue;
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    if (Number.isFinite(value)) best = Math.max(best, value);
  }
  return best;
}

/**
 * HTML when `f=html`, or without `f` when the Accept header prefers text/html to JSON (browsers
 * do; GDAL, QGIS and curl do not). A tie goes to JSON, which is what programs read.
 */
export function wantsHtml(request: FastifyRequest): boolean {
  const f = (request.query as { f?: string } | undefined)?.f;
  if (f !== undefined) return f === 'html';
  const accept = request.headers.accept;
  if (!accept) return false;
  const html = quality(accept, (type) => type === HTML_TYPE || type === 'application/xhtml+xml');
  const json = quality(
    accept,
    (type) => type === JSON_TYPE || type === GEOJSON_TYPE || type === 'application/*' || type === '*/*',
  );
  return html > json;
}

/** Every /ogc answer depends on the Accept header and on who asks (the session cookie). */
export function varyByViewer(reply: FastifyReply): void {
  reply.header('vary', 'Accept, Cookie');
}
