// Request and response schemas of flags (标记): a zone manager's proposal about a plot, reviewed by planners.
import { type Static, Type } from 'typebox';
import { Nullable } from '../http/schemas.ts';
import { INEFFICIENCY_TYPES, PLOT_STATUSES } from '../plots/schemas.ts';

export const FLAG_STATUSES = ['pending', 'approved', 'rejected'] as const;

export const CreateFlagBody = Type.Object(
  {
    plotId: Type.Integer({ minimum: 1 }),
    proposedStatus: Type.Optional(
      Type.Enum(PLOT_STATUSES.filter((s) => s !== 'reserved' && s !== 'supplied')),
    ),
    proposedInefficiencyType: Type.Optional(Type.Enum(INEFFICIENCY_TYPES)),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    evidence: Type.Optional(Type.String({ maxLength: 4000 })),
    contractedStartDate: Type.Optional(
      Type.String({
        pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
        description: 'for idle land: the contracted start date',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateFlagBody = Static<typeof CreateFlagBody>;

export const ReviewFlagBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ReviewFlagBody = Static<typeof ReviewFlagBody>;

export const FlagParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const FlagListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(FLAG_STATUSES)),
    plotId: Type.Optional(Type.Integer({ minimum: 1 })),
    zoneId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type FlagListQuery = Static<typeof FlagListQuery>;

export const Flag = Type.Object({
  id: Type.Integer(),
  status: Type.Enum(FLAG_STATUSES),
  plot: Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    status: Type.String(),
    inefficiencyType: Nullable(Type.String()),
    zoneId: Nullable(Type.Integer()),
    zoneName: Nullable(Type.String()),
    zoneNameEn: Nullable(Type.String()),
    areaMu: Type.Number(),
  }),
  proposedStatus: Nullable(Type.String()),
  proposedInefficiencyType: Nullable(Type.String()),
  reason: Type.String(),
  evidence: Type.String(),
  contractedStartDate: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  reviewedBy: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String({ format: 'date-time' })),
  reviewNote: Nullable(Type.String()),
});
export type Flag = Static<typeof Flag>;

export const FlagList = Type.Object({ items: Type.Array(Flag) });
export type FlagList = Static<typeof FlagList>;
