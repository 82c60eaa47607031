// Flags: a zone manager reports a plot in their zone; a planner approves (the plot changes) or rejects.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import type { Flag } from '../../server/src/flags/schemas.ts';
import type { PlotTimeline } from '../../server/src/plots/schemas.ts';
import { appFor, demoZoneManager, PLANNER } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';

describe.each(inject('backends'))('flags on $name', (backend) => {
  let pool: Pool;
  let planner: FastifyInstance;
  let manager: FastifyInstance;
  let publicApp: FastifyInstance;
  let zoneId: number;
  /** Plots whose status a test changed, with what to put back. */
  const restore: { id: number; status: string; inefficiency_type: string | null }[] = [];

  beforeAll(async () => {
    pool = poolFor(backend);
    const demo = await demoZoneManager(pool);
    zoneId = demo.zoneId;
    const viewer = demo.viewer;
    planner = await appFor(backend, pool, PLANNER);
    manager = await appFor(backend, pool, viewer);
    publicApp = await appFor(backend, pool);
  });
  afterAll(async () => {
    for (const plot of restore) {
      await pool.query('UPDATE plots SET status = $2, inefficiency_type = $3 WHERE id = $1', [
        plot.id,
        plot.status,
        plot.inefficiency_type,
      ]);
    }
    await pool.query("DELETE FROM flags WHERE reason LIKE 'test:%'");
    await Promise.all([planner.close(), manager.close(), publicApp.close()]);
    await pool.end();
  });

  async function inUsePlot(offset: number) {
    const { rows } = await pool.query<{
      id: number;
      code: string;
      status: string;
      inefficiency_type: string | null;
    }>(
      `SELECT id, code, status, inefficiency_type FROM plots
       WHERE zone_id = $1 AND status = 'in_use' AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.plot_id = plots.id)
       ORDER BY id OFFSET $2 LIMIT 1`,
      [zoneId, offset],
    );
    restore.push(rows[0]!);
    return rows[0]!;
  }

  const flag = (app: FastifyInstance, payload: object) =>
    app.inject({ method: 'POST', url: '/api/flags', payload });
  const review = (id: number, payload: object) =>
    planner.inject({ method: 'POST', url: `/api/flags/${id}/review`, payload });

  it('goes from a zone manager’s flag to a planner’s approval, and the plot changes', async () => {
    const plot = await inUsePlot(0);
    const created = await flag(manager, {
      plotId: plot.id,
      proposedStatus: 'idle',
      proposedInefficiencyType: 'idle',
      reason: 'test: no activity on site for two years',
      evidence: 'site visit photos, sample',
      contractedStartDate: '2023-03-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    const made = created.json<Flag>();
    expect(made).toMatchObject({ status: 'pending', createdBy: 'zone_manager', plot: { code: plot.code } });

    const queue = (await planner.inject('/api/flags?status=pending')).json<{ items: Flag[] }>();
    expect(queue.items.map((f) => f.id)).toContain(made.id);

    const approved = await review(made.id, { decision: 'approve', note: 'confirmed' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      reviewedBy: 'planner',
      reviewNote: 'confirmed',
    });
    const { rows } = await pool.query(
      "SELECT status, inefficiency_type, to_char(contracted_start_date, 'YYYY-MM-DD') AS d FROM plots WHERE id = $1",
      [plot.id],
    );
    expect(rows[0]).toEqual({ status: 'idle', inefficiency_type: 'idle', d: '2023-03-01' });

    // The plot's history tells it, newest first: the change, the approval, the flag.
    const history = (await manager.inject(`/api/plots/${plot.id}/history`)).json<PlotTimeline>();
    const actions = history.items.map((item) => item.action);
    expect(actions.slice(0, 3).sort()).toEqual(
      ['flag.approved', 'plot.status_changed', 'flag.created'].sort(),
    );
    expect(history.items.find((i) => i.action === 'flag.created')).toMatchObject({
      actor: 'zone_manager',
      note: 'test: no activity on site for two years',
    });
    expect(history.items.find((i) => i.action === 'plot.status_changed')).toMatchObject({ actor: 'planner' });
    const again = await review(made.id, { decision: 'reject', note: 'changed my mind' });
    expect(again.statusCode).toBe(409);
  });

  it('records a rejection with its note and leaves the plot as it was', async () => {
    const plot = await inUsePlot(1);
    const made = (
      await flag(manager, { plotId: plot.id, proposedStatus: 'low_efficiency', reason: 'test: low output' })
    ).json<Flag>();
    const noNote = await review(made.id, { decision: 'reject' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().message).toMatch(/say why/);
    const rejected = await review(made.id, { decision: 'reject', note: 'output figures are current' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reviewNote: 'output figures are current' });
    expect((await pool.query('SELECT status FROM plots WHERE id = $1', [plot.id])).rows[0].status).toBe(
      'in_use',
    );
    const history = (await planner.inject(`/api/plots/${plot.id}/history`)).json<PlotTimeline>();
    expect(history.items[0]).toMatchObject({ action: 'flag.rejected', note: 'output figures are current' });
  });

  it('keeps a zone manager to their zones, one open flag per plot, and the public out', async () => {
    const outside = (
      await pool.query<{ id: number; code: string }>(
        'SELECT id, code FROM plots WHERE zone_id <> $1 LIMIT 1',
        [zoneId],
      )
    ).rows[0]!;
    const refused = await flag(manager, {
      plotId: outside.id,
      proposedStatus: 'idle',
      reason: 'test: outside',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain(`plot ${outside.code} lies outside your zones`);

    const plot = await inUsePlot(2);
    expect(
      (await flag(manager, { plotId: plot.id, proposedStatus: 'idle', reason: 'test: first' })).statusCode,
    ).toBe(201);
    const second = await flag(manager, { plotId: plot.id, proposedStatus: 'idle', reason: 'test: second' });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toMatch(/already has a flag waiting for review/);

    expect(
      (await flag(publicApp, { plotId: plot.id, proposedStatus: 'idle', reason: 'test: x' })).statusCode,
    ).toBe(401);
    expect(
      (await manager.inject({ method: 'POST', url: '/api/flags/1/review', payload: { decision: 'approve' } }))
        .statusCode,
    ).toBe(403);
    expect((await flag(manager, { plotId: plot.id, reason: 'test: nothing proposed' })).statusCode).toBe(400);
    const dated = await flag(manager, {
      plotId: plot.id,
      proposedStatus: 'low_efficiency',
      reason: 'test: date',
      contractedStartDate: '2024-01-01',
    });
    expect(dated.statusCode).toBe(400);
    // Other zones' flags are not in a zone manager's list.
    const listed = (await manager.inject('/api/flags')).json<{ items: Flag[] }>();
    expect(listed.items.every((f) => f.plot.zoneId === zoneId)).toBe(true);
  });
});
