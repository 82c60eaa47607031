// /api/invest: the investor view's data — available land, parcels and zones, public attributes only.
// Every answer is the same for every viewer (a planner looking at the investor view sees what an
// investor sees), so none of these queries takes the viewer, and answers are cached publicly.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fastJson from 'fast-json-stringify';
import { Type } from 'typebox';
import { featureCollectionText, sendGeoJson } from '../http/geojson.ts';
import { ErrorResponse, errorResponses } from '../http/schemas.ts';
import { cacheByDataVersion } from './caching.ts';
import { parseSiteFilter, parseSiteSort } from './filters.ts';
import {
  countParcelSites,
  countPlotSites,
  findParcelPage,
  findPlotPage,
  listParcelSites,
  listPlotSites,
  type ParcelSiteRow,
  type PlotSiteRow,
  parcelMembers,
  summaryFigures,
  type ZoneProfileRow,
  zoneParcels,
  zoneProfiles,
} from './queries.ts';
import {
  InvestParams,
  InvestSummary,
  ParcelPage,
  ParcelSite,
  PlotPage,
  PlotSite,
  SiteCollection,
  SitesQuery,
  ZonePage,
  type ZoneProfile,
} from './schemas.ts';

// Each answer is built field by field from its row and then serialized by its schema: two guards
// against an internal attribute slipping through.
function plotCard(row: Omit<PlotSiteRow, 'matched'>): Omit<PlotSite, 'kind'> {
  return {
    id: row.id,
    code: row.code,
    zoneId: row.zoneId,
    zoneName: row.zoneName,
    zoneNameEn: row.zoneNameEn,
    districtCode: row.districtCode,
    districtName: row.districtName,
    districtNameEn: row.districtNameEn,
    areaMu: row.areaMu,
    landUseCode: row.landUseCode,
    landUseName: row.landUseName,
    landUseNameEn: row.landUseNameEn,
    servicing: row.servicing,
    guidePrice: row.guidePrice,
    controlLine: row.controlLine,
    parcelId: row.parcelId,
    isSample: row.isSample,
  };
}

function parcelCard(row: Omit<ParcelSiteRow, 'matched'>): Omit<ParcelSite, 'kind'> {
  return {
    id: row.id,
    areaMu: row.areaMu,
    plotCount: row.plotCount,
    zoneIds: row.zoneIds,
    zoneNames: row.zoneNames,
    zoneNamesEn: row.zoneNamesEn,
    districtCodes: row.districtCodes,
    industries: row.industries,
    industriesEn: row.industriesEn,
    servicing: row.servicing,
    guidePriceMin: row.guidePriceMin,
    guidePriceMax: row.guidePriceMax,
    coreShare: row.coreShare,
    transitionalShare: row.transitionalShare,
    isSample: row.isSample,
  };
}

function zoneProfile(row: ZoneProfileRow): ZoneProfile {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    level: row.level,
    districtCode: row.districtCode,
    districtName: row.districtName,
    districtNameEn: row.districtNameEn,
    industries: row.industries,
    industriesEn: row.industriesEn,
    areaMu: row.areaMu,
    contact: {
      department: row.contact.department,
      departmentEn: row.contact.departmentEn,
      phone: row.contact.phone,
      email: row.contact.email,
    },
    availablePlots: row.availablePlots,
    availableAreaMu: row.availableAreaMu,
    parcels: row.parcels,
    isSample: row.isSample,
  };
}

const stringifyPlotSite = fastJson(PlotSite);
// Pages take no query: an unknown parameter is a mistake (and would only split the cache).
const NoQuery = Type.Object({}, { additionalProperties: false });
const stringifyParcelSite = fastJson(ParcelSite);

const investRoutes: FastifyPluginAsyncTypebox = async (app) => {
  cacheByDataVersion(app, [InvestSummary, SiteCollection, PlotPage, ParcelPage, ZonePage]);
  const pool = app.db.pool;

  app.get(
    '/api/invest/summary',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['invest'],
        summary:
          'Landing figures: available plots and area, reserved plots, contiguous parcels, industries, zone profiles',
        querystring: NoQuery,
        response: { 200: InvestSummary, ...errorResponses },
      },
    },
    async () => {
      const figures = await summaryFigures(pool);
      const zones = await zoneProfiles(pool, null);
      return { ...figures, zones: zones.map(zoneProfile) };
    },
  );

  app.get(
    '/api/invest/sites',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['invest'],
        summary: 'Available plots or contiguous parcels of available land as cards, filtered and sorted',
        querystring: SitesQuery,
        response: {
          200: { content: { 'application/geo+json': { schema: SiteCollection } } },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const filter = parseSiteFilter(request.query);
      const sort = parseSiteSort(request.query.sort);
      const page = { limit: request.query.limit ?? 500, offset: request.query.offset ?? 0 };
      let features: { id: number; geometry: string; properties: string }[];
      let matched: number;
      if (request.query.kind === 'parcels') {
        const rows = await listParcelSites(pool, filter, sort, page);
        features = rows.map((row) => ({
          id: row.id,
          geometry: row.geometry!,
          properties: stringifyParcelSite({ kind: 'parcel', ...parcelCard(row) }),
        }));
        matched = rows[0]?.matched ?? (page.offset > 0 ? await countParcelSites(pool, filter) : 0);
      } else {
        const rows = await listPlotSites(pool, filter, sort, page, true);
        features = rows.map((row) => ({
          id: row.id,
          geometry: row.geometry!,
          properties: stringifyPlotSite({ kind: 'plot', ...plotCard(row) }),
        }));
        matched = rows[0]?.matched ?? (page.offset > 0 ? await countPlotSites(pool, filter) : 0);
      }
      const text = featureCollectionText(features, {
        numberMatched: matched,
        numberReturned: features.length,
      });
      return sendGeoJson(reply, text);
    },
  );

  app.get(
    '/api/invest/plots/:id',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['invest'],
        summary:
          'A plot page: any plot by link, with its public status, control line, zone, parcel and nearby parcels',
        params: InvestParams,
        querystring: NoQuery,
        response: { 200: PlotPage, ...errorResponses, 404: ErrorResponse },
      },
    },
    async (request) => {
      const row = await findPlotPage(pool, request.params.id);
      if (!row) throw app.httpErrors.notFound(`plot ${request.params.id} does not exist`);
      const zone = row.zoneId === null ? null : ((await zoneProfiles(pool, [row.zoneId]))[0] ?? null);
      return {
        plot: {
          ...plotCard(row),
          status: row.status,
          areaM2: row.areaM2,
          centroid: JSON.parse(row.centroid).coordinates,
          bbox: row.bbox,
          geometry: JSON.parse(row.geometry),
        },
        zone: zone && zoneProfile(zone),
        parcel: row.parcel,
        nearbyParcels: row.nearbyParcels,
        isSample: row.isSample,
      };
    },
  );

  app.get(
    '/api/invest/parcels/:id',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['invest'],
        summary: 'A contiguous parcel of available land: members, servicing, prices, zones, nearby parcels',
        params: InvestParams,
        querystring: NoQuery,
        response: { 200: ParcelPage, ...errorResponses, 404: ErrorResponse },
      },
    },
    async (request) => {
      const row = await findParcelPage(pool, request.params.id);
      // The same answer for a planning parcel as for none: its existence is not public.
      if (!row) throw app.httpErrors.notFound(`parcel ${request.params.id} does not exist`);
      const members = await parcelMembers(pool, row.id);
      const zones = row.zoneIds.length > 0 ? await zoneProfiles(pool, row.zoneIds) : [];
      return {
        parcel: {
          ...parcelCard(row),
          centroid: JSON.parse(row.centroid).coordinates,
          bbox: row.bbox,
          geometry: JSON.parse(row.geometry),
          members: members.map(plotCard),
        },
        zones: zones.map(zoneProfile),
        nearbyParcels: row.nearbyParcels,
        isSample: row.isSample,
      };
    },
  );

  app.get(
    '/api/invest/zones/:id',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['invest'],
        summary: "A zone's profile with its boundary, contiguous parcels and largest available plots",
        params: InvestParams,
        querystring: NoQuery,
        response: { 200: ZonePage, ...errorResponses, 404: ErrorResponse },
      },
    },
    async (request) => {
      const id = request.params.id;
      const zone = (await zoneProfiles(pool, [id], true))[0];
      if (!zone) throw app.httpErrors.notFound(`zone ${id} does not exist`);
      const parcels = await zoneParcels(pool, id);
      const plots = await listPlotSites(
        pool,
        {
          zoneId: id,
          districtCode: null,
          minAreaMu: null,
          maxAreaMu: null,
          industry: null,
          servicing: null,
        },
        { key: 'area', descending: true },
        { limit: 50, offset: 0 },
        false,
      );
      return {
        zone: { ...zoneProfile(zone), bbox: zone.bbox!, geometry: JSON.parse(zone.geometry!) },
        parcels,
        plots: plots.map(plotCard),
        isSample: zone.isSample,
      };
    },
  );
};

export default investRoutes;
