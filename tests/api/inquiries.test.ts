// Inquiries: the public asks about land; the zone's managers find it in their inbox.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import type { Inquiry } from '../../server/src/inquiries/schemas.ts';
import { sessionAppFor, signIn } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';

describe.each(inject('backends'))('inquiries on $name', (backend) => {
  const password = inject('demoPassword');
  let pool: Pool;
  let app: FastifyInstance;
  let zone: { id: number; plotId: number; otherPlotId: number };

  beforeAll(async () => {
    pool = poolFor(backend);
    app = await sessionAppFor(backend, pool, { inquiriesPerHour: 8, signInsPerMinute: 1000 });
    const { rows } = await pool.query(
      `SELECT z.id,
              (SELECT id FROM plots WHERE zone_id = z.id AND status = 'available' ORDER BY id LIMIT 1) AS "plotId",
              (SELECT id FROM plots WHERE zone_id <> z.id AND status = 'available' ORDER BY id LIMIT 1) AS "otherPlotId"
       FROM zones z WHERE z.code = 'HA-ETDZ'`,
    );
    zone = rows[0];
  });
  afterAll(async () => {
    await pool.query("DELETE FROM inquiries WHERE company LIKE 'Sample Test Co%'");
    await app.close();
    await pool.end();
  });

  const ask = (payload: object, ip = '198.51.100.7') =>
    app.inject({ method: 'POST', url: '/api/inquiries', payload, remoteAddress: ip });
  const valid = (plotId: number) => ({
    targetType: 'plot',
    plotId,
    contactName: 'Sample Contact',
    company: 'Sample Test Co., Ltd.',
    phone: '13800000000',
    landDemandMu: 120,
    industry: 'new energy equipment',
    message: 'sample inquiry: is the plot serviced with gas?',
  });

  it('reaches the managers of the plot’s zone, and no other zone manager', async () => {
    const sent = await ask(valid(zone.plotId));
    expect(sent.statusCode, sent.body).toBe(201);
    const { reference } = sent.json();
    expect(reference).toMatch(/^INQ-\d{6}$/);
    const elsewhere = await ask({ ...valid(zone.otherPlotId), company: 'Sample Test Co. (elsewhere)' });
    expect(elsewhere.statusCode).toBe(201);

    const manager = await signIn(app, 'zone_manager', password);
    const inbox = (await app.inject({ url: '/api/inquiries', headers: { cookie: manager.cookie } })).json<{
      items: Inquiry[];
    }>();
    const mine = inbox.items.find((i) => i.reference === reference);
    expect(mine).toMatchObject({
      status: 'new',
      zone: { id: zone.id },
      plot: { id: zone.plotId },
      phone: '13800000000',
    });
    expect(inbox.items.every((i) => i.zone?.id === zone.id)).toBe(true);

    const contacted = await app.inject({
      method: 'POST',
      url: `/api/inquiries/${mine!.id}/status`,
      headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken },
      payload: { status: 'contacted' },
    });
    expect(contacted.statusCode, contacted.body).toBe(200);
    expect(contacted.json().status).toBe('contacted');
    const planner = await signIn(app, 'planner', password);
    const all = (await app.inject({ url: '/api/inquiries', headers: { cookie: planner.cookie } })).json<{
      items: Inquiry[];
    }>();
    expect(all.items.some((i) => i.company === 'Sample Test Co. (elsewhere)')).toBe(true);
    // The public cannot read the inbox.
    expect((await app.inject('/api/inquiries')).statusCode).toBe(401);
  });

  it('keeps nothing from a robot that fills the hidden field, but answers it the same', async () => {
    const before = (await pool.query('SELECT count(*)::int AS n FROM inquiries')).rows[0].n;
    const robot = await ask({ ...valid(zone.plotId), website: 'http://spam.example' }, '198.51.100.8');
    expect(robot.statusCode).toBe(201);
    expect(robot.json().received).toBe(true);
    expect((await pool.query('SELECT count(*)::int AS n FROM inquiries')).rows[0].n).toBe(before);
  });

  it('says what is wrong with a bad inquiry', async () => {
    const cases: [object, RegExp][] = [
      [{ ...valid(zone.plotId), phone: undefined }, /phone or email/],
      [{ ...valid(zone.plotId), phone: '12345' }, /not an 11-digit mobile/],
      [{ ...valid(zone.plotId), email: 'not-an-email', phone: undefined }, /email/],
      [{ ...valid(zone.plotId), plotId: undefined }, /plotId: say which plot/],
      [{ ...valid(zone.plotId), contactName: '' }, /contactName/],
      [{ ...valid(zone.plotId), budget: 5 }, /budget/],
    ];
    for (const [payload, message] of cases) {
      const response = await ask(payload, '198.51.100.9');
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().message).toMatch(message);
    }
    const missing = await ask({ ...valid(999_999_999) }, '198.51.100.9');
    expect(missing.statusCode).toBe(404);
  });

  it('limits how many inquiries one address sends', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) {
      codes.push(
        (await ask({ ...valid(zone.plotId), company: `Sample Test Co. ${i}` }, '203.0.113.50')).statusCode,
      );
    }
    expect(codes.slice(0, 8).every((c) => c === 201)).toBe(true);
    expect(codes.slice(8)).toEqual([429, 429]);
    // Another address is not affected.
    expect((await ask(valid(zone.plotId), '203.0.113.51')).statusCode).toBe(201);
  });
});
