// Schema of a zone in /api/zones; the client imports the type.
import { type Static, Type } from 'typebox';

export const Zone = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  level: Type.Union([Type.Literal('national'), Type.Literal('provincial'), Type.Literal('other')]),
  districtCode: Type.String(),
  industries: Type.Array(Type.String()),
  /** Their English names, in the same order (the name as written where none is kept; migration 016). */
  industriesEn: Type.Array(Type.String()),
  areaMu: Type.Number(),
  isSample: Type.Boolean(),
  contact: Type.Object({
    department: Type.Optional(Type.String()),
    departmentEn: Type.Optional(Type.String()),
    phone: Type.Optional(Type.String()),
    email: Type.Optional(Type.String()),
  }),
});
export type Zone = Static<typeof Zone>;
