// Request and response schemas of sign-in; the client imports the types.
import { type Static, Type } from 'typebox';
import { Nullable } from '../http/schemas.ts';
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

// ---- Access tokens (/api/tokens) -------------------------------------------------------------

export const TOKEN_MAX_DAYS = 365;
/** Live (unrevoked, unexpired) tokens one user may hold at once. */
export const TOKENS_PER_USER = 20;

export const AccessToken = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type AccessToken = Static<typeof AccessToken>;

export const NewTokenBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 60,
      pattern: '\\S',
      description: 'what the token is for, e.g. "QGIS on the office PC"',
    }),
    days: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: TOKEN_MAX_DAYS,
        default: 90,
        description: 'valid for this many days',
      }),
    ),
  },
  { additionalProperties: false },
);
export type NewTokenBody = Static<typeof NewTokenBody>;

export const AccessTokenList = Type.Object({ items: Type.Array(AccessToken) });
export type AccessTokenList = Static<typeof AccessTokenList>;

export const CreatedToken = Type.Object({
  ...AccessToken.properties,
  token: Type.String({
    description: 'the secret, shown this once: send it as "Authorization: Bearer <token>"',
  }),
});
export type CreatedToken = Static<typeof CreatedToken>;
