// Request and response schemas of the admin screen: users and the audit log.
import { type Static, Type } from 'typebox';
import { Nullable } from '../http/schemas.ts';

export const USER_ROLES = ['investor', 'zone_manager', 'planner', 'admin'] as const;
const Password = Type.String({ minLength: 10, maxLength: 200, description: 'at least 10 characters' });

export const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.Enum(USER_ROLES),
  zoneIds: Type.Array(Type.Integer()),
  isActive: Type.Boolean(),
  isSample: Type.Boolean(),
  lastSignIn: Nullable(Type.String({ format: 'date-time' })),
});
export type User = Static<typeof User>;
export const UserList = Type.Object({ items: Type.Array(User) });
export type UserList = Static<typeof UserList>;

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z0-9_.-]{3,40}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    role: Type.Enum(USER_ROLES),
    zoneIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100, uniqueItems: true }),
    password: Password,
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    role: Type.Optional(Type.Enum(USER_ROLES)),
    zoneIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100, uniqueItems: true })),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const PasswordBody = Type.Object({ password: Password }, { additionalProperties: false });
export const UserParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Type.String({ maxLength: 40, description: 'username' })),
    action: Type.Optional(
      Type.String({ pattern: '^[a-z_.]{1,60}$', description: 'an action or its prefix, e.g. flag.' }),
    ),
    entityType: Type.Optional(Type.String({ pattern: '^[a-z_]{1,30}$' })),
    entityId: Type.Optional(Type.String({ maxLength: 60 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEvent = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Nullable(Type.String()),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
});
export const AuditPage = Type.Object({ total: Type.Integer(), items: Type.Array(AuditEvent) });
export type AuditPage = Static<typeof AuditPage>;
