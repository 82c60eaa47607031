// Request schema of a plot's revitalization plan (一地一策); the client imports the type.
import { type Static, Type } from 'typebox';
import { REVITALIZATION_MEASURES } from '../../../geodata/src/types.ts';

export const PlanBody = Type.Object(
  {
    measure: Type.Enum(REVITALIZATION_MEASURES),
    responsibleUnit: Type.String({ minLength: 1, maxLength: 200 }),
    targetDate: Type.Union([Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }), Type.Null()]),
    progress: Type.String({ maxLength: 2000 }),
    progressPct: Type.Integer({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type PlanBody = Static<typeof PlanBody>;
