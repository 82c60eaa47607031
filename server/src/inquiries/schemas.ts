// Request and response schemas of inquiries (投资意向); the client imports the types.
import { type Static, Type } from 'typebox';
import { Nullable } from '../http/schemas.ts';

export const INQUIRY_STATUSES = ['new', 'contacted', 'closed'] as const;
export const INQUIRY_TARGETS = ['plot', 'parcel', 'zone'] as const;

export const CreateInquiryBody = Type.Object(
  {
    targetType: Type.Enum(INQUIRY_TARGETS),
    plotId: Type.Optional(Type.Integer({ minimum: 1 })),
    parcelId: Type.Optional(Type.Integer({ minimum: 1 })),
    zoneId: Type.Optional(Type.Integer({ minimum: 1 })),
    contactName: Type.String({ minLength: 1, maxLength: 100 }),
    company: Type.String({ minLength: 1, maxLength: 200 }),
    phone: Type.Optional(
      Type.String({
        maxLength: 30,
        description: 'a mainland mobile (11 digits) or a landline with area code',
      }),
    ),
    email: Type.Optional(Type.String({ maxLength: 200, format: 'email' })),
    landDemandMu: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100_000 })),
    industry: Type.Optional(Type.String({ maxLength: 100 })),
    message: Type.Optional(Type.String({ maxLength: 4000 })),
    /** A field people never see: software that fills every field fills this one too. */
    website: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type CreateInquiryBody = Static<typeof CreateInquiryBody>;

export const InquiryReceipt = Type.Object({
  received: Type.Literal(true),
  reference: Type.String({ description: 'quote it when calling the zone' }),
});
export type InquiryReceipt = Static<typeof InquiryReceipt>;

export const InquiryParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export const InquiryStatusBody = Type.Object(
  { status: Type.Enum(INQUIRY_STATUSES) },
  { additionalProperties: false },
);
export const InquiryListQuery = Type.Object(
  { status: Type.Optional(Type.Enum(INQUIRY_STATUSES)), zoneId: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export type InquiryListQuery = Static<typeof InquiryListQuery>;

export const Inquiry = Type.Object({
  id: Type.Integer(),
  reference: Type.String(),
  status: Type.Enum(INQUIRY_STATUSES),
  targetType: Type.Enum(INQUIRY_TARGETS),
  plot: Nullable(Type.Object({ id: Type.Integer(), code: Type.String() })),
  parcelId: Nullable(Type.Integer()),
  zone: Nullable(Type.Object({ id: Type.Integer(), name: Type.String(), nameEn: Type.String() })),
  contactName: Type.String(),
  company: Type.String(),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  landDemandMu: Nullable(Type.Number()),
  industry: Nullable(Type.String()),
  message: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Inquiry = Static<typeof Inquiry>;
export const InquiryList = Type.Object({ items: Type.Array(Inquiry) });
export type InquiryList = Static<typeof InquiryList>;
