// Projects: the planners' list, and the 72-hour city review of 10亿元+ projects.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import type { Project } from '../../server/src/projects/schemas.ts';
import { appFor, PLANNER } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';

describe.each(inject('backends'))('projects on $name', (backend) => {
  let pool: Pool;
  let planner: FastifyInstance;
  let manager: FastifyInstance;

  beforeAll(async () => {
    pool = poolFor(backend);
    planner = await appFor(backend, pool, PLANNER);
    manager = await appFor(backend, pool, {
      userId: 3,
      username: 'zone_manager',
      role: 'zone_manager',
      zoneIds: [1],
    });
  });
  afterAll(async () => {
    await pool.query("DELETE FROM projects WHERE code LIKE 'TEST-%'");
    await Promise.all([planner.close(), manager.close()]);
    await pool.end();
  });

  it('lists every project with its review state, overdue first', async () => {
    const { items } = (await planner.inject('/api/projects')).json<{ items: Project[] }>();
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM projects');
    expect(items).toHaveLength(rows[0].n);
    const states = items.map((p) => p.review);
    // The sample city has 10亿元+ projects whose review is due and some overdue.
    expect(states).toContain('overdue');
    expect(states).toContain('due');
    expect(states.indexOf('due')).toBeGreaterThan(states.lastIndexOf('overdue'));
    for (const project of items) {
      expect(project.review === 'not_required').toBe(project.reviewDueAt === null);
      if (project.reviewDueAt) expect(project.investmentYi).toBeGreaterThanOrEqual(10);
    }
    expect((await manager.inject('/api/projects')).statusCode).toBe(403);
  });

  it('sets a 72-hour review deadline on signing a 10亿元+ project, and records the review', async () => {
    const signedAt = new Date(Date.now() - 3_600_000).toISOString();
    const created = await planner.inject({
      method: 'POST',
      url: '/api/projects',
      payload: {
        code: 'TEST-BIG-1',
        name: 'Sample battery plant',
        investor: 'Sample Investor Co.',
        industry: 'new energy',
        investmentYi: 25,
        landDemandMu: 600,
        stage: 'signed',
        zoneId: null,
        signedAt,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const project = created.json<Project>();
    expect(project.review).toBe('due');
    expect(new Date(project.reviewDueAt!).getTime() - new Date(signedAt).getTime()).toBe(72 * 3_600_000);

    const reviewed = await planner.inject({ method: 'POST', url: `/api/projects/${project.id}/city-review` });
    expect(reviewed.json()).toMatchObject({ review: 'done' });

    const smaller = await planner.inject({
      method: 'PATCH',
      url: `/api/projects/${project.id}`,
      payload: { investmentYi: 5, stage: 'started' },
    });
    expect(smaller.json()).toMatchObject({ investmentYi: 5, stage: 'started', review: 'not_required' });
    const { rows } = await pool.query(
      "SELECT action FROM audit_events WHERE entity_type = 'project' AND entity_id = $1 ORDER BY id",
      [String(project.id)],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'project.created',
      'project.city_reviewed',
      'project.updated',
    ]);
  });

  it('refuses a signed project without a date, a duplicate code and unknown fields', async () => {
    const base = {
      code: 'TEST-2',
      name: 'Sample',
      investor: 'Sample Investor Co.',
      industry: 'logistics',
      investmentYi: 1,
      landDemandMu: 50,
      stage: 'signed',
      zoneId: null,
      signedAt: null,
    };
    const noDate = await planner.inject({ method: 'POST', url: '/api/projects', payload: base });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().message).toMatch(/signedAt/);
    const talks = await planner.inject({
      method: 'POST',
      url: '/api/projects',
      payload: { ...base, stage: 'talks' },
    });
    expect(talks.statusCode).toBe(201);
    const again = await planner.inject({
      method: 'POST',
      url: '/api/projects',
      payload: { ...base, stage: 'talks' },
    });
    expect(again.statusCode).toBe(409);
    const extra = await planner.inject({
      method: 'PATCH',
      url: `/api/projects/${talks.json().id}`,
      payload: { priority: 'high' },
    });
    expect(extra.statusCode).toBe(400);
  });
});
