// Server-side sessions in PostgreSQL: the cookie holds a random token, the database its hash, so
// several server instances share sessions and a stolen database row cannot be replayed as a cookie.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Pool, PoolClient } from '../db/pool.ts';
import type { Viewer } from './policy.ts';
import { cachedBySecret, hashSecret, VIEWER_COLUMNS, type ViewerRow, viewerOf } from './viewer-lookup.ts';

export const SESSION_COOKIE = 'la_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  pool: Pool | PoolClient,
  userId: number,
  hours: number,
  request: Pick<FastifyRequest, 'ip' | 'headers'>,
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const { rows } = await pool.query<{ expires_at: Date }>(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4::int), $5, $6) RETURNING expires_at`,
    [
      hashSecret(token),
      userId,
      csrfToken,
      hours,
      request.ip,
      request.headers['user-agent']?.slice(0, 300) ?? null,
    ],
  );
  return { token, csrfToken, expiresAt: rows[0]!.expires_at };
}

export async function deleteSession(pool: Pool | PoolClient, token: string): Promise<void> {
  await pool.query('DELETE FROM sessions WHERE token_hash = $1', [hashSecret(token)]);
}

/** Ends every session of a user (password reset, deactivation, role change). */
export async function deleteUserSessions(pool: Pool, userId: number): Promise<void> {
  await pool.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

export interface SessionViewer extends Viewer {
  userId: number;
  username: string;
  displayName: string;
  /** Present only for viewers signed in with a session cookie: state changes must send it. */
  csrfToken: string;
}

interface SessionRow extends ViewerRow {
  csrf_token: string;
}

/**
 * Resolves session cookies to viewers. Lookups are cached for a few seconds per token, so a map
 * fetching dozens of tiles costs one query; signing out here clears the cache at once, and on
 * other instances a deleted session stops working within `cacheMs`.
 */
export function createSessionResolver(pool: Pool, cacheMs = 5_000) {
  const sessions = cachedBySecret(cacheMs, async (tokenHash): Promise<SessionViewer | null> => {
    const { rows } = await pool.query<SessionRow>(
      `SELECT ${VIEWER_COLUMNS}, s.csrf_token
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND u.is_active`,
      [tokenHash],
    );
    const row = rows[0];
    return row ? { ...viewerOf(row), csrfToken: row.csrf_token } : null;
  });

  return {
    byToken: sessions.get,
    async resolve(request: FastifyRequest): Promise<SessionViewer | null> {
      const token = request.cookies?.[SESSION_COOKIE];
      if (!token || token.length > 100) return null;
      return sessions.get(token);
    },
    forget: sessions.forget,
    /** Forgets every cached session (after changing users, roles or zones). */
    clear: sessions.clear,
  };
}

export type SessionResolver = ReturnType<typeof createSessionResolver>;

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
