// Every route × every role, signed in for real: the expected answer is written down here, so a new
// route without a line in this table fails, and a route whose policy loosens fails too.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Policy } from '../../server/src/auth/policy.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import { appFor, type SignedIn, sessionAppFor, signIn } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';

/** What each route demands. A route missing here, or here but not in the app, fails the first test. */
const EXPECTED: Record<string, Policy> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/meta': 'public',
  'GET /api/districts': 'public',
  'GET /api/zones': 'public',
  'GET /api/plots': 'public',
  'GET /api/plots/stats': 'public',
  'POST /api/plots/selection': 'public',
  'GET /api/plots/:id': 'public',
  'GET /api/plots/:id/history': 'zone_manager',
  'PUT /api/plots/:id/plan': 'zone_manager',
  'GET /api/search': 'public',
  'GET /tiles/:layer/:z/:x/:y.mvt': 'public',
  'GET /tiles/:layer.json': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'signed_in',
  'GET /api/auth/me': 'public',
  'GET /api/flags': 'zone_manager',
  'POST /api/flags': 'zone_manager',
  'POST /api/flags/:id/review': 'planner',
  'GET /api/reservations': 'zone_manager',
  'GET /api/reservations/:id': 'zone_manager',
  'POST /api/reservations': 'planner',
  'POST /api/reservations/:id/extend': 'planner',
  'POST /api/reservations/:id/release': 'planner',
  'POST /api/reservations/:id/convert': 'planner',
  'POST /api/inquiries': 'public',
  'GET /api/inquiries': 'zone_manager',
  'POST /api/inquiries/:id/status': 'zone_manager',
  'GET /api/projects': 'planner',
  'GET /api/projects/:id': 'planner',
  'POST /api/projects': 'planner',
  'PATCH /api/projects/:id': 'planner',
  'POST /api/projects/:id/city-review': 'planner',
  'POST /api/analysis/grades': 'planner',
  'GET /api/compliance/summary': 'zone_manager',
  'GET /api/compliance/plots': 'zone_manager',
  'GET /api/compliance/export': 'zone_manager',
  'GET /api/dashboard': 'zone_manager',
  'GET /api/dashboard/export': 'zone_manager',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'PATCH /api/users/:id': 'admin',
  'POST /api/users/:id/password': 'admin',
  'GET /api/audit': 'admin',
  'GET /api/parcels': 'public',
  'GET /api/parcels/:id': 'public',
  'POST /api/analysis/parcels': 'planner',
  'POST /api/site-search': 'public',
  'GET /api/exports/plots': 'public',
  'POST /api/imports': 'planner',
  'GET /api/imports': 'planner',
  'GET /api/imports/:id': 'planner',
  'PATCH /api/imports/:id': 'planner',
  'GET /api/imports/:id/rows': 'planner',
  'GET /api/imports/:id/features': 'planner',
  'POST /api/imports/:id/commit': 'planner',
  'POST /api/imports/:id/discard': 'planner',
  'GET /ogc': 'public',
  'GET /ogc/conformance': 'public',
  'GET /ogc/api': 'public',
  'GET /ogc/collections': 'public',
  'GET /ogc/collections/plots': 'public',
  'GET /ogc/collections/plots/items': 'public',
  'GET /ogc/collections/plots/items/:featureId': 'public',
  'GET /ogc/collections/parcels': 'public',
  'GET /ogc/collections/parcels/items': 'public',
  'GET /ogc/collections/parcels/items/:featureId': 'public',
  'GET /ogc/collections/control-lines': 'public',
  'GET /ogc/collections/control-lines/items': 'public',
  'GET /ogc/collections/control-lines/items/:featureId': 'public',
  'GET /ogc/collections/zones': 'public',
  'GET /ogc/collections/zones/items': 'public',
  'GET /ogc/collections/zones/items/:featureId': 'public',
  'GET /ogc/collections/districts': 'public',
  'GET /ogc/collections/districts/items': 'public',
  'GET /ogc/collections/districts/items/:featureId': 'public',
  'GET /api/tokens': 'signed_in',
  'POST /api/tokens': 'signed_in',
  'DELETE /api/tokens/:id': 'signed_in',
  'GET /api/invest/summary': 'public',
  'GET /api/invest/sites': 'public',
  'GET /api/invest/plots/:id': 'public',
  'GET /api/invest/parcels/:id': 'public',
  'GET /api/invest/zones/:id': 'public',
};

const ROLES = ['public', 'investor', 'zone_manager', 'planner', 'admin'] as const;
type Role = (typeof ROLES)[number];

const ALLOWED: Record<Policy, Role[]> = {
  public: [...ROLES],
  signed_in: ['investor', 'zone_manager', 'planner', 'admin'],
  zone_manager: ['zone_manager', 'planner', 'admin'],
  planner: ['planner', 'admin'],
  admin: ['admin'],
};

/** A concrete URL for a route pattern; ids that exist nowhere, so no request changes anything. */
function urlFor(pattern: string): string {
  return pattern
    .replace(':layer.json', 'plots.json')
    .replace(':layer', 'plots')
    .replace(':z/:x/:y', '0/0/0')
    .replace(':id', '999999999')
    .replace(':featureId', '999999999');
}

const backend = inject('backends')[0]!;

describe(`every route for every role (${backend.name})`, () => {
  const password = inject('demoPassword');
  let pool: Pool;
  let app: FastifyInstance;
  const sessions: Partial<Record<Role, SignedIn>> = {};

  beforeAll(async () => {
    pool = poolFor(backend);
    app = await sessionAppFor(backend, pool, { signInsPerMinute: 1000, inquiriesPerHour: 1000 });
    for (const role of ROLES) {
      if (role !== 'public') sessions[role] = await signIn(app, role, password);
    }
  });
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  it('has written down the policy of every route the app has, and no other', () => {
    const actual = Object.fromEntries(
      app
        .routePolicies()
        .filter((route) => route.method !== 'HEAD')
        .map((route) => [`${route.method} ${route.url}`, route.policy]),
    );
    expect(actual).toEqual(EXPECTED);
  });

  // Sign-out goes last: it ends the session the other requests use.
  const routes = Object.entries(EXPECTED).sort(
    ([a], [b]) => Number(a.includes('logout')) - Number(b.includes('logout')),
  );
  it.each(routes)('%s (%s)', async (route, policy) => {
    const [method, pattern] = route.split(' ') as [string, string];
    for (const role of ROLES) {
      const session = sessions[role];
      const response = await app.inject({
        method: method as 'GET',
        url: urlFor(pattern),
        headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {},
        ...(method === 'GET' ? {} : { payload: {} }),
      });
      const allowed = ALLOWED[policy].includes(role);
      const label = `${role} → ${response.statusCode} ${response.body.slice(0, 120)}`;
      if (allowed) {
        expect([401, 403], label).not.toContain(response.statusCode);
        expect(response.statusCode, label).toBeLessThan(500);
      } else {
        expect(response.statusCode, label).toBe(role === 'public' ? 401 : 403);
      }
    }
  });

  it('shows a zone manager without zones no internal data', async () => {
    const lonely = await appFor(backend, pool, {
      userId: 3,
      username: 'nozone',
      role: 'zone_manager',
      zoneIds: [],
    });
    try {
      const stats = (await lonely.inject('/api/plots/stats')).json();
      expect(stats.byStatus.map((s: { status: string }) => s.status).sort()).toEqual([
        'available',
        'occupied',
        'reserved',
      ]);
      expect(stats.byGrade).toEqual([]);
      const plots = (await lonely.inject('/api/plots?limit=50')).json();
      for (const plot of plots.items) expect(plot).not.toHaveProperty('enterpriseName');
    } finally {
      await lonely.close();
    }
  });
});
