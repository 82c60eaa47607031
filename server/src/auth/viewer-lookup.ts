// From a secret to a viewer, shared by sessions and access tokens: both are random secrets the
// database knows only by hash, both name a user whose role and zones make the viewer, and both are
// looked up on every request, so a map's dozens of tiles or a QGIS layer's pages cost one query.

import { createHash } from 'node:crypto';
import type { Viewer } from './policy.ts';
import type { Role } from './roles.ts';

/** What the database stores for a secret (SHA-256; a 256-bit random secret needs no slow hash). */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

/** The columns a viewer is made of, for the row alias `u` of users (read with `viewerOf`). */
export const VIEWER_COLUMNS = `u.id AS user_id, u.username, u.display_name, u.role,
  coalesce((SELECT array_agg(z.zone_id ORDER BY z.zone_id) FROM user_zones z WHERE z.user_id = u.id), '{}')
    AS zone_ids`;

export interface ViewerRow {
  user_id: number;
  username: string;
  display_name: string;
  role: Exclude<Role, 'public'>;
  zone_ids: number[];
}

/** A signed-in user as a viewer: only a zone manager's zones scope anything; other roles carry none. */
export function viewerOf(row: ViewerRow) {
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    zoneIds: row.role === 'zone_manager' ? row.zone_ids : [],
  } satisfies Viewer;
}

/**
 * What `load` answers for a secret's hash, kept for `cacheMs` (misses too, so a wrong secret
 * repeated is not a query each time). Forgetting one, or all, takes effect at once here; other
 * server instances notice within `cacheMs`.
 */
export function cachedBySecret<T>(cacheMs: number, load: (hash: string) => Promise<T>) {
  const cache = new Map<string, { value: T; until: number }>();
  return {
    async get(secret: string): Promise<T> {
      const key = hashSecret(secret);
      const now = Date.now();
      const cached = cache.get(key);
      if (cached && cached.until > now) return cached.value;
      const value = await load(key);
      if (cache.size > 10_000) cache.clear();
      cache.set(key, { value, until: now + cacheMs });
      return value;
    },
    forget(secret: string): void {
      cache.delete(hashSecret(secret));
    },
    clear(): void {
      cache.clear();
    },
  };
}
