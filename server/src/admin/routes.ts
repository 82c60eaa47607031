// The admin screen's API: users, roles, zone scopes, password resets, and the audit log.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import argon2 from 'argon2';
import { recordAudit } from '../audit/record.ts';
import { deleteUserSessions, type SessionResolver } from '../auth/sessions.ts';
import { revokeUserTokens, type TokenResolver } from '../auth/tokens.ts';
import { binder } from '../db/bind.ts';
import { type PoolClient, withTransaction } from '../db/pool.ts';
import { ErrorResponse, errorResponses } from '../http/schemas.ts';
import {
  AuditPage,
  AuditQuery,
  CreateUserBody,
  PasswordBody,
  UpdateUserBody,
  User,
  UserList,
  UserParams,
} from './schemas.ts';

export interface AdminOptions {
  sessions: SessionResolver;
  tokens: TokenResolver;
}

const responses = { ...errorResponses, 404: ErrorResponse, 409: ErrorResponse };

const adminRoutes: FastifyPluginAsyncTypebox<AdminOptions> = async (app, options) => {
  async function users(id?: number): Promise<User[]> {
    const { rows } = await app.db.pool.query<User>(
      `SELECT u.id, u.username, u.display_name AS "displayName", u.role,
              coalesce((SELECT array_agg(z.zone_id ORDER BY z.zone_id) FROM user_zones z WHERE z.user_id = u.id), '{}')
                AS "zoneIds",
              u.is_active AS "isActive", u.is_sample AS "isSample",
              (SELECT to_json(max(a.at)) #>> '{}' FROM audit_events a
               WHERE a.action = 'auth.login' AND a.actor_id = u.id) AS "lastSignIn"
       FROM users u ${id === undefined ? '' : 'WHERE u.id = $1'}
       ORDER BY u.username`,
      id === undefined ? [] : [id],
    );
    return rows;
  }
  async function one(id: number) {
    const [user] = await users(id);
    if (!user) throw app.httpErrors.notFound(`user ${id} does not exist`);
    return user;
  }
  async function setZones(client: PoolClient, userId: number, role: string, zoneIds: number[]) {
    if (role !== 'zone_manager' && zoneIds.length > 0) {
      throw app.httpErrors.badRequest('zoneIds: only zone managers have zones');
    }
    const known = await client.query<{ id: number }>('SELECT id FROM zones WHERE id = ANY ($1::int[])', [
      zoneIds,
    ]);
    const missing = zoneIds.filter((id) => !known.rows.some((row) => row.id === id));
    if (missing.length > 0) throw app.httpErrors.badRequest(`zoneIds: no zone ${missing.join(', ')}`);
    await client.query('DELETE FROM user_zones WHERE user_id = $1', [userId]);
    await client.query('INSERT INTO user_zones (user_id, zone_id) SELECT $1, unnest($2::int[])', [
      userId,
      zoneIds,
    ]);
  }

  app.get(
    '/api/users',
    {
      config: { policy: 'admin' },
      schema: { tags: ['admin'], summary: 'Every user', response: { 200: UserList, ...errorResponses } },
    },
    async () => ({ items: await users() }),
  );

  app.post(
    '/api/users',
    {
      config: { policy: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Add a user',
        body: CreateUserBody,
        response: { 201: User, ...responses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const hash = await argon2.hash(body.password);
      const id = await withTransaction(
        app.db.pool,
        async (client) => {
          const taken = await client.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [
            body.username,
          ]);
          if (taken.rows.length > 0) throw app.httpErrors.conflict(`username ${body.username} is taken`);
          const { rows } = await client.query<{ id: number }>(
            `INSERT INTO users (username, display_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
            [body.username, body.displayName.trim(), body.role, hash],
          );
          const userId = rows[0]!.id;
          await setZones(client, userId, body.role, body.zoneIds);
          await recordAudit(client, {
            actorId: request.viewer.userId,
            action: 'user.created',
            entityType: 'user',
            entityId: body.username,
            after: { displayName: body.displayName, role: body.role, zoneIds: body.zoneIds },
          });
          return userId;
        },
        request.viewer.userId,
      );
      return reply.code(201).send(await one(id));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { policy: 'admin' },
      schema: {
        tags: ['admin'],
        summary: "Change a user's name, role, zones or whether they may sign in (ends their sessions)",
        params: UserParams,
        body: UpdateUserBody,
        response: { 200: User, ...responses },
      },
    },
    async (request) => {
      const before = await one(request.params.id);
      const body = request.body;
      if (before.id === request.viewer.userId && (body.role !== undefined || body.isActive === false)) {
        throw app.httpErrors.conflict('you cannot change your own role or lock yourself out');
      }
      const role = body.role ?? before.role;
      await withTransaction(
        app.db.pool,
        async (client) => {
          await client.query(
            `UPDATE users SET display_name = coalesce($2, display_name), role = $3,
                              is_active = coalesce($4, is_active), updated_at = now()
             WHERE id = $1`,
            [before.id, body.displayName?.trim() ?? null, role, body.isActive ?? null],
          );
          const zoneIds = body.zoneIds ?? (role === 'zone_manager' ? before.zoneIds : []);
          await setZones(client, before.id, role, zoneIds);
          await recordAudit(client, {
            actorId: request.viewer.userId,
            action: 'user.updated',
            entityType: 'user',
            entityId: before.username,
            before: {
              displayName: before.displayName,
              role: before.role,
              zoneIds: before.zoneIds,
              isActive: before.isActive,
            },
            after: body,
          });
        },
        request.viewer.userId,
      );
      // What a session may see changed: it signs in again. Access tokens follow the user's role and
      // zones as they are now; a user locked out loses them.
      if (body.role !== undefined || body.zoneIds !== undefined || body.isActive === false) {
        await deleteUserSessions(app.db.pool, before.id);
      }
      if (body.isActive === false) await revokeUserTokens(app.db.pool, before.id);
      options.sessions.clear();
      options.tokens.clear();
      return one(before.id);
    },
  );

  app.post(
    '/api/users/:id/password',
    {
      config: { policy: 'admin' },
      schema: {
        tags: ['admin'],
        summary: "Reset a user's password; their sessions end",
        params: UserParams,
        body: PasswordBody,
        response: { 200: User, ...responses },
      },
    },
    async (request) => {
      const user = await one(request.params.id);
      const hash = await argon2.hash(request.body.password);
      await withTransaction(
        app.db.pool,
        async (client) => {
          await client.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [
            user.id,
            hash,
          ]);
          await client.query('DELETE FROM sessions WHERE user_id = $1', [user.id]);
          // A reset password may mean a stolen one: whatever was made with it stops too.
          await revokeUserTokens(client, user.id);
          await recordAudit(client, {
            actorId: request.viewer.userId,
            action: 'user.password_reset',
            entityType: 'user',
            entityId: user.username,
          });
        },
        request.viewer.userId,
      );
      options.sessions.clear();
      options.tokens.clear();
      return user;
    },
  );

  app.get(
    '/api/audit',
    {
      config: { policy: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'The audit log, newest first, filtered by actor, action, entity and time',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const params: unknown[] = [];
      const clauses: string[] = [];
      const bind = binder(params);
      if (q.actor !== undefined) clauses.push(`u.username = ${bind(q.actor.toLowerCase())}`);
      if (q.action !== undefined) {
        clauses.push(
          q.action.endsWith('.') ? `a.action LIKE ${bind(`${q.action}%`)}` : `a.action = ${bind(q.action)}`,
        );
      }
      if (q.entityType !== undefined) clauses.push(`a.entity_type = ${bind(q.entityType)}`);
      if (q.entityId !== undefined) clauses.push(`a.entity_id = ${bind(q.entityId)}`);
      if (q.from !== undefined) clauses.push(`a.at >= ${bind(q.from)}`);
      if (q.to !== undefined) clauses.push(`a.at < ${bind(q.to)}`);
      const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
      const from = 'FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id';
      const total = await app.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n ${from} ${where}`,
        params,
      );
      const { rows } = await app.db.pool.query(
        `SELECT a.id, to_json(a.at) #>> '{}' AS at, u.username AS actor, a.action, a.entity_type AS "entityType",
                a.entity_id AS "entityId", a.before, a.after
         ${from} ${where}
         ORDER BY a.at DESC, a.id DESC
         LIMIT ${bind(q.limit ?? 100)} OFFSET ${bind(q.offset ?? 0)}`,
        params,
      );
      return { total: total.rows[0]!.n, items: rows };
    },
  );
};

export default adminRoutes;
