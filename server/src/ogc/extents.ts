// Collection extents, computed once per data version: a full pass over a large plot table is not free.
import { seesAllInternal, type Viewer } from '../auth/policy.ts';
import type { DataVersion } from '../db/data-version.ts';
import type { Pool } from '../db/pool.ts';
import type { OgcCollection } from './collections.ts';
import { collectionExtent, type Extent } from './queries.ts';

/** Whose view of a collection an extent is: the same for everyone, except where rows depend on the viewer. */
function viewerKey(collection: OgcCollection, viewer: Viewer): string {
  if (!collection.table?.visible) return 'everyone';
  if (seesAllInternal(viewer)) return 'all';
  if (viewer.role === 'zone_manager' && viewer.zoneIds.length > 0) {
    return `zones:${[...viewer.zoneIds].sort((a, b) => a - b).join(',')}`;
  }
  return 'public';
}

/** Keeps at most this many extents (collections × zone scopes); more is cleared rather than grown. */
const MAX_ENTRIES = 200;

export function createExtentCache(
  pool: Pool,
  version: DataVersion,
): (collection: OgcCollection, viewer: Viewer) => Promise<Extent> {
  let seen: string | null = null;
  const entries = new Map<string, Promise<Extent>>();
  return async (collection, viewer) => {
    const current = await version.current();
    if (current !== seen || entries.size >= MAX_ENTRIES) {
      entries.clear();
      seen = current;
    }
    const key = `${collection.id}|${viewerKey(collection, viewer)}`;
    let entry = entries.get(key);
    if (!entry) {
      entry = collectionExtent(pool, viewer, collection);
      entries.set(key, entry);
      entry.catch(() => entries.delete(key));
    }
    return entry;
  };
}
