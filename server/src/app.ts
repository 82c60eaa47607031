// Builds the Fastify app from its plugins; server.ts runs it, tests call app.inject.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import sensible from '@fastify/sensible';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import adminRoutes from './admin/routes.ts';
import { policyPlugin, type Viewer } from './auth/policy.ts';
import authRoutes from './auth/routes.ts';
import { createSessionResolver } from './auth/sessions.ts';
import tokenRoutes from './auth/token-routes.ts';
import { createTokenResolver, TokenRefused } from './auth/tokens.ts';
import complianceRoutes from './compliance/routes.ts';
import dashboardRoutes from './dashboard/routes.ts';
import { createDataVersion, type DataVersion } from './db/data-version.ts';
import type { Pool } from './db/pool.ts';
import districtRoutes from './districts/routes.ts';
import exportRoutes from './exports/routes.ts';
import flagRoutes from './flags/routes.ts';
import gradingRoutes from './grading/routes.ts';
import healthRoutes from './health/routes.ts';
import { validationMessage } from './http/errors.ts';
import importRoutes from './imports/routes.ts';
import inquiryRoutes from './inquiries/routes.ts';
import investRoutes from './invest/routes.ts';
import metaRoutes from './meta/routes.ts';
import ogcRoutes from './ogc/routes.ts';
import parcelRoutes from './parcels/routes.ts';
import planRoutes from './plans/routes.ts';
import plotRoutes from './plots/routes.ts';
import projectRoutes from './projects/routes.ts';
import reservationRoutes from './reservations/routes.ts';
import searchRoutes from './search/routes.ts';
import siteSearchRoutes from './site-search/routes.ts';
import tileRoutes from './tiles/routes.ts';
import zoneRoutes from './zones/routes.ts';

export interface AppOptions {
  pool: Pool;
  databaseKind: 'embedded' | 'postgres';
  /** Built client to serve at `/`; null or a missing folder serves the API only. */
  clientDir: string | null;
  logger?: FastifyServerOptions['logger'];
  /** Bytes of rendered tiles kept in memory (default 64 MiB). */
  tileCacheBytes?: number;
  /**
   * Stands in for sign-in (tests of role-aware behaviour); by default the viewer comes from the
   * session cookie set by /api/auth/login.
   */
  resolveViewer?: (request: import('fastify').FastifyRequest) => Promise<Viewer | null>;
  /** Hours a session lasts (default 12). */
  sessionHours?: number;
  /** Secure cookies (production, behind HTTPS). */
  secureCookies?: boolean;
  /** Sign-in attempts one address may make per minute (default 20). */
  signInsPerMinute?: number;
  /** Inquiries one address may send per hour (default 20). */
  inquiriesPerHour?: number;
  /** Milliseconds between sweeps expiring reservations past their end (default 60 s; 0 disables). */
  reservationSweepMs?: number;
  /** Milliseconds between looks for plot changes made outside this server (parcel refresh). */
  parcelSweepMs?: number;
  /** Largest import upload accepted, in bytes (default 50 MiB). */
  importMaxBytes?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: {
      pool: Pool;
      kind: 'embedded' | 'postgres';
      /** What tile caches and ETags key on; changes with every write to mapped data. */
      version: DataVersion;
    };
  }
}

const API_PREFIXES = ['/api', '/tiles', '/ogc', '/healthz', '/readyz'];

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    requestTimeout: 30_000,
    bodyLimit: 1_048_576,
    // Unknown fields are rejected, not silently dropped; query strings are coerced from text.
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
    routerOptions: { ignoreTrailingSlash: true },
  });

  const version = createDataVersion({ pool: options.pool, kind: options.databaseKind, log: app.log });
  app.decorate('db', { pool: options.pool, kind: options.databaseKind, version });
  // Listen once the app is ready (a failed build leaves no connection behind); stop on close.
  app.addHook('onReady', async () => version.start());
  app.addHook('onClose', async () => version.close());
  await app.register(sensible);
  // Plot GeoJSON is large and repetitive (10k plots ≈ 6 MB, ≈ 1 MB compressed). Brotli at a
  // low quality compresses nearly as well as its default and many times faster.
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(cookie);
  // Limits apply only to routes that ask for one (sign-in, inquiries).
  await app.register(rateLimit, { global: false });
  const sessions = createSessionResolver(options.pool);
  const tokens = createTokenResolver(options.pool);
  // A browser's session cookie, else a desktop client's access token, else the public.
  const resolveViewer = async (request: FastifyRequest) =>
    (await sessions.resolve(request)) ?? (await tokens.resolve(request));
  await app.register(policyPlugin, { resolveViewer: options.resolveViewer ?? resolveViewer });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Land Atlas API (工业用地一张图)',
        version: '0.1.0',
        description:
          'Industrial-land inventory: districts, zones, plots. Role-aware: the public sees public data.',
      },
      tags: [
        { name: 'auth' },
        { name: 'plots' },
        { name: 'reservations' },
        { name: 'flags' },
        { name: 'analysis' },
        { name: 'inquiries' },
        { name: 'projects' },
        { name: 'compliance' },
        { name: 'dashboard' },
        { name: 'admin' },
        { name: 'imports' },
        { name: 'exports' },
        { name: 'invest' },
        { name: 'search' },
        { name: 'zones' },
        { name: 'districts' },
        { name: 'meta' },
        { name: 'health' },
      ],
    },
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const statusCode = error.statusCode ?? 500;
    if (error.validation) {
      return reply.code(400).send({
        statusCode: 400,
        error: 'Bad Request',
        code: 'invalid_request',
        message: validationMessage(error.validation, error.validationContext),
      });
    }
    if (error instanceof TokenRefused) {
      reply.header('www-authenticate', 'Bearer realm="land-atlas", error="invalid_token"');
    }
    if (statusCode >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'something went wrong on the server; try again, and tell the administrator if it persists',
      });
    }
    return reply
      .code(statusCode)
      .send({ statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: error.message });
  });

  await app.register(authRoutes, {
    sessions,
    sessionHours: options.sessionHours ?? 12,
    secureCookies: options.secureCookies ?? false,
    perIpPerMinute: options.signInsPerMinute ?? 20,
  });
  await app.register(healthRoutes);
  await app.register(metaRoutes);
  await app.register(districtRoutes);
  await app.register(zoneRoutes);
  await app.register(plotRoutes);
  await app.register(searchRoutes);
  await app.register(adminRoutes, { sessions, tokens });
  await app.register(tokenRoutes, { tokens });
  await app.register(flagRoutes);
  await app.register(gradingRoutes);
  await app.register(planRoutes);
  await app.register(projectRoutes);
  await app.register(complianceRoutes);
  await app.register(dashboardRoutes);
  await app.register(inquiryRoutes, { perIpPerHour: options.inquiriesPerHour ?? 20 });
  await app.register(reservationRoutes, { expirySweepMs: options.reservationSweepMs ?? 60_000 });
  await app.register(parcelRoutes, { refreshSweepMs: options.parcelSweepMs ?? 5_000 });
  await app.register(siteSearchRoutes);
  await app.register(tileRoutes, { cacheBytes: options.tileCacheBytes ?? 64 * 1024 * 1024 });
  await app.register(importRoutes, { maxBytes: options.importMaxBytes ?? 50 * 1024 * 1024 });
  await app.register(exportRoutes);
  await app.register(ogcRoutes);
  await app.register(investRoutes);

  app.get('/api/openapi.json', { config: { policy: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const clientDir = options.clientDir;
  const serveClient = clientDir !== null && existsSync(clientDir);
  // The pages client-side routes load, read once like the static files (which are registered at
  // start): the map app, and the investor view, a page of its own light enough for a slow phone.
  const pages = new Map<string, Buffer>();
  if (serveClient) {
    for (const name of ['index.html', 'invest.html']) {
      const file = path.join(clientDir, name);
      if (existsSync(file)) pages.set(name, await readFile(file));
    }
  }
  if (serveClient) {
    await app.register(async (client) => {
      // The built client's files are public by nature; say so for each route the plugin adds.
      client.addHook('onRoute', (route) => {
        route.config = { ...route.config, policy: 'public' };
      });
      await client.register(fastifyStatic, {
        root: clientDir,
        wildcard: false,
        maxAge: '1h',
        setHeaders(reply, filePath) {
          // Hashed assets never change; index.html must be revalidated to pick up new builds.
          if (filePath.includes('/assets/'))
            reply.header('cache-control', 'public, max-age=31536000, immutable');
          else reply.header('cache-control', 'no-cache');
        },
      });
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    const isApi = API_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`));
    if (!isApi && request.method === 'GET' && !url.includes('.')) {
      // Client-side routes load their page, which reads the path itself.
      const investor = url === '/invest' || url.startsWith('/invest/');
      const page = (investor ? pages.get('invest.html') : undefined) ?? pages.get('index.html');
      if (page) {
        return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
      }
    }
    return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no such resource: ${url}` });
  });

  return app;
}
