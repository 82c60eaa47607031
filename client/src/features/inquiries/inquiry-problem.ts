// What went wrong with an inquiry, in terms a visitor can act on (the server's messages are English).
import { ApiError } from '../../api/client.ts';

export const INQUIRY_PROBLEMS = [
  'phone',
  'contact',
  'rate',
  'missing',
  'invalid',
  'network',
  'server',
] as const;
export type InquiryProblem = (typeof INQUIRY_PROBLEMS)[number];

/** The server's phone rule (server/src/inquiries/routes.ts): a mainland mobile or a landline with area code. */
const PHONE = /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/;

/** A phone number as the server reads it (spaces and brackets dropped); null when it cannot be one. */
export function normalizePhone(text: string): string | null {
  const phone = text.replace(/[\s()]/g, '');
  return PHONE.test(phone) ? phone : null;
}

/** Classifies a failed submission: the answer's status and field, or a connection that never got one. */
export function inquiryProblem(error: unknown): InquiryProblem {
  if (!(error instanceof ApiError)) return 'network';
  if (error.statusCode === 429) return 'rate';
  if (error.statusCode === 404) return 'missing';
  if (error.statusCode >= 500) return 'server';
  if (error.message.startsWith('phone or email')) return 'contact';
  if (error.message.startsWith('phone')) return 'phone';
  return 'invalid';
}
