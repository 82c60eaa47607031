// The access policy: who the viewer is, what each route demands, and what data each viewer may see.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

import type { Role } from './roles.ts';
import { CSRF_HEADER, csrfMatches } from './sessions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export { ROLES, type Role } from './roles.ts';

/** What a route demands of its viewer. Every route names one; a route without one is refused. */
export type Policy = 'public' | 'signed_in' | 'zone_manager' | 'planner' | 'admin';

export interface Viewer {
  userId: number | null;
  username: string | null;
  role: Role;
  /** Zones whose internal data a zone manager may see; empty for everyone else. */
  zoneIds: number[];
  displayName?: string;
  /** Set for viewers signed in by session cookie: state-changing requests must echo it. */
  csrfToken?: string;
}

export const PUBLIC_VIEWER: Viewer = Object.freeze({
  userId: null,
  username: null,
  role: 'public',
  zoneIds: [],
});

/** Roles that see internal attributes everywhere. */
export function seesAllInternal(viewer: Viewer): boolean {
  return viewer.role === 'planner' || viewer.role === 'admin';
}

export function allows(viewer: Viewer, policy: Policy): boolean {
  switch (policy) {
    case 'public':
      return true;
    case 'signed_in':
      return viewer.userId !== null;
    case 'zone_manager':
      return viewer.role === 'zone_manager' || seesAllInternal(viewer);
    case 'planner':
      return seesAllInternal(viewer);
    case 'admin':
      return viewer.role === 'admin';
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: Policy;
    /** false exempts a state-changing route from the CSRF check (sign-in, which has no session yet). */
    csrf?: boolean;
  }
  interface FastifyRequest {
    viewer: Viewer;
  }
}

export interface PolicyOptions {
  /** Finds the signed-in viewer of a request, or null for the public. */
  resolveViewer: (request: FastifyRequest) => Promise<Viewer | null>;
}

/**
 * Deny by default: routes are checked when the app is ready (a route without a policy stops the
 * app from starting), and at request time a route without a policy answers 403.
 */
export const policyPlugin = fp<PolicyOptions>(
  async (app: FastifyInstance, options) => {
    // Route options are kept by reference and read when the app is ready: an encapsulated
    // context may still assign a policy to its routes after this hook has seen them.
    const routes: { method: string | string[]; url: string; config?: { policy?: Policy } }[] = [];
    const list = () =>
      routes.flatMap((route) =>
        (Array.isArray(route.method) ? route.method : [route.method]).map((method) => ({
          method,
          url: route.url,
          policy: route.config?.policy,
        })),
      );
    // Fastify wants null (not a shared object) as the initial value; onRequest always sets it.
    app.decorateRequest('viewer', null as unknown as Viewer);
    app.addHook('onRoute', (route) => {
      routes.push(route);
    });
    app.decorate('routePolicies', list);
    app.addHook('onReady', async () => {
      const missing = list().filter((r) => r.policy === undefined);
      if (missing.length > 0) {
        throw new Error(
          `routes without an access policy: ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`,
        );
      }
    });
    app.addHook('onRequest', async (request, reply) => {
      request.viewer = PUBLIC_VIEWER;
      // Unmatched requests (404) have no route options; they carry no data.
      if (request.routeOptions.url === undefined) return;
      const policy = request.routeOptions.config.policy;
      request.viewer = (await options.resolveViewer(request)) ?? PUBLIC_VIEWER;
      if (policy === undefined) return reply.forbidden('this route has no access policy');
      // A session cookie rides along with any request a browser sends, also from other sites:
      // state changes must echo the session's CSRF token, which only this app's pages can read.
      const csrfToken = request.viewer.csrfToken;
      if (
        csrfToken !== undefined &&
        !SAFE_METHODS.has(request.method) &&
        request.routeOptions.config.csrf !== false &&
        !csrfMatches(csrfToken, request.headers[CSRF_HEADER])
      ) {
        return reply.forbidden(`missing or wrong ${CSRF_HEADER} header; reload the page and try again`);
      }
      if (!allows(request.viewer, policy)) {
        return request.viewer.userId === null
          ? reply.unauthorized('sign in to continue')
          : reply.forbidden('your role may not do this');
      }
    });
  },
  { name: 'policy', dependencies: ['@fastify/sensible'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route with its policy (tests assert none is missing). */
    routePolicies(): { method: string; url: string; policy: Policy | undefined }[];
  }
}
