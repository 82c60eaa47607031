// Shapes of the workflow API (sign-in, flags, reservations, inquiries, projects, admin), from the
// server's TypeBox schemas, imported as types only.
export type {
  AuditPage,
  CreateUserBody,
  UpdateUserBody,
  User,
  UserList,
} from '../../../server/src/admin/schemas.ts';
export type {
  AccessToken,
  AccessTokenList,
  CreatedToken,
  Me,
  NewTokenBody,
  SignedInUser,
} from '../../../server/src/auth/schemas.ts';
export type { CreateFlagBody, Flag, FlagList, ReviewFlagBody } from '../../../server/src/flags/schemas.ts';
export type {
  CreateInquiryBody,
  Inquiry,
  InquiryList,
  InquiryReceipt,
} from '../../../server/src/inquiries/schemas.ts';
export type { PlanBody } from '../../../server/src/plans/schemas.ts';
export type {
  CreateProjectBody,
  Project,
  ProjectList,
  UpdateProjectBody,
} from '../../../server/src/projects/schemas.ts';
export type {
  CreateReservationBody,
  Reservation,
  ReservationList,
} from '../../../server/src/reservations/schemas.ts';
