// The one way application code writes the audit trail: who did what to which entity, before and after.
import type { PoolClient } from '../db/pool.ts';

export async function recordAudit(
  client: PoolClient,
  event: {
    actorId: number | null;
    action: string;
    entityType: string;
    entityId: string | number;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await client.query(
    `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      event.actorId,
      event.action,
      event.entityType,
      String(event.entityId),
      event.before === undefined || event.before === null ? null : JSON.stringify(event.before),
      event.after === undefined || event.after === null ? null : JSON.stringify(event.after),
    ],
  );
}
