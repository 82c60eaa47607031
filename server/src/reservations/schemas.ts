// Request and response schemas of reservations (预留); the client imports the types.
import { type Static, Type } from 'typebox';

export const RESERVATION_STATUSES = ['active', 'released', 'converted', 'expired'] as const;
/** Plot statuses a reservation may hold: land that is free or waiting to be freed. */
export const RESERVABLE_STATUSES = ['available', 'idle', 'low_efficiency', 'revitalizing'] as const;

const DateText = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'a date (YYYY-MM-DD); the reservation holds until the end of that day, China time',
});

export const CreateReservationBody = Type.Object(
  {
    projectId: Type.Integer({ minimum: 1 }),
    plotIds: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 500, uniqueItems: true }),
    ),
    parcelId: Type.Optional(Type.Integer({ minimum: 1 })),
    until: DateText,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type CreateReservationBody = Static<typeof CreateReservationBody>;

export const ExtendReservationBody = Type.Object({ until: DateText }, { additionalProperties: false });
export type ExtendReservationBody = Static<typeof ExtendReservationBody>;

export const ReservationParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const ReservationListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(RESERVATION_STATUSES)),
    projectId: Type.Optional(Type.Integer({ minimum: 1 })),
    plotId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type ReservationListQuery = Static<typeof ReservationListQuery>;

export const Reservation = Type.Object({
  id: Type.Integer(),
  status: Type.Enum(RESERVATION_STATUSES),
  project: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  plots: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), areaMu: Type.Number() })),
  areaMu: Type.Number(),
  from: Type.String({ format: 'date-time' }),
  until: Type.String({ format: 'date-time' }),
  note: Type.String(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  closedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Reservation = Static<typeof Reservation>;

export const ReservationList = Type.Object({ items: Type.Array(Reservation) });
export type ReservationList = Static<typeof ReservationList>;
