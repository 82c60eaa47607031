// Request and response schemas of the site finder (选址); the client imports these as types.
import { type Static, Type } from 'typebox';
import { MultiPolygonGeometry } from '../http/schemas.ts';

export const SiteSearchBody = Type.Object(
  {
    demandMu: Type.Number({
      exclusiveMinimum: 0,
      maximum: 100_000,
      description: 'Land the project needs (mu)',
    }),
    zoneIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 100 })),
    districtCodes: Type.Optional(
      Type.Array(Type.String({ pattern: '^[0-9]{6}$' }), { minItems: 1, maxItems: 50 }),
    ),
    industry: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 60,
        description: 'Only zones whose leading industries include it',
      }),
    ),
    insideControlLine: Type.Optional(
      Type.Union([Type.Literal('core'), Type.Literal('any')], {
        description: 'Only plots mostly inside a core control line, or inside any control line',
      }),
    ),
    maxPlots: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 500, description: 'Most plots one site may have' }),
    ),
    includeRevitalizing: Type.Optional(
      Type.Boolean({ default: true, description: 'Count plots still being revitalized (盘活中)' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 8 })),
  },
  { additionalProperties: false },
);
export type SiteSearchBody = Static<typeof SiteSearchBody>;

export const SiteReasons = Type.Object({
  score: Type.Number({ description: 'Lower is better; the sum of the weighted terms below' }),
  excessMu: Type.Number({ description: 'Area beyond the demand (mu)' }),
  excessShare: Type.Number({ description: 'excessMu ÷ demand' }),
  compactness: Type.Number({ description: 'Area ÷ area of its convex hull (1 is a solid block)' }),
  availableShare: Type.Number({ description: 'Share of the area already available (净地)' }),
  coreShare: Type.Number({ description: 'Share inside core control lines' }),
  lineShare: Type.Number({ description: 'Share inside any control line' }),
  occupantCount: Type.Integer({ description: 'Current occupants that would have to move' }),
  plotCount: Type.Integer(),
});
export type SiteReasons = Static<typeof SiteReasons>;

export const SiteCandidate = Type.Object({
  rank: Type.Integer({ minimum: 1 }),
  areaMu: Type.Number(),
  plotIds: Type.Array(Type.Integer()),
  zoneIds: Type.Array(Type.Integer()),
  geometry: MultiPolygonGeometry,
  reasons: SiteReasons,
});
export type SiteCandidate = Static<typeof SiteCandidate>;

export const SiteSearchResult = Type.Object({
  demandMu: Type.Number(),
  searchedPlots: Type.Integer({ description: 'Candidate plots the search considered' }),
  candidates: Type.Array(SiteCandidate),
});
export type SiteSearchResult = Static<typeof SiteSearchResult>;
