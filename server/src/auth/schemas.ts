// Request and response schemas of sign-in; the client imports the types.
import { type Static, Type } from 'typebox';
import { ROLES } from './roles.ts';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 40 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const SignedInUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.Enum(ROLES),
  zoneIds: Type.Array(Type.Integer(), { description: "a zone manager's zones; empty for other roles" }),
});
export type SignedInUser = Static<typeof SignedInUser>;

export const Me = Type.Object({
  user: Type.Union([SignedInUser, Type.Null()]),
  csrfToken: Type.Union([Type.String(), Type.Null()], {
    description: 'send as the x-csrf-token header with every state-changing request',
  }),
});
export type Me = Static<typeof Me>;
