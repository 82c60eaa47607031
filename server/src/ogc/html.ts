// Plain server-rendered HTML views of /ogc for browsers: every value escaped, no scripts, no dependencies.
import type { OgcCollection } from './collections.ts';
import type { OgcFeature } from './queries.ts';
import type { Collection, Collections, LandingPage, Link } from './schemas.ts';

/** Text already made safe; anything else put into `html` is escaped. */
export class SafeHtml {
  constructor(readonly text: string) {}
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** A template whose interpolated values are escaped unless they are SafeHtml (or lists of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(text);
}

/** A property value as a person reads it. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? '是 yes' : '否 no';
  if (Array.isArray(value)) return value.map((v) => cell(v)).join(', ');
  return String(value);
}

const STYLE = `body{font:15px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#1f2933}
a{color:#0b57d0}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}.sample{background:#fff4ce;border:1px solid #e0b400;padding:.5rem .75rem;margin:1rem 0}nav{font-size:13px;margin-bottom:1rem}
.meta{color:#52606d;font-size:13px}.pager a{margin-right:1rem}svg{border:1px solid #d0d7de;background:#fafbfc}`;

interface PageOptions {
  title: string;
  /** The way back: label and href of each level above this page. */
  trail: { label: string; href: string }[];
  /** This document as JSON. */
  json: Link | undefined;
  sample: boolean;
  body: SafeHtml;
}

function page(options: PageOptions): string {
  const trail = options.trail.map((step) => html`<a href="${step.href}">${step.label}</a> › `);
  const json = options.json ? html` · <a href="${options.json.href}">JSON</a>` : '';
  const sample = options.sample
    ? html`<p class="sample">示例数据：本服务的数据由程序生成，并非真实数据。 Sample data: generated, not real.</p>`
    : '';
  return `<!doctype html>\n${
    html`<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${options.title} · 工业用地一张图 Land Atlas</title><style>${new SafeHtml(STYLE)}</style></head>
<body><nav>${trail}${options.title}${json}</nav><h1>${options.title}</h1>${sample}${options.body}</body></html>`
      .text
  }\n`;
}

const jsonLink = (links: readonly Link[]) => links.find((link) => link.rel === 'self');

function linkList(links: readonly Link[]): SafeHtml {
  return html`<ul>${links.map(
    (link) =>
      html`<li><a href="${link.href}">${link.title ?? link.rel}</a> <span class="meta">${link.rel}${link.type ? ` · ${link.type}` : ''}</span></li>`,
  )}</ul>`;
}

export function conformanceHtml(conformsTo: readonly string[], json: Link, root: string): string {
  return page({
    title: '符合的标准 Conformance',
    trail: [{ label: 'OGC API', href: `${root}?f=html` }],
    json,
    sample: false,
    body: html`<p>OGC API – Features – Part 1: Core 1.0</p><ul>${conformsTo.map((uri) => html`<li><a href="${uri}">${uri}</a></li>`)}</ul>`,
  });
}

export function landingHtml(landing: LandingPage, root: string): string {
  return page({
    title: landing.title,
    trail: [],
    json: jsonLink(landing.links),
    sample: false,
    body: html`<p>${landing.description}</p>${linkList(landing.links.filter((l) => l.rel !== 'self' && l.rel !== 'alternate'))}
<h2>在 QGIS 或 GDAL 中使用 Use in QGIS or GDAL</h2>
<p>QGIS：图层 › 添加图层 › 添加 WFS / OGC API – Features 图层，URL 填 <code>${root}</code>。 Layer › Add Layer › Add WFS / OGC API – Features Layer, URL <code>${root}</code>.</p>
<p>GDAL：<code>ogrinfo OAPIF:${root}</code></p>`,
  });
}

function extentText(collection: Collection): string {
  const bbox = collection.extent?.spatial.bbox[0];
  return bbox ? bbox.join(', ') : '—';
}

export function collectionsHtml(collections: Collections, root: string, sample: boolean): string {
  return page({
    title: '数据集 Collections',
    trail: [{ label: 'OGC API', href: `${root}?f=html` }],
    json: jsonLink(collections.links),
    sample,
    body: html`<table><tr><th>编号 id</th><th>名称 title</th><th>说明 description</th><th>范围 extent (CRS84)</th></tr>${collections.collections.map(
      (c) =>
        html`<tr><td><a href="${root}/collections/${c.id}?f=html">${c.id}</a></td><td>${c.title}</td><td>${c.description}</td><td>${extentText(c)}</td></tr>`,
    )}</table>`,
  });
}

export function collectionHtml(collection: Collection, root: string, sample: boolean): string {
  const items = collection.links.filter((link) => link.rel === 'items');
  return page({
    title: collection.title,
    trail: [
      { label: 'OGC API', href: `${root}?f=html` },
      { label: '数据集 Collections', href: `${root}/collections?f=html` },
    ],
    json: jsonLink(collection.links),
    sample,
    body: html`<p>${collection.description}</p>
<table><tr><th>编号 id</th><td>${collection.id}</td></tr><tr><th>范围 extent (CRS84)</th><td>${extentText(collection)}</td></tr>
<tr><th>坐标系 CRS</th><td>${collection.crs.join(', ')}</td></tr></table>
<h2>要素 Features</h2>${linkList(items)}`,
  });
}

export interface ItemsView {
  collection: OgcCollection;
  features: readonly OgcFeature[];
  names: readonly string[];
  matched: number;
  offset: number;
  links: readonly Link[];
  sample: boolean;
}

export function itemsHtml(view: ItemsView, root: string): string {
  const { collection, features, names } = view;
  const base = `${root}/collections/${collection.id}`;
  const pager = view.links
    .filter((link) => (link.rel === 'prev' || link.rel === 'next') && link.type === 'text/html')
    .map(
      (link) =>
        html`<a href="${link.href}">${link.rel === 'prev' ? '‹ 上一页 previous' : '下一页 next ›'}</a>`,
    );
  const first = features.length ? view.offset + 1 : 0;
  return page({
    title: `${collection.title}：要素 features`,
    trail: [
      { label: 'OGC API', href: `${root}?f=html` },
      { label: '数据集 Collections', href: `${root}/collections?f=html` },
      { label: collection.title, href: `${base}?f=html` },
    ],
    json: view.links.find((link) => link.rel === 'self'),
    sample: view.sample,
    body: html`<p class="meta">第 ${first}–${view.offset + features.length} 个，共 ${view.matched} 个 · features ${first}–${view.offset + features.length} of ${view.matched}</p>
<p class="pager">${pager}</p>
<table><tr><th>id</th>${names.map((name) => html`<th>${name}</th>`)}</tr>${features.map(
      (feature) =>
        html`<tr><td><a href="${base}/items/${encodeURIComponent(String(feature.id))}?f=html">${feature.id}</a></td>${names.map(
          (name) => html`<td>${cell(feature.properties[name])}</td>`,
        )}</tr>`,
    )}</table>
<p class="pager">${pager}</p>`,
  });
}

type Ring = [number, number][];

function rings(geometry: unknown): Ring[] {
  const g = geometry as { type?: string; coordinates?: unknown };
  if (g.type === 'Polygon') return g.coordinates as Ring[];
  if (g.type === 'MultiPolygon') return (g.coordinates as Ring[][]).flat();
  return [];
}

/** The outline as a small SVG drawing (north up, longitudes shrunk by the cosine of the latitude). */
function outline(geometryText: string): SafeHtml | '' {
  const all = rings(JSON.parse(geometryText));
  const points = all.flat();
  if (points.length === 0) return '';
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const shrink = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const width = Math.max((maxX - minX) * shrink, 1e-9);
  const height = Math.max(maxY - minY, 1e-9);
  const scale = 280 / Math.max(width, height);
  const d = all
    .map(
      (ring) =>
        `M${ring
          .map(
            ([x, y]) =>
              `${(10 + (x - minX) * shrink * scale).toFixed(1)} ${(10 + (maxY - y) * scale).toFixed(1)}`,
          )
          .join('L')}Z`,
    )
    .join('');
  return html`<svg xmlns="http://www.w3.org/2000/svg" width="${(width * scale + 20).toFixed(0)}" height="${(height * scale + 20).toFixed(0)}" role="img" aria-label="outline"><path d="${d}" fill="#9ecae1" fill-opacity=".5" stroke="#08519c" fill-rule="evenodd"/></svg>`;
}

export function itemHtml(
  collection: OgcCollection,
  feature: OgcFeature,
  links: readonly Link[],
  root: string,
  sample: boolean,
): string {
  const base = `${root}/collections/${collection.id}`;
  return page({
    // A person knows a plot or zone by its code, a program by its id.
    title: `${collection.title} ${typeof feature.properties.code === 'string' ? feature.properties.code : feature.id}`,
    trail: [
      { label: 'OGC API', href: `${root}?f=html` },
      { label: '数据集 Collections', href: `${root}/collections?f=html` },
      { label: collection.title, href: `${base}?f=html` },
      { label: '要素 features', href: `${base}/items?f=html` },
    ],
    json: links.find((link) => link.rel === 'self'),
    sample,
    body: html`<table>${Object.entries(feature.properties).map(
      ([name, value]) => html`<tr><th>${name}</th><td>${cell(value)}</td></tr>`,
    )}</table><p>${outline(feature.geometry)}</p>`,
  });
}

interface ApiOperation {
  summary?: string;
  parameters?: { name?: string; in?: string; description?: string }[];
}

/** The OpenAPI document as a page: each path, what it does and its parameters. */
export function apiHtml(doc: { paths?: Record<string, Record<string, ApiOperation>> }, root: string): string {
  const rows = Object.entries(doc.paths ?? {}).map(([path, operations]) => {
    const get = operations.get ?? {};
    const parameters = (get.parameters ?? []).map(
      (p) => html`<li><code>${p.name}</code> (${p.in}) ${p.description ?? ''}</li>`,
    );
    return html`<tr><td><code>GET ${root}${path === '/' ? '' : path}</code></td><td>${get.summary ?? ''}</td><td><ul>${parameters}</ul></td></tr>`;
  });
  return page({
    title: 'API 定义 API definition',
    trail: [{ label: 'OGC API', href: `${root}?f=html` }],
    json: { href: `${root}/api`, rel: 'self' },
    sample: false,
    body: html`<p>OpenAPI 3.0: <a href="${root}/api">${root}/api</a></p><table><tr><th>路径 path</th><th>用途 purpose</th><th>参数 parameters</th></tr>${rows}</table>`,
  });
}
