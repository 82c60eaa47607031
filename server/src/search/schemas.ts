// Request and response schemas of the search route; the client imports these as types.
import { type Static, Type } from 'typebox';
import { BBox } from '../http/schemas.ts';

export const SEARCH_KINDS = ['plot', 'zone', 'district', 'enterprise'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_MAX_LENGTH = 100;

export const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: SEARCH_MAX_LENGTH,
      description:
        'text to find (1–100 characters after trimming): a plot code, a zone or district name or code, ' +
        'or an enterprise name where the viewer may see occupants',
    }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 8 })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchItem = Type.Object({
  kind: Type.Enum(SEARCH_KINDS),
  id: Type.Union([Type.Integer(), Type.String()], {
    description: 'plot id (plot, enterprise), zone id (zone) or 6-digit district code (district)',
  }),
  label: Type.String({ description: 'plot code, zone or district name, or enterprise name' }),
  labelEn: Type.String(),
  detail: Type.Union([Type.String(), Type.Null()], {
    description:
      'a language-neutral hint: zone (or district) code of a plot, plot code of an enterprise, ' +
      'code of a zone or district',
  }),
  /** [minLon, minLat, maxLon, maxLat] of the match (EPSG:4326): where the client flies. */
  bbox: BBox,
});
export type SearchItem = Static<typeof SearchItem>;

export const SearchResult = Type.Object({ items: Type.Array(SearchItem) });
export type SearchResult = Static<typeof SearchResult>;
