// The investor view (/invest) in Chromium, as an anonymous visitor: the landing figures, browsing with
// filters, permanent links, an inquiry reaching the zone's manager, the one-page brochure in both
// languages, a phone, what the page costs on the wire — and never an internal attribute.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import type { InquiryList } from '../../server/src/inquiries/schemas.ts';
import type { InvestSummary, SiteCollection } from '../../server/src/invest/schemas.ts';
import { signIn } from '../support/app.ts';
import { requireUnderCi } from '../support/backends.ts';
import { ARTIFACTS, browserAvailable, CHROMIUM, type Language, newPageIn } from '../support/browser.ts';
import { type BrowserApp, serveForBrowser } from '../support/browser-app.ts';
import { measurePageLoad } from '../support/page-load.ts';

declare global {
  interface Window {
    __landAtlasInvestMap?: MaplibreMap;
  }
}

requireUnderCi(`Chromium at ${CHROMIUM} and a built client in client/dist`, browserAvailable);

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const COMPANY = 'Sample Invest Co. (investor view test)';
/** Keys of internal plot attributes: none may reach an investor page, whatever their value. */
const INTERNAL_KEYS = [
  'enterpriseName',
  'enterprise',
  'inefficiencyType',
  'grade',
  'indicators',
  'notes',
  'occupantCount',
  'plan',
  'flags',
  'reservation',
  'reservations',
  'project',
  'projectName',
];

/** Every JSON object key in a parsed body, at any depth. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysOf(inner, into);
    }
  }
  return into;
}

/** How many features the map's sites source holds (what it draws). */
const mapSiteCount = (page: Page) =>
  page.evaluate(async () => {
    const source = window.__landAtlasInvestMap?.getSource('invest-sites') as
      | { getData: () => Promise<{ features: unknown[] }> }
      | undefined;
    return source ? (await source.getData()).features.length : -1;
  });

describe.runIf(browserAvailable)('investor view in Chromium', () => {
  const backend = inject('backends')[0]!;
  const password = inject('demoPassword');
  let served: BrowserApp;
  let pool: Pool;
  let app: FastifyInstance;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    served = await serveForBrowser(backend, { inquiriesPerHour: 1000 });
    ({ pool, app, browser, origin } = served);
  });
  afterAll(async () => {
    await pool?.query('DELETE FROM inquiries WHERE company = $1', [COMPANY]);
    await served?.close();
  });

  const api = async <T>(url: string): Promise<T> => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode, url).toBe(200);
    return response.json() as T;
  };

  /** A page as an anonymous visitor, its JSON answers recorded and its errors collected. */
  async function visit(language: Language, viewport = DESKTOP) {
    const page = await newPageIn(browser, language, viewport);
    const errors: string[] = [];
    const answers: Promise<{ url: string; body: string } | null>[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', (response: Response) => {
      if (!(response.headers()['content-type'] ?? '').includes('json')) return;
      answers.push(
        response.text().then(
          (body) => ({ url: response.url(), body }),
          () => null,
        ),
      );
    });
    const bodies = async () => (await Promise.all(answers)).filter((answer) => answer !== null);
    return { page, errors, bodies };
  }

  it('shows the API’s figures on the landing page, with the sample label and without map code', async () => {
    const summary = await api<InvestSummary>('/api/invest/summary');
    const parcels = await api<{ numberMatched: number }>('/api/parcels');
    const { page, errors } = await visit('zh-CN');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${origin}/invest`);
    const area = page.getByTestId('figure-available-area');
    await area.waitFor();
    expect(Number(await area.getAttribute('data-value'))).toBe(summary.availableAreaMu);
    expect(Number(await page.getByTestId('figure-available-plots').getAttribute('data-value'))).toBe(
      summary.availablePlots,
    );
    // The 500+ mu parcels the investor is told about are the public parcels of /api/parcels.
    expect(Number(await page.getByTestId('figure-parcels').getAttribute('data-value'))).toBe(
      parcels.numberMatched,
    );
    expect(summary.parcels).toBe(parcels.numberMatched);
    const thousands = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
    expect(await area.textContent()).toContain(`${thousands.format(summary.availableAreaMu)} 亩`);
    expect(await area.textContent()).toContain('公顷');
    // Each zone's available land, as a card linking to its page.
    const cards = page.getByTestId('zone-card');
    expect(await cards.count()).toBe(summary.zones.length);
    for (const zone of summary.zones) {
      const card = page.locator(`[data-testid="zone-card"][data-zone-id="${zone.id}"]`);
      expect(Number(await card.getAttribute('data-available-area'))).toBe(zone.availableAreaMu);
      expect(await card.getAttribute('href')).toBe(`/invest/zones/${zone.id}`);
    }
    expect(summary.isSample).toBe(true);
    await expect(page.getByTestId('sample-badge').first().textContent()).resolves.toBe('示例数据');
    expect(await page.getByTestId('to-map').getAttribute('href')).toBe('/');
    await page.waitForLoadState('networkidle');
    expect(requests.filter((url) => /maplibre/.test(url))).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'invest-landing-desktop-zh.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('narrows the cards and the map together when a filter is chosen, and keeps it in the address', async () => {
    const summary = await api<InvestSummary>('/api/invest/summary');
    // A zone with some land but fewer plots than a page of cards, so every match is on screen.
    const zone = summary.zones.filter((z) => z.availablePlots > 5 && z.availablePlots < 100).at(-1)!;
    const { page, errors } = await visit('en');
    await page.goto(`${origin}/invest/sites`);
    await page.getByTestId('site-card').first().waitFor();
    await page.locator('.invest-map[data-ready="true"]').waitFor({ timeout: 120_000 });
    const before = Number(await page.getByTestId('result-count').getAttribute('data-value'));
    expect(before).toBe(summary.availablePlots);
    await expect.poll(() => mapSiteCount(page)).toBe(await page.getByTestId('site-card').count());

    await page.locator('select[name="zone"]').selectOption(String(zone.id));
    await expect
      .poll(() => page.getByTestId('result-count').getAttribute('data-value'))
      .toBe(String(zone.availablePlots));
    await expect.poll(() => page.getByTestId('site-card').count()).toBe(zone.availablePlots);
    await expect.poll(() => mapSiteCount(page)).toBe(zone.availablePlots);
    expect(new URL(page.url()).searchParams.get('zone')).toBe(String(zone.id));

    // A servicing item narrows both again, to what the API answers for the same filter.
    await page.locator('.check-chip', { hasText: 'gas' }).click();
    const expected = await api<SiteCollection>(`/api/invest/sites?zoneId=${zone.id}&servicing=gas&limit=1`);
    expect(expected.numberMatched).toBeLessThan(zone.availablePlots);
    await expect.poll(() => page.getByTestId('site-card').count()).toBe(expected.numberMatched);
    await expect.poll(() => mapSiteCount(page)).toBe(expected.numberMatched);
    const cardIds = await page
      .getByTestId('site-card')
      .evaluateAll((cards) => cards.map((c) => c.dataset.id));
    const all = await api<SiteCollection>(`/api/invest/sites?zoneId=${zone.id}&servicing=gas`);
    expect(cardIds.map(Number).sort()).toEqual(all.features.map((f) => f.id).sort());
    expect(new URL(page.url()).searchParams.get('servicing')).toBe('gas');

    // The address reproduces the view.
    await page.reload();
    await expect.poll(() => page.getByTestId('site-card').count()).toBe(expected.numberMatched);
    expect(await page.locator('select[name="zone"]').inputValue()).toBe(String(zone.id));
    await page.screenshot({ path: path.join(ARTIFACTS, 'invest-browse-desktop-en.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('reloads a parcel’s permanent link to the same parcel', async () => {
    const { page, errors } = await visit('zh-CN');
    await page.goto(`${origin}/invest/sites?kind=parcels`);
    const card = page.getByTestId('site-card').nth(1);
    await card.waitFor();
    const id = await card.getAttribute('data-id');
    await card.click();
    await page.waitForURL(`**/invest/parcels/${id}`);
    const parcelPage = page.getByTestId('parcel-page');
    await parcelPage.waitFor();
    expect(await parcelPage.getAttribute('data-parcel-id')).toBe(id);
    const title = await page.locator('.site-page__head h1').textContent();
    const area = await page.getByTestId('fact-area').textContent();
    expect(title).toBe(`集中连片地块 #${id}`);

    await page.reload();
    await parcelPage.waitFor();
    expect(await parcelPage.getAttribute('data-parcel-id')).toBe(id);
    expect(await page.locator('.site-page__head h1').textContent()).toBe(title);
    expect(await page.getByTestId('fact-area').textContent()).toBe(area);

    // The same link, opened elsewhere (a fresh browser, in English), shows the same parcel.
    const other = await visit('en', PHONE);
    await other.page.goto(page.url());
    await other.page.getByTestId('parcel-page').waitFor();
    expect(await other.page.getByTestId('parcel-page').getAttribute('data-parcel-id')).toBe(id);
    expect(await other.page.locator('.site-page__head h1').textContent()).toBe(`Contiguous site #${id}`);
    // In English, the leading industries and the investment office are named in English too.
    const industries = await other.page.getByTestId('parcel-page').locator('.chips').first().textContent();
    expect(industries).toMatch(/[A-Za-z]{3}/);
    expect(industries).not.toMatch(/[\u4e00-\u9fff]/);
    const office = await other.page.getByTestId('zone-contact').first().locator('dd').first().textContent();
    expect(office).toMatch(/^Investment Promotion Office, .+ \(sample\)$/);
    expect(errors.concat(other.errors)).toEqual([]);
    await other.page.context().close();
    await page.context().close();
  });

  it('sends an inquiry from a plot page, prefilled with the plot, to the manager of its zone', async () => {
    const { rows } = await pool.query<{ id: number; code: string }>(
      `SELECT p.id, p.code FROM plots p JOIN zones z ON z.id = p.zone_id
        WHERE z.code = 'HA-ETDZ' AND p.status = 'available' ORDER BY p.area_mu DESC OFFSET 3 LIMIT 1`,
    );
    const plot = rows[0]!;
    const { page, errors } = await visit('en', PHONE);
    await page.goto(`${origin}/invest/plots/${plot.id}`);
    await page.getByTestId('plot-page').waitFor();
    const form = page.locator('#inquiry form');
    expect(await form.locator('textarea[name="message"]').inputValue()).toContain(plot.code);
    await form.getByLabel('Contact name').fill('Sample Visitor');
    await form.getByLabel('Company').fill(COMPANY);
    await form.getByLabel('Mobile or landline').fill('13900000001');
    const [sent] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/inquiries') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Send inquiry' }).click(),
    ]);
    expect(sent.status()).toBe(201);
    const receipt = page.getByTestId('inquiry-sent');
    await receipt.waitFor();
    const reference = /INQ-\d{6}/.exec((await receipt.textContent()) ?? '')?.[0];
    expect(reference).toBeDefined();
    expect(await receipt.textContent()).toContain('quote it when you call the zone');
    await page.screenshot({ path: path.join(ARTIFACTS, 'invest-inquiry-sent-phone-en.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();

    // The zone's manager, signed in, finds it in their inbox, about this plot.
    const manager = await signIn(app, 'zone_manager', password);
    const inbox = await app.inject({
      method: 'GET',
      url: '/api/inquiries',
      headers: { cookie: manager.cookie },
    });
    expect(inbox.statusCode).toBe(200);
    const inquiry = (inbox.json() as InquiryList).items.find((item) => item.reference === reference);
    expect(inquiry).toMatchObject({
      targetType: 'plot',
      plot: { id: plot.id, code: plot.code },
      company: COMPANY,
      zone: { name: '淮安经济技术开发区' },
    });
  });

  it('explains a phone number it cannot accept in the visitor’s language, and sends nothing', async () => {
    const { page } = await visit('zh-CN', PHONE);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    const summary = await api<InvestSummary>('/api/invest/summary');
    await page.goto(`${origin}/invest/zones/${summary.zones[0]!.id}`);
    const form = page.locator('#inquiry form');
    await form.waitFor();
    await form.getByLabel('联系人').fill('示例访客');
    await form.getByLabel('单位名称').fill(COMPANY);
    await form.getByLabel('手机或座机').fill('12345');
    await form.getByRole('button', { name: '提交咨询' }).click();
    const problem = form.locator('[data-problem="phone"]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('请填写 11 位手机号');
    expect(posts).toEqual([]);
    await page.context().close();
  });

  it('prints a plot’s and a parcel’s brochure on one A4 page, in Chinese and in English', async () => {
    const [plotSite] = (await api<SiteCollection>('/api/invest/sites?limit=1')).features;
    const [parcelSite] = (await api<SiteCollection>('/api/invest/sites?kind=parcels&limit=1')).features;
    for (const language of ['zh-CN', 'en'] as const) {
      for (const site of [plotSite!, parcelSite!]) {
        const kind = site.properties.kind;
        const { page, errors } = await visit(language);
        await page.goto(`${origin}/invest/${kind}s/${site.id}`);
        await page.getByTestId(`${kind}-page`).waitFor();
        await page.locator('.invest-map[data-ready="true"]').waitFor({ timeout: 120_000 });
        // The print button frames the site, copies the map into the brochure, then opens the dialog.
        await page.evaluate(() => {
          window.print = () => document.body.setAttribute('data-printed', 'yes');
        });
        await page.getByTestId('print-brochure').click();
        await page.locator('body[data-printed="yes"]').waitFor();
        expect(await page.getByTestId('brochure-snapshot').getAttribute('src')).toMatch(
          /^data:image\/png;base64,/,
        );
        await page.emulateMedia({ media: 'print' });
        const brochure = page.getByTestId('brochure');
        expect(await brochure.isVisible()).toBe(true);
        expect(await page.locator('.invest-header').isVisible()).toBe(false);
        expect(await page.locator('.invest-map-frame').isVisible()).toBe(false);
        const text = (await brochure.textContent()) ?? '';
        expect(text).toContain(language === 'en' ? 'Sample data' : '示例数据');
        expect(text).toContain(language === 'en' ? 'Industrial site brochure' : '工业用地推介单');
        expect(text).toContain(new Date().getFullYear().toString());
        expect(text).toMatch(/0517-\d+/);
        // Its permanent link opens the same page in the brochure's language.
        const link = `${origin}/invest/${kind}s/${site.id}${language === 'en' ? '?lang=en' : ''}`;
        expect(text).toContain(link);
        if (language === 'zh-CN') expect(text).not.toContain(`${link}?lang`);
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
        expect(pages, `${kind} brochure in ${language}`).toHaveLength(1);
        await writeFile(path.join(ARTIFACTS, `invest-brochure-${kind}-${language}.pdf`), pdf);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    }
  });

  it('never sends an internal attribute to the investor pages, and holds a reserved plot without its project', async () => {
    const { rows: reserved } = await pool.query<{ id: number }>(
      `SELECT id FROM plots WHERE status = 'reserved' ORDER BY id LIMIT 1`,
    );
    const { rows: occupied } = await pool.query<{ id: number }>(
      `SELECT id FROM plots WHERE status IN ('in_use', 'low_efficiency', 'idle') AND enterprise_name IS NOT NULL
        ORDER BY id LIMIT 1`,
    );
    const { rows: names } = await pool.query<{ name: string }>(
      `SELECT DISTINCT enterprise_name AS name FROM plots WHERE enterprise_name IS NOT NULL
       UNION SELECT name FROM projects`,
    );
    expect(reserved).toHaveLength(1);
    expect(names.length).toBeGreaterThan(10);
    const summary = await api<InvestSummary>('/api/invest/summary');
    const { page, errors, bodies } = await visit('zh-CN');
    const walk = async (url: string, ready: string) => {
      await page.goto(`${origin}${url}`);
      await page.locator(ready).first().waitFor({ timeout: 120_000 });
      await page.waitForLoadState('networkidle');
    };
    await walk('/invest', '[data-testid="zone-card"]');
    await walk('/invest/sites', '.invest-map[data-ready="true"]');
    await walk('/invest/sites?kind=parcels&sort=price', '.invest-map[data-ready="true"]');
    const parcelId = await page.getByTestId('site-card').first().getAttribute('data-id');
    await walk(`/invest/parcels/${parcelId}`, '.invest-map[data-ready="true"]');
    await walk(`/invest/zones/${summary.zones[0]!.id}`, '.invest-map[data-ready="true"]');
    await walk(`/invest/plots/${occupied[0]!.id}`, '[data-testid="plot-status"]');
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe('occupied');
    await walk(`/invest/plots/${reserved[0]!.id}`, '[data-testid="plot-status"]');
    // Reserved: shown as held for a project, never which.
    expect(await page.locator('[data-status]').first().textContent()).toBe('已预留');
    expect(await page.getByTestId('plot-status').textContent()).toContain('已为招引项目预留');
    const pageText = (await page.locator('body').textContent()) ?? '';
    for (const { name } of names) expect(pageText).not.toContain(name);

    const answers = await bodies();
    expect(answers.some((answer) => answer.url.includes('/api/invest/plots/'))).toBe(true);
    expect(answers.some((answer) => answer.url.includes('/api/invest/sites'))).toBe(true);
    for (const answer of answers) {
      const keys = keysOf(JSON.parse(answer.body));
      for (const key of INTERNAL_KEYS) expect(keys.has(key), `${key} in ${answer.url}`).toBe(false);
      for (const { name } of names)
        expect(answer.body.includes(name), `${name} in ${answer.url}`).toBe(false);
      // The public sees three statuses; no internal one.
      expect(answer.body).not.toMatch(/"status":"(in_use|low_efficiency|idle|revitalizing|supplied)"/);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('works on a phone: the list first, the map on request, nothing wider than the screen', async () => {
    const { page, errors } = await visit('zh-CN', PHONE);
    await page.goto(`${origin}/invest`);
    await page.getByTestId('figure-available-area').waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'invest-landing-phone-zh.png'), fullPage: true });

    await page.getByTestId('browse-parcels').click();
    await page.getByTestId('site-card').first().waitFor();
    // No map until asked for: the cards come first on a phone.
    expect(await page.locator('.invest-map-frame').count()).toBe(0);
    await page.locator('.site-filters__toggle').click();
    expect(await overflow()).toBeLessThanOrEqual(0);
    const cards = await page.getByTestId('site-card').count();
    await page.getByTestId('map-toggle').click();
    await page.locator('.invest-map[data-ready="true"]').waitFor({ timeout: 120_000 });
    await expect.poll(() => mapSiteCount(page)).toBe(cards);
    expect(await page.getByTestId('site-card').first().isVisible()).toBe(false);
    await page.screenshot({ path: path.join(ARTIFACTS, 'invest-map-phone-zh.png') });
    await page.getByTestId('map-toggle').click();
    await page.getByTestId('site-card').first().click();
    await page.getByTestId('parcel-page').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'invest-parcel-phone-zh.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lays out a plot’s, a parcel’s and a zone’s page on a desktop: the trail on one line above, the map beside the facts', async () => {
    const summary = await api<InvestSummary>('/api/invest/summary');
    const parcels = await api<SiteCollection>('/api/invest/sites?kind=parcels&limit=1');
    const plots = await api<SiteCollection>('/api/invest/sites?limit=1');
    const { page, errors } = await visit('en');
    for (const url of [
      `/invest/plots/${plots.features[0]!.id}`,
      `/invest/parcels/${parcels.features[0]!.id}`,
      `/invest/zones/${summary.zones[0]!.id}`,
    ]) {
      await page.goto(`${origin}${url}`);
      await page.locator('.site-page__head h1').waitFor();
      const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
      const [trail, head, map] = [
        await box('.breadcrumb'),
        await box('.site-page__head'),
        await box('.site-page__map'),
      ];
      const lineHeight = (await box('.breadcrumb a')).height;
      expect(trail.height, url).toBeLessThan(lineHeight * 1.8);
      expect(trail.width, url).toBeGreaterThan(head.width);
      expect(trail.y + trail.height, url).toBeLessThanOrEqual(head.y + 1);
      expect(map.x, url).toBeGreaterThanOrEqual(head.x + head.width);
      expect(map.y, url).toBeGreaterThanOrEqual(trail.y + trail.height);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('transfers a small fraction of the map app’s bytes, and no map code, before its first content', async () => {
    const landing = await measurePageLoad(browser, `${origin}/invest`, '[data-testid="zone-card"]');
    const map = await measurePageLoad(browser, `${origin}/`, '.map[data-ready="true"]');
    await writeFile(
      path.join(ARTIFACTS, 'invest-page-weight.json'),
      JSON.stringify({ landing: { ...landing, urls: undefined }, map: { ...map, urls: undefined } }, null, 2),
    );
    expect(landing.urls.filter((url) => /maplibre/.test(url))).toEqual([]);
    expect(landing.bytes).toBeLessThan(map.bytes * 0.35);
    expect(landing.firstContentMs).not.toBeNull();
  });
});
