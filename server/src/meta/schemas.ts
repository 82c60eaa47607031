// Response schema of /api/meta; the client imports the type.
import { type Static, Type } from 'typebox';
import { ROLES } from '../auth/roles.ts';
import { BBox } from '../http/schemas.ts';

export const Meta = Type.Object({
  city: Type.Object({ name: Type.String(), nameEn: Type.String() }),
  bbox: Type.Union([BBox, Type.Null()]),
  isSample: Type.Boolean({ description: 'true when any of the data shown is generated sample data' }),
  counts: Type.Object({ districts: Type.Integer(), zones: Type.Integer(), plots: Type.Integer() }),
  viewer: Type.Object({ role: Type.Enum(ROLES) }),
  landUses: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() }), {
    description: 'industrial and warehousing classes (国土空间用途分类 10, 11), for the land-use filter',
  }),
});
export type Meta = Static<typeof Meta>;
