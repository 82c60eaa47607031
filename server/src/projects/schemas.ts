// Request and response schemas of projects (招引项目); the client imports the types.
import { type Static, Type } from 'typebox';
import { Nullable } from '../http/schemas.ts';

export const PROJECT_STAGES = ['talks', 'signed', 'started', 'producing'] as const;
/** Where a project stands with its city-level review (10亿元+ projects, within 72 hours of signing). */
export const REVIEW_STATES = ['not_required', 'due', 'overdue', 'done'] as const;

const ProjectFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  investor: Type.String({ minLength: 1, maxLength: 200 }),
  industry: Type.String({ minLength: 1, maxLength: 100 }),
  investmentYi: Type.Number({ minimum: 0, maximum: 100_000, description: '亿元' }),
  landDemandMu: Nullable(Type.Number({ minimum: 0, maximum: 100_000 })),
  stage: Type.Enum(PROJECT_STAGES),
  zoneId: Nullable(Type.Integer({ minimum: 1 })),
  signedAt: Nullable(Type.String({ format: 'date-time' })),
};

export const CreateProjectBody = Type.Object(
  { code: Type.String({ pattern: '^[A-Za-z0-9-]{2,40}$' }), ...ProjectFields },
  { additionalProperties: false },
);
export type CreateProjectBody = Static<typeof CreateProjectBody>;

export const UpdateProjectBody = Type.Partial(Type.Object(ProjectFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateProjectBody = Static<typeof UpdateProjectBody>;

export const ProjectParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export const ProjectListQuery = Type.Object(
  {
    stage: Type.Optional(Type.Enum(PROJECT_STAGES)),
    zoneId: Type.Optional(Type.Integer({ minimum: 1 })),
    review: Type.Optional(Type.Enum(REVIEW_STATES)),
  },
  { additionalProperties: false },
);
export type ProjectListQuery = Static<typeof ProjectListQuery>;

export const Project = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  ...ProjectFields,
  zoneName: Nullable(Type.String()),
  zoneNameEn: Nullable(Type.String()),
  reviewDueAt: Nullable(Type.String({ format: 'date-time' })),
  cityReviewedAt: Nullable(Type.String({ format: 'date-time' })),
  review: Type.Enum(REVIEW_STATES),
  reservedMu: Type.Number({ description: 'area held for it by active reservations' }),
  isSample: Type.Boolean(),
});
export type Project = Static<typeof Project>;
export const ProjectList = Type.Object({ items: Type.Array(Project) });
export type ProjectList = Static<typeof ProjectList>;
