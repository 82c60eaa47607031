// /api/tokens: a signed-in user's access tokens for QGIS and GDAL — list, make (the secret shown
// once), revoke. Each user manages their own; making and revoking are audited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordAudit } from '../audit/record.ts';
import { withTransaction } from '../db/pool.ts';
import { errorResponses } from '../http/schemas.ts';
import { type AccessToken, AccessTokenList, CreatedToken, NewTokenBody, TOKENS_PER_USER } from './schemas.ts';
import { createAccessToken, type TokenResolver } from './tokens.ts';

const TokenParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

const tokenRoutes: FastifyPluginAsyncTypebox<{ tokens: TokenResolver }> = async (app, options) => {
  const pool = app.db.pool;

  app.get(
    '/api/tokens',
    {
      config: { policy: 'signed_in' },
      schema: {
        tags: ['auth'],
        summary: 'Your live access tokens (never their secrets), newest first',
        response: { 200: AccessTokenList, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { rows } = await pool.query<AccessToken>(
        `SELECT id, name, created_at AS "createdAt", expires_at AS "expiresAt", last_used_at AS "lastUsedAt"
           FROM access_tokens
          WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
          ORDER BY created_at DESC, id DESC`,
        [request.viewer.userId],
      );
      return { items: rows };
    },
  );

  app.post(
    '/api/tokens',
    {
      config: { policy: 'signed_in' },
      schema: {
        tags: ['auth'],
        summary: 'Make an access token for QGIS or GDAL: read-only, acting as you; its secret is shown once',
        body: NewTokenBody,
        response: { 201: CreatedToken, ...errorResponses },
      },
    },
    async (request, reply) => {
      const userId = request.viewer.userId!;
      const created = await withTransaction(
        pool,
        async (client) => {
          // One user's tokens in turn, so two requests at once cannot both pass the limit.
          await client.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
          const { rows } = await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM access_tokens
              WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
            [userId],
          );
          if (rows[0]!.n >= TOKENS_PER_USER) {
            throw app.httpErrors.conflict(
              `you already have ${TOKENS_PER_USER} access tokens; revoke one you no longer use first`,
            );
          }
          const token = await createAccessToken(
            client,
            userId,
            request.body.name.trim(),
            request.body.days ?? 90,
          );
          await recordAudit(client, {
            actorId: userId,
            action: 'token.created',
            entityType: 'access_token',
            entityId: token.id,
            after: { name: token.name, expiresAt: token.expiresAt },
          });
          return token;
        },
        userId,
      );
      reply.code(201).header('cache-control', 'no-store');
      return { ...created, lastUsedAt: null };
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { policy: 'signed_in' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your access tokens: it stops working at once',
        params: TokenParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const userId = request.viewer.userId!;
      const revoked = await withTransaction(
        pool,
        async (client) => {
          const { rows } = await client.query<{ name: string }>(
            `UPDATE access_tokens SET revoked_at = now()
              WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING name`,
            [request.params.id, userId],
          );
          if (rows.length === 0) return false;
          await recordAudit(client, {
            actorId: userId,
            action: 'token.revoked',
            entityType: 'access_token',
            entityId: request.params.id,
            before: { name: rows[0]!.name },
          });
          return true;
        },
        userId,
      );
      if (!revoked) throw app.httpErrors.notFound(`you have no access token ${request.params.id}`);
      options.tokens.clear();
      return reply.code(204).send(null);
    },
  );
};

export default tokenRoutes;
