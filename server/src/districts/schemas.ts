// Schema of a district in /api/districts; the client imports the type.
import { type Static, Type } from 'typebox';

export const District = Type.Object({
  code: Type.String({ pattern: '^[0-9]{6}$' }),
  name: Type.String(),
  nameEn: Type.String(),
  areaMu: Type.Number(),
});
export type District = Static<typeof District>;
