// Flags: proposals about a plot's status or inefficiency type, and their review.

import { recordAudit } from '../audit/record.ts';
import type { Viewer } from '../auth/policy.ts';
import { seesAllInternal } from '../auth/policy.ts';
import { binder } from '../db/bind.ts';
import type { Pool, PoolClient } from '../db/pool.ts';
import { RequestError } from '../http/errors.ts';
import type { CreateFlagBody, Flag } from './schemas.ts';

const audit = (
  client: PoolClient,
  actorId: number | null,
  action: string,
  flagId: number,
  before: unknown,
  after: unknown,
) => recordAudit(client, { actorId, action, entityType: 'flag', entityId: flagId, before, after });

export async function createFlag(client: PoolClient, viewer: Viewer, body: CreateFlagBody): Promise<number> {
  if (body.proposedStatus === undefined && body.proposedInefficiencyType === undefined) {
    throw new RequestError(400, 'propose a status, an inefficiency type, or both');
  }
  const idle = body.proposedStatus === 'idle' || body.proposedInefficiencyType === 'idle';
  if (body.contractedStartDate !== undefined && !idle) {
    throw new RequestError(400, 'contractedStartDate: only for a plot proposed as idle');
  }
  const { rows } = await client.query<{ id: number; code: string; zone_id: number | null }>(
    'SELECT id, code, zone_id FROM plots WHERE id = $1 FOR UPDATE',
    [body.plotId],
  );
  const plot = rows[0];
  if (!plot) throw new RequestError(404, `plot ${body.plotId} does not exist`);
  if (!seesAllInternal(viewer) && (plot.zone_id === null || !viewer.zoneIds.includes(plot.zone_id))) {
    throw new RequestError(403, `plot ${plot.code} lies outside your zones`);
  }
  const pending = await client.query<{ id: number }>(
    "SELECT id FROM flags WHERE plot_id = $1 AND status = 'pending'",
    [plot.id],
  );
  if (pending.rows[0]) {
    throw new RequestError(
      409,
      `plot ${plot.code} already has a flag waiting for review (flag ${pending.rows[0].id})`,
    );
  }
  const inserted = await client.query<{ id: number }>(
    `INSERT INTO flags (plot_id, proposed_status, proposed_inefficiency_type, reason, evidence,
                        contracted_start_date, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      plot.id,
      body.proposedStatus ?? null,
      body.proposedInefficiencyType ?? null,
      body.reason.trim(),
      body.evidence?.trim() ?? '',
      body.contractedStartDate ?? null,
      viewer.userId,
    ],
  );
  const id = inserted.rows[0]!.id;
  await audit(client, viewer.userId, 'flag.created', id, null, {
    plotId: plot.id,
    proposedStatus: body.proposedStatus ?? null,
    proposedInefficiencyType: body.proposedInefficiencyType ?? null,
    reason: body.reason.trim(),
  });
  return id;
}

export async function reviewFlag(
  client: PoolClient,
  viewer: Viewer,
  id: number,
  decision: 'approve' | 'reject',
  note: string | undefined,
): Promise<void> {
  const { rows } = await client.query<{
    id: number;
    plot_id: number;
    status: string;
    proposed_status: string | null;
    proposed_inefficiency_type: string | null;
    contracted_start_date: string | null;
    plot_status: string;
  }>(
    `SELECT f.id, f.plot_id, f.status, f.proposed_status, f.proposed_inefficiency_type,
            to_char(f.contracted_start_date, 'YYYY-MM-DD') AS contracted_start_date, p.status AS plot_status
     FROM flags f JOIN plots p ON p.id = f.plot_id WHERE f.id = $1 FOR UPDATE OF f, p`,
    [id],
  );
  const flag = rows[0];
  if (!flag) throw new RequestError(404, `flag ${id} does not exist`);
  if (flag.status !== 'pending') throw new RequestError(409, `flag ${id} was already ${flag.status}`);
  const trimmed = note?.trim() ?? '';
  if (decision === 'reject' && trimmed === '')
    throw new RequestError(400, 'note: say why the flag is rejected');
  if (decision === 'approve') {
    if (flag.proposed_status !== null && ['reserved', 'supplied'].includes(flag.plot_status)) {
      throw new RequestError(409, `the plot is ${flag.plot_status} now; release the reservation first`);
    }
    // The plot's status trigger records the change in its history, with this reviewer as actor.
    await client.query(
      `UPDATE plots SET
         status = coalesce($2, status),
         inefficiency_type = CASE
           WHEN $3::text IS NOT NULL THEN $3
           WHEN $2 IN ('in_use', 'available') THEN NULL
           ELSE inefficiency_type END,
         contracted_start_date = coalesce($4::date, contracted_start_date)
       WHERE id = $1`,
      [flag.plot_id, flag.proposed_status, flag.proposed_inefficiency_type, flag.contracted_start_date],
    );
  }
  await client.query(
    `UPDATE flags SET status = $2, reviewed_by = $3, reviewed_at = now(), review_note = $4 WHERE id = $1`,
    [id, decision === 'approve' ? 'approved' : 'rejected', viewer.userId, trimmed || null],
  );
  await audit(
    client,
    viewer.userId,
    decision === 'approve' ? 'flag.approved' : 'flag.rejected',
    id,
    { status: 'pending' },
    { status: decision === 'approve' ? 'approved' : 'rejected', note: trimmed || null },
  );
}

interface FlagRow {
  id: number;
  status: Flag['status'];
  plot: Flag['plot'];
  proposed_status: string | null;
  proposed_inefficiency_type: string | null;
  reason: string;
  evidence: string;
  contracted_start_date: string | null;
  created_by: string;
  created_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_note: string | null;
}

export async function listFlags(
  pool: Pool,
  viewer: Viewer,
  filter: {
    status?: string | undefined;
    plotId?: number | undefined;
    zoneId?: number | undefined;
    id?: number;
  },
): Promise<Flag[]> {
  const params: unknown[] = [seesAllInternal(viewer), viewer.zoneIds];
  const clauses = ['($1::boolean OR p.zone_id = ANY ($2::int[]))'];
  const bind = binder(params);
  if (filter.id !== undefined) clauses.push(`f.id = ${bind(filter.id)}`);
  if (filter.status !== undefined) clauses.push(`f.status = ${bind(filter.status)}`);
  if (filter.plotId !== undefined) clauses.push(`f.plot_id = ${bind(filter.plotId)}`);
  if (filter.zoneId !== undefined) clauses.push(`p.zone_id = ${bind(filter.zoneId)}`);
  const { rows } = await pool.query<FlagRow>(
    `SELECT f.id, f.status,
            json_build_object('id', p.id, 'code', p.code, 'status', p.status, 'inefficiencyType', p.inefficiency_type,
                              'zoneId', p.zone_id, 'zoneName', z.name, 'zoneNameEn', z.name_en,
                              'areaMu', round(p.area_mu::numeric, 1)) AS plot,
            f.proposed_status, f.proposed_inefficiency_type, f.reason, f.evidence,
            to_char(f.contracted_start_date, 'YYYY-MM-DD') AS contracted_start_date,
            cu.username AS created_by, to_json(f.created_at) #>> '{}' AS created_at,
            ru.username AS reviewed_by, to_json(f.reviewed_at) #>> '{}' AS reviewed_at, f.review_note
     FROM flags f
     JOIN plots p ON p.id = f.plot_id
     LEFT JOIN zones z ON z.id = p.zone_id
     JOIN users cu ON cu.id = f.created_by
     LEFT JOIN users ru ON ru.id = f.reviewed_by
     WHERE ${clauses.join(' AND ')}
     ORDER BY (f.status = 'pending') DESC, f.created_at ${filter.status === 'pending' ? 'ASC' : 'DESC'}, f.id
     LIMIT 500`,
    params,
  );
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    plot: row.plot,
    proposedStatus: row.proposed_status,
    proposedInefficiencyType: row.proposed_inefficiency_type,
    reason: row.reason,
    evidence: row.evidence,
    contractedStartDate: row.contracted_start_date,
    createdBy: row.created_by,
    createdAt: row.created_at,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
    reviewNote: row.review_note,
  }));
}
