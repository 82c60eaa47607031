// Server-side sessions in PostgreSQL: the cookie holds a random token, the database its hash, so
// several server instances share sessions and a stolen database row cannot be replayed as a cookie.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Pool, PoolClient } from '../db/pool.ts';
import type { Viewer } from './policy.ts';
import type { Role } from './roles.ts';

export const SESSION_COOKIE = 'la_session';
export const CSRF_HEADER = 'x-csrf-token';

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

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
    [hash(token), userId, csrfToken, hours, request.ip, request.headers['user-agent']?.slice(0, 300) ?? null],
  );
  return { token, csrfToken, expiresAt: rows[0]!.expires_at };
}

export async function deleteSession(pool: Pool | PoolClient, token: string): Promise<void> {
  await pool.query('DELETE FROM sessions WHERE token_hash = $1', [hash(token)]);
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

interface SessionRow {
  user_id: number;
  username: string;
  display_name: string;
  role: Exclude<Role, 'public'>;
  csrf_token: string;
  zone_ids: number[];
}

/**
 * Resolves session cookies to viewers. Lookups are cached for a few seconds per token, so a map
 * fetching dozens of tiles costs one query; signing out here clears the cache at once, and on
 * other instances a deleted session stops working within `cacheMs`.
 */
export function createSessionResolver(pool: Pool, cacheMs = 5_000) {
  const cache = new Map<string, { viewer: SessionViewer | null; until: number }>();

  async function lookup(token: string): Promise<SessionViewer | null> {
    const key = hash(token);
    const now = Date.now();
    const cached = cache.get(key);
    if (cached && cached.until > now) return cached.viewer;
    const { rows } = await pool.query<SessionRow>(
      `SELECT u.id AS user_id, u.username, u.display_name, u.role, s.csrf_token,
              coalesce((SELECT array_agg(z.zone_id ORDER BY z.zone_id) FROM user_zones z WHERE z.user_id = u.id),
                       '{}') AS zone_ids
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND u.is_active`,
      [key],
    );
    const row = rows[0];
    const viewer: SessionViewer | null = row
      ? {
          userId: row.user_id,
          username: row.username,
          displayName: row.display_name,
          role: row.role,
          // Only a zone manager's zones scope anything; other roles carry none.
          zoneIds: row.role === 'zone_manager' ? row.zone_ids : [],
          csrfToken: row.csrf_token,
        }
      : null;
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { viewer, until: now + cacheMs });
    return viewer;
  }

  return {
    byToken: lookup,
    async resolve(request: FastifyRequest): Promise<SessionViewer | null> {
      const token = request.cookies?.[SESSION_COOKIE];
      if (!token || token.length > 100) return null;
      return lookup(token);
    },
    forget(token: string) {
      cache.delete(hash(token));
    },
    /** Forgets every cached session (after changing users, roles or zones). */
    clear() {
      cache.clear();
    },
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
