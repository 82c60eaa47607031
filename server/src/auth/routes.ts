// Sign-in, sign-out and "who am I": sessions in PostgreSQL behind an HttpOnly cookie.
import type {} from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import argon2 from 'argon2';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { recordAudit } from '../audit/record.ts';
import { withTransaction } from '../db/pool.ts';
import { errorResponses } from '../http/schemas.ts';
import { LoginBody, Me } from './schemas.ts';
import { createSession, deleteSession, SESSION_COOKIE, type SessionResolver } from './sessions.ts';

export interface AuthOptions {
  sessions: SessionResolver;
  sessionHours: number;
  secureCookies: boolean;
  /** Failed sign-ins per account in `lockoutMinutes` before it is refused (shared by all instances). */
  maxFailures?: number;
  lockoutMinutes?: number;
  /** Sign-in attempts per IP per minute (per instance). */
  perIpPerMinute?: number;
}

// A hash to verify against when the account does not exist, so both cases take as long.
const UNKNOWN_USER_HASH = argon2.hash('land-atlas-no-such-user');

/** Refuses a sign-in posted from another site (login CSRF): browsers say where a request came from. */
function crossSite(request: FastifyRequest): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

const authRoutes: FastifyPluginAsyncTypebox<AuthOptions> = async (app, options) => {
  const maxFailures = options.maxFailures ?? 5;
  const lockoutMinutes = options.lockoutMinutes ?? 15;

  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: options.secureCookies,
  };

  app.post(
    '/api/auth/login',
    {
      config: {
        policy: 'public',
        csrf: false,
        rateLimit: {
          max: options.perIpPerMinute ?? 20,
          timeWindow: '1 minute',
          errorResponseBuilder: (_request, context) => ({
            statusCode: 429,
            error: 'Too Many Requests',
            message: `too many sign-in attempts from this address; try again in ${Math.ceil(context.ttl / 1000)} s`,
          }),
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password; sets the session cookie',
        body: LoginBody,
        response: { 200: Me, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (crossSite(request)) throw app.httpErrors.forbidden('sign-in from another site is refused');
      const username = request.body.username.trim().toLowerCase();
      const failures = await app.db.pool.query<{ n: number; retry_s: number | null }>(
        `SELECT count(*)::int AS n,
                ceil(extract(epoch FROM min(at) + make_interval(mins => $2::int) - now()))::int AS retry_s
         FROM audit_events
         WHERE action = 'auth.login_failed' AND entity_type = 'user' AND entity_id = $1
           AND at > now() - make_interval(mins => $2::int)`,
        [username, lockoutMinutes],
      );
      const recent = failures.rows[0]!;
      if (recent.n >= maxFailures) {
        const minutes = Math.max(1, Math.ceil((recent.retry_s ?? 60) / 60));
        reply.header('retry-after', String(Math.max(1, recent.retry_s ?? 60)));
        throw app.httpErrors.tooManyRequests(
          `too many failed sign-ins for this account; try again in ${minutes} min`,
        );
      }
      const { rows } = await app.db.pool.query<{ id: number; password_hash: string }>(
        'SELECT id, password_hash FROM users WHERE lower(username) = $1 AND is_active',
        [username],
      );
      const user = rows[0];
      const valid = await argon2.verify(
        user?.password_hash ?? (await UNKNOWN_USER_HASH),
        request.body.password,
      );
      if (!user || !valid) {
        await withTransaction(app.db.pool, (client) =>
          recordAudit(client, {
            actorId: null,
            action: 'auth.login_failed',
            entityType: 'user',
            entityId: username,
            after: { ip: request.ip },
          }),
        );
        throw app.httpErrors.unauthorized('wrong username or password');
      }
      const session = await withTransaction(
        app.db.pool,
        async (client) => {
          await recordAudit(client, {
            actorId: user.id,
            action: 'auth.login',
            entityType: 'user',
            entityId: username,
            after: { ip: request.ip },
          });
          return createSession(client, user.id, options.sessionHours, request);
        },
        user.id,
      );
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: session.expiresAt });
      const viewer = await options.sessions.byToken(session.token);
      if (!viewer) throw app.httpErrors.internalServerError('the new session could not be read back');
      return {
        user: {
          id: viewer.userId,
          username: viewer.username,
          displayName: viewer.displayName,
          role: viewer.role,
          zoneIds: viewer.zoneIds,
        },
        csrfToken: viewer.csrfToken,
      };
    },
  );

  // Expired sessions no longer sign anyone in; clear them out now and then.
  let sweep: NodeJS.Timeout | undefined;
  const clearExpired = () =>
    app.db.pool
      .query('DELETE FROM sessions WHERE expires_at < now()')
      .catch((error: unknown) => app.log.warn({ err: error }, 'clearing expired sessions failed'));
  app.addHook('onReady', async () => {
    await clearExpired();
    sweep = setInterval(() => void clearExpired(), 3_600_000);
    sweep.unref();
  });
  app.addHook('onClose', async () => clearInterval(sweep));

  app.post(
    '/api/auth/logout',
    {
      config: { policy: 'signed_in' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: the session ends on every server at once',
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        await withTransaction(
          app.db.pool,
          async (client) => {
            await deleteSession(client, token);
            await recordAudit(client, {
              actorId: request.viewer.userId,
              action: 'auth.logout',
              entityType: 'user',
              entityId: request.viewer.username ?? '',
            });
          },
          request.viewer.userId,
        );
        options.sessions.forget(token);
      }
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user (null for the public) and the CSRF token',
        response: { 200: Me },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const viewer = request.viewer;
      if (viewer.userId === null || viewer.csrfToken === undefined) return { user: null, csrfToken: null };
      return {
        user: {
          id: viewer.userId,
          username: viewer.username ?? '',
          displayName: viewer.displayName ?? viewer.username ?? '',
          role: viewer.role,
          zoneIds: viewer.zoneIds,
        },
        csrfToken: viewer.csrfToken,
      };
    },
  );
};

export default authRoutes;
