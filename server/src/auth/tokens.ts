// Access tokens for desktop GIS clients: `Authorization: Bearer la_…` on GET and HEAD requests
// acts as the token's user, with that user's current role and zones. The token is shown once when
// made; the database keeps its hash only, as for sessions.
import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Pool, PoolClient } from '../db/pool.ts';
import type { Viewer } from './policy.ts';
import { cachedBySecret, hashSecret, VIEWER_COLUMNS, type ViewerRow, viewerOf } from './viewer-lookup.ts';

/** Recognisable in a leaked config file or a secret scanner. */
export const TOKEN_PREFIX = 'la_';
const TOKEN_PATTERN = /^la_[A-Za-z0-9_-]{43}$/;

export interface NewAccessToken {
  id: number;
  token: string;
  name: string;
  createdAt: string;
  expiresAt: string;
}

export async function createAccessToken(
  client: Pool | PoolClient,
  userId: number,
  name: string,
  days: number,
): Promise<NewAccessToken> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const { rows } = await client.query<{ id: number; created_at: Date; expires_at: Date }>(
    `INSERT INTO access_tokens (user_id, name, token_hash, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(days => $4::int)) RETURNING id, created_at, expires_at`,
    [userId, name, hashSecret(token), days],
  );
  const row = rows[0]!;
  return {
    id: row.id,
    token,
    name,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
  };
}

/** Revokes every live token of a user (locked out, or their password reset). */
export async function revokeUserTokens(client: Pool | PoolClient, userId: number): Promise<void> {
  await client.query(
    'UPDATE access_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
    [userId],
  );
}

/** Why a bearer token was not accepted: the client is told, instead of silently seeing less. */
export class TokenRefused extends Error {
  readonly statusCode = 401;
}

/**
 * Resolves bearer tokens to viewers. Like sessions, lookups are cached for a few seconds per token
 * (a QGIS layer pages through many requests); revoking here clears the cache at once.
 */
export function createTokenResolver(pool: Pool, cacheMs = 5_000) {
  const tokens = cachedBySecret(cacheMs, async (tokenHash): Promise<Viewer | null> => {
    // Last use is kept at most once per cacheMs per server: the list in the workbench shows it.
    const { rows } = await pool.query<ViewerRow>(
      `WITH used AS (
         UPDATE access_tokens SET last_used_at = now()
          WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
          RETURNING user_id)
       SELECT ${VIEWER_COLUMNS}
         FROM used JOIN users u ON u.id = used.user_id
        WHERE u.is_active`,
      [tokenHash],
    );
    const row = rows[0];
    return row ? viewerOf(row) : null;
  });

  return {
    /**
     * The viewer a request's bearer token names; null when it carries none. A token that is
     * malformed, unknown, expired or revoked, or sent with a request that changes something, is
     * refused (TokenRefused) rather than read as the public.
     */
    async resolve(request: FastifyRequest): Promise<Viewer | null> {
      const header = request.headers.authorization;
      if (!header) return null;
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) return null;
      const token = match[1]!;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        throw new TokenRefused('access tokens only read (GET); sign in in the browser to change anything');
      }
      const viewer = TOKEN_PATTERN.test(token) ? await tokens.get(token) : null;
      if (!viewer) {
        throw new TokenRefused(
          'the access token is unknown, expired or revoked; make a new one under 工作台 › 访问令牌 (Workbench › Access tokens)',
        );
      }
      return viewer;
    },
    /** Forgets every cached token (after a revocation or a change to users). */
    clear: tokens.clear,
  };
}

export type TokenResolver = ReturnType<typeof createTokenResolver>;
