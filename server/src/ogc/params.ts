// Turns an items query into checked filters and a property list, or a 400 that names the problem.
import type { Viewer } from '../auth/policy.ts';
import { FilterError } from '../plots/filters.ts';
import { type OgcCollection, type ParsedFilters, propertyNames } from './collections.ts';
import type { ItemsQueryValues } from './schemas.ts';

function values(name: string, raw: string): string[] {
  const list = [...new Set(raw.split(',').map((value) => value.trim()))];
  if (list.includes('')) throw new FilterError(`${name}: empty value in "${raw}"`);
  return list;
}

/** The collection's filters present in the query, each value checked against its enumeration or pattern. */
export function parseFilters(collection: OgcCollection, query: ItemsQueryValues): ParsedFilters {
  const parsed: ParsedFilters = {};
  for (const [name, filter] of Object.entries(collection.filters)) {
    const raw = query[name];
    if (raw === undefined) continue;
    const list = values(name, String(raw));
    for (const value of list) {
      if (filter.values && !filter.values.includes(value)) {
        throw new FilterError(
          `${name}: unknown value "${value}"; expected one of ${filter.values.join(', ')}`,
        );
      }
      if (filter.pattern && !filter.pattern.test(value)) {
        throw new FilterError(`${name}: "${value}" is not a valid ${name}`);
      }
    }
    parsed[name] = list;
  }
  return parsed;
}

/** The properties to return: all this viewer may receive, or those `properties` names, in schema order. */
export function parseProperties(
  collection: OgcCollection,
  viewer: Viewer,
  raw: string | undefined,
): string[] {
  const allowed = propertyNames(collection, viewer);
  if (raw === undefined) return allowed;
  const asked = values('properties', raw);
  const unknown = asked.filter((name) => !allowed.includes(name));
  if (unknown.length > 0) {
    throw new FilterError(
      `properties: no property ${unknown.map((name) => `"${name}"`).join(', ')} in ${collection.id}; choose from ${allowed.join(', ')}`,
    );
  }
  return allowed.filter((name) => asked.includes(name));
}
